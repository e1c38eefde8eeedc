// ESLint for the web UI: WebUiLintTest copies this file next to the pinned packages
// (target/eslint, where its imports resolve) and runs ESLint in src/main/webapp with it.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: globals.browser,
    },
    rules: {
      // a finding is a failure, so "off" must be argued here, not sprinkled in the code
      // ({ keep, ...item }) => item drops a field: the named sibling is meant to go unused
      "no-unused-vars": [
        "error",
        { args: "after-used", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {
    files: ["openapi-ui/init.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.browser, SwaggerUIBundle: "readonly" },
    },
  },
];
