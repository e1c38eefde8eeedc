package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * ESLint over the web UI's JavaScript ({@code src/main/webapp}): the recommended rules plus the few
 * in {@code src/test/eslint/eslint.config.mjs}, warnings counted as failures. ESLint is pinned by
 * {@code src/test/eslint/package-lock.json} and installed by {@link NpmPackages} on first use.
 */
class WebUiLintTest {

  @Test
  void theWebUiPassesEslint() throws Exception {
    Path base = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
    Path eslint = NpmPackages.install("eslint", "eslint/bin/eslint.js");
    // next to node_modules, so that its imports (@eslint/js, globals) resolve
    Path config =
        eslint.getParent().getParent().getParent().getParent().resolve("eslint.config.mjs");
    Files.copy(
        base.resolve("src/test/eslint/eslint.config.mjs"),
        config,
        StandardCopyOption.REPLACE_EXISTING);
    Path webapp = base.resolve("src/main/webapp");

    Process lint =
        new ProcessBuilder(
                "node",
                eslint.toString(),
                "--config",
                config.toString(),
                "--max-warnings",
                "0",
                "--format",
                "stylish",
                "js",
                "openapi-ui/init.js")
            .directory(webapp.toFile())
            .redirectErrorStream(true)
            .start();
    String findings = new String(lint.getInputStream().readAllBytes());
    int exit = lint.waitFor();

    assertThat(findings).as("ESLint findings").isEmpty();
    assertThat(exit).isZero();
  }
}
