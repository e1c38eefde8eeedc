package io.cvtailor.app;

import static io.cvtailor.app.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Accounts, tokens, the web session with its CSRF token, sign-in throttling and the profile, over
 * HTTP against the real WAR and database.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdentityIT {
  private static final String JSON = "application/json";

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  // ------------------------------------------------------------------------------------------
  // Registration

  @Test
  void registrationNormalisesTheEmailAndRefusesItTwice() {
    Api api = new Api(deployment);
    String local = "Mixed.Case-" + UUID.randomUUID();
    Api.Reply created =
        api.post(
            "api/v1/auth/register",
            null,
            Map.of(
                "email",
                "  " + local + "@Example.ORG ",
                "password",
                Api.PASSWORD,
                "display_name",
                "Mixed"));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String normalised = (local + "@example.org").toLowerCase();
    assertThat(created.json().get("email").asText()).isEqualTo(normalised);
    assertThat(created.json().get("user_id").asLong()).isPositive();

    Api.Reply again =
        api.post(
            "api/v1/auth/register",
            null,
            Map.of(
                "email",
                local.toUpperCase() + "@example.org",
                "password",
                "another password",
                "display_name",
                "Twin"));
    assertProblem(again, 409, "email");
    assertThat(Db.number("SELECT count(*) FROM artifacts.users WHERE email = ?", normalised))
        .isEqualTo(1);

    // the account signs in however the address is typed
    Api.Reply token =
        api.post(
            "api/v1/auth/tokens",
            null,
            Map.of("email", " " + local.toUpperCase() + "@EXAMPLE.org", "password", Api.PASSWORD));
    assertThat(token.status()).as(token.raw().body()).isEqualTo(201);
  }

  @Test
  void registrationErrorsNameTheFieldAndStateThePasswordRules() {
    Api api = new Api(deployment);
    String email = "rules-" + UUID.randomUUID() + "@example.org";

    Api.Reply shortPassword =
        api.post(
            "api/v1/auth/register",
            null,
            Map.of("email", email, "password", "short", "display_name", "Rules"));
    assertProblem(shortPassword, 400, "password");
    assertThat(messageOf(shortPassword, "password")).contains("10 to 200 characters");

    assertProblem(
        api.post(
            "api/v1/auth/register",
            null,
            Map.of("email", "not-an-address", "password", Api.PASSWORD, "display_name", "R")),
        400,
        "email");
    assertProblem(
        api.post("api/v1/auth/register", null, Map.of("email", email, "password", Api.PASSWORD)),
        400,
        "display_name");
    assertProblem(
        api.post(
            "api/v1/auth/register",
            null,
            Map.of("email", email, "password", Api.PASSWORD, "display_name", "Nul\u0000")),
        400,
        "display_name");
    // a wrong JSON type is a problem naming the field, not Jackson's own text/plain answer
    assertProblem(
        api.post(
            "api/v1/auth/register",
            null,
            "{\"email\": \"" + email + "\", \"password\": 1234567890123, \"display_name\": \"R\"}"),
        400,
        "password");
    assertProblem(api.post("api/v1/auth/register", null, "{\"email\": "), 400, "body");
    assertProblem(api.post("api/v1/auth/register", null, "[]"), 400, "body");
    assertProblem(
        api.call("POST", "api/v1/auth/register", null, JSON, null), 400 /* no body */, "body");

    assertThat(Db.number("SELECT count(*) FROM artifacts.users WHERE email = ?", email)).isZero();
  }

  // ------------------------------------------------------------------------------------------
  // Tokens

  @Test
  void tokensAreShownOnceStoredHashedNamedAndRevocableAtOnce() throws Exception {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Tess");
    Api.Reply issued =
        api.post(
            "api/v1/auth/tokens",
            null,
            Map.of("email", user.email(), "password", user.password(), "name", "laptop cli"));
    assertThat(issued.status()).isEqualTo(201);
    String token = issued.json().get("token").asText();
    String tokenId = issued.json().get("token_id").asText();
    assertThat(issued.json().get("name").asText()).isEqualTo("laptop cli");
    assertThat(issued.json().get("created_at").asText()).isNotBlank();

    // stored as its SHA-256 only
    assertThat(
            Db.text(
                "SELECT token_hash FROM identity.api_tokens WHERE id = CAST(? AS uuid)", tokenId))
        .isEqualTo(sha256(token));
    assertThat(
            Db.number(
                "SELECT count(*) FROM identity.api_tokens t WHERE position(? IN t::text) > 0",
                token))
        .isZero();

    assertThat(api.get("api/v1/me", token).status()).isEqualTo(200);
    assertThat(
            Db.text(
                "SELECT last_used_at FROM identity.api_tokens WHERE id = CAST(? AS uuid)", tokenId))
        .isNotNull();
    Api.Reply listed = api.get("api/v1/auth/tokens", token);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.raw().body()).doesNotContain(token);
    assertThat(listed.json().findValuesAsText("name")).containsExactly("tests", "laptop cli");
    assertThat(listed.json().get(1).get("last_used_at").isNull()).isFalse();

    // another user can neither revoke nor learn about it
    Api.User other = api.newUser("Otto");
    assertProblem(api.delete("api/v1/auth/tokens/" + tokenId, other.token()), 404);
    assertProblem(api.delete("api/v1/auth/tokens/not-a-uuid", other.token()), 404);
    assertThat(api.get("api/v1/me", token).status()).isEqualTo(200);

    assertThat(api.delete("api/v1/auth/tokens/" + tokenId, user.token()).status()).isEqualTo(204);
    Api.Reply revoked = assertProblem(api.get("api/v1/me", token), 401);
    assertThat(revoked.header("WWW-Authenticate")).hasValue("Bearer");
    assertProblem(api.delete("api/v1/auth/tokens/" + tokenId, user.token()), 404);
    // the other token of the same user still works
    assertThat(api.get("api/v1/me", user.token()).status()).isEqualTo(200);
  }

  @Test
  void signInRequestsAreValidatedBeforeAnyPasswordIsChecked() {
    Api api = new Api(deployment);
    assertProblem(api.post("api/v1/auth/tokens", null, Map.of()), 400, "email", "password");
    assertProblem(
        api.post(
            "api/v1/auth/tokens",
            null,
            Map.of("email", "a@example.org", "password", "x", "name", "n".repeat(101))),
        400,
        "name");
    assertProblem(
        api.post("api/v1/auth/tokens", null, "{\"email\": \"a@example.org\", \"password\": true}"),
        400,
        "password");
    assertProblem(api.post("api/v1/auth/session", null, Map.of("password", "x")), 400, "email");
    assertProblem(api.post("api/v1/auth/session", null, "nonsense"), 400, "body");
  }

  @Test
  void callsWithoutValidCredentialsAre401Problems() {
    Api api = new Api(deployment);
    assertProblem(api.get("api/v1/me", null), 401);
    assertProblem(api.get("api/v1/artifacts", "cvt_made-up"), 401);
    assertProblem(api.post("api/v1/artifacts", null, Map.of("title", "x")), 401);
    assertProblem(api.get("api/v1/auth/session", null), 401);
  }

  // ------------------------------------------------------------------------------------------
  // Sign-in throttling

  @Test
  void anAccountIsThrottledFromThisAddressAfterFiveFailedSignIns() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Guessed");
    try {
      for (int i = 1; i <= 5; i++) {
        Api.Reply wrong = signIn(api, user.email(), "wrong password " + i);
        assertProblem(wrong, 401, "password");
      }
      // the right password does not help from this address now: the pair waits a while
      Api.Reply throttled = assertProblem(signIn(api, user.email(), user.password()), 429);
      long retryAfter = Long.parseLong(throttled.header("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, 15 * 60L);
      assertThat(throttled.json().get("detail").asText()).contains("seconds");
      assertThat(
              assertProblem(
                      api.post(
                          "api/v1/auth/session",
                          null,
                          Map.of("email", user.email(), "password", user.password())),
                      429)
                  .header("Retry-After"))
          .isPresent();
      // the tokens it already has keep working, and other accounts can sign in
      assertThat(api.get("api/v1/me", user.token()).status()).isEqualTo(200);
      Api.User other = api.newUser("Unaffected");
      assertThat(signIn(api, other.email(), other.password()).status()).isEqualTo(201);
    } finally {
      forgetFailures(List.of(user.email()));
    }
  }

  @Test
  void anAddressIsThrottledAfterFiftyFailedSignIns() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Neighbour");
    List<String> guessed = new ArrayList<>();
    // Failures from this address by earlier tests (in this throw-away database) would count too.
    Db.update("DELETE FROM identity.sign_in_counters");
    try {
      for (int i = 0; i < 50; i++) {
        String email = "nobody-" + UUID.randomUUID() + "@example.org";
        guessed.add(email);
        assertProblem(signIn(api, email, "guess"), 401);
      }
      // fifty failures from this address, each for a different account: the address is blocked
      Api.Reply throttled = assertProblem(signIn(api, user.email(), user.password()), 429);
      assertThat(throttled.header("Retry-After")).isPresent();
    } finally {
      forgetFailures(guessed);
    }
    assertThat(signIn(api, user.email(), user.password()).status()).isEqualTo(201);
  }

  // ------------------------------------------------------------------------------------------
  // Web session and CSRF

  @Test
  void theSessionCookieIsHttpOnlyStrictAndItsWritesNeedTheCsrfToken() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Browser");
    Api.Reply signedIn =
        api.post(
            "api/v1/auth/session",
            null,
            Map.of("email", user.email(), "password", user.password()));
    assertThat(signedIn.status()).as(signedIn.raw().body()).isEqualTo(200);
    String setCookie = signedIn.header("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("cvtailor_session=").contains("HttpOnly");
    assertThat(setCookie.toLowerCase()).contains("samesite=strict").contains("path=/");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String csrf = signedIn.json().get("csrf_token").asText();
    assertThat(csrf).isNotBlank();
    assertThat(signedIn.json().get("user_id").asLong()).isEqualTo(user.id());

    Api.Reply session = withCookie(api, "GET", "api/v1/auth/session", cookie, null, null);
    assertThat(session.status()).isEqualTo(200);
    assertThat(session.json().get("csrf_token").asText()).isEqualTo(csrf);
    assertThat(withCookie(api, "GET", "api/v1/me", cookie, null, null).status()).isEqualTo(200);

    String profile = "{\"name\": \"Changed by cookie\", \"links\": []}";
    Api.Reply noToken = withCookie(api, "PUT", "api/v1/me/profile", cookie, null, profile);
    assertProblem(noToken, 403);
    assertThat(noToken.json().get("detail").asText()).contains("X-CSRF-Token");
    assertProblem(withCookie(api, "PUT", "api/v1/me/profile", cookie, "wrong", profile), 403);
    assertProblem(
        withCookie(
            api,
            "POST",
            "api/v1/artifacts",
            cookie,
            null,
            "{\"title\": \"x\", \"artifact_type\": \"skill\"}"),
        403);
    assertThat(api.get("api/v1/me", user.token()).json().at("/profile/name").asText())
        .isEqualTo("Browser");
    assertThat(Db.number("SELECT count(*) FROM artifacts.artifacts WHERE user_id = ?", user.id()))
        .isZero();

    Api.Reply changed = withCookie(api, "PUT", "api/v1/me/profile", cookie, csrf, profile);
    assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
    assertThat(api.get("api/v1/me", user.token()).json().at("/profile/name").asText())
        .isEqualTo("Changed by cookie");
    assertThat(
            withCookie(
                    api,
                    "POST",
                    "api/v1/artifacts",
                    cookie,
                    csrf,
                    "{\"title\": \"Made in the browser\", \"artifact_type\": \"skill\"}")
                .status())
        .isEqualTo(201);

    // signing out (a write: it needs the token too) ends the session
    assertProblem(withCookie(api, "DELETE", "api/v1/auth/session", cookie, null, null), 403);
    assertThat(withCookie(api, "DELETE", "api/v1/auth/session", cookie, csrf, null).status())
        .isEqualTo(204);
    assertProblem(withCookie(api, "GET", "api/v1/me", cookie, null, null), 401);
    assertProblem(withCookie(api, "GET", "api/v1/auth/session", cookie, null, null), 401);
  }

  // ------------------------------------------------------------------------------------------
  // Profile

  @Test
  void theProfileIsReadAndReplaced() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Profiled");
    JsonNode me = api.get("api/v1/me", user.token()).json();
    assertThat(me.get("user_id").asLong()).isEqualTo(user.id());
    assertThat(me.get("email").asText()).isEqualTo(user.email());
    assertThat(me.get("display_name").asText()).isEqualTo("Profiled");
    assertThat(me.get("created_at").asText()).isNotBlank();
    assertThat(me.at("/profile/name").asText()).isEqualTo("Profiled");
    assertThat(me.at("/profile/email").asText()).isEqualTo(user.email());

    Map<String, Object> profile = new LinkedHashMap<>();
    profile.put("name", "Pat Profiled");
    profile.put("headline", "Platform engineer");
    profile.put("email", "pat@example.org");
    profile.put("phone", "+44 20 7946 0000");
    profile.put("location", "London, UK");
    profile.put("summary", "Builds paved roads for product teams.");
    profile.put(
        "links",
        List.of(
            Map.of("label", "GitHub", "url", "https://github.com/pat"),
            Map.of("label", "Blog", "url", "http://pat.example.org")));
    Api.Reply saved = api.put("api/v1/me/profile", user.token(), profile);
    assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
    JsonNode stored = api.get("api/v1/me", user.token()).json().get("profile");
    profile.forEach(
        (field, value) -> assertThat(stored.get(field)).as(field).isEqualTo(Api.tree(value)));
  }

  @Test
  void profileErrorsNameTheFieldAndChangeNothing() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Strict");
    String before = api.get("api/v1/me", user.token()).json().get("profile").toString();

    assertProblem(
        api.put(
            "api/v1/me/profile",
            user.token(),
            Map.of(
                "name",
                "Strict",
                "links",
                List.of(
                    Map.of("label", "ok", "url", "https://ok.example"),
                    Map.of("label", "bad", "url", "javascript:alert(1)")))),
        400,
        "links[1].url");
    assertProblem(
        api.put(
            "api/v1/me/profile",
            user.token(),
            Map.of("links", List.of(Map.of("label", "", "url", "https://x.example")))),
        400,
        "links[0].label");
    assertProblem(
        api.put("api/v1/me/profile", user.token(), "{\"links\": [null]}"), 400, "links[0]");
    assertProblem(
        api.put("api/v1/me/profile", user.token(), Map.of("email", "nope")), 400, "email");
    assertProblem(
        api.put("api/v1/me/profile", user.token(), Map.of("summary", "x".repeat(5001))),
        400,
        "summary");
    assertProblem(
        api.put("api/v1/me/profile", user.token(), Map.of("name", "a\u0000b")), 400, "name");
    assertProblem(
        api.put("api/v1/me/profile", user.token(), "{\"links\": \"https://x.example\"}"),
        400,
        "links");
    assertProblem(api.put("api/v1/me/profile", user.token(), "{\"name\": 5}"), 400, "name");
    assertProblem(
        api.put("api/v1/me/profile", user.token(), "{\"links\": [{\"url\": 5}]}"),
        400,
        "links[0].url");

    assertThat(api.get("api/v1/me", user.token()).json().get("profile").toString())
        .isEqualTo(before);
  }

  // ------------------------------------------------------------------------------------------

  private static Api.Reply signIn(Api api, String email, String password) {
    return api.post(
        "api/v1/auth/tokens", null, Map.of("email", email, "password", password, "name", "t"));
  }

  private static Api.Reply withCookie(
      Api api, String method, String path, String cookie, String csrf, String body) {
    List<String> headers = new ArrayList<>(List.of("Cookie", cookie));
    if (csrf != null) {
      headers.addAll(List.of("X-CSRF-Token", csrf));
    }
    return api.call(
        method, path, null, body == null ? null : JSON, body, headers.toArray(String[]::new));
  }

  private static String messageOf(Api.Reply reply, String field) {
    for (JsonNode error : reply.json().get("errors")) {
      if (error.get("field").asText().equals(field)) {
        return error.get("message").asText();
      }
    }
    return "";
  }

  /** Failed sign-ins from this address count for every test: the throttle tests clean up. */
  private static void forgetFailures(List<String> emails) {
    for (String email : emails) {
      Db.update("DELETE FROM identity.sign_in_counters WHERE account_key = ?", email.toLowerCase());
    }
    Db.update("DELETE FROM identity.sign_in_counters WHERE scope = 'address'");
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
