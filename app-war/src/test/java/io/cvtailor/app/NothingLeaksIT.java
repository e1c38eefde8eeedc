package io.cvtailor.app;

import static io.cvtailor.app.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Public health says only UP/DOWN, details need the operator token; error bodies carry no
 * internals; every response of the WAR has the security headers; the session cookie is Secure when
 * a trusted proxy reports TLS.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NothingLeaksIT {
  private static final String OPERATOR = "test-operator-token"; // arquillian.xml

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  @Test
  void publicHealthSaysOnlyUpOrDown() {
    Api api = viaLoopback();
    Api.Reply ready =
        api.await("/health/ready", null, r -> r.status() == 200, Duration.ofSeconds(60));
    Api.Reply live = api.get("/health/live", null);
    assertThat(live.status()).isEqualTo(200);
    for (Api.Reply health : List.of(ready, live)) {
      String body = health.raw().body();
      assertThat(body).contains("\"UP\"");
      // MicroProfile Health writes a "data" object per check: it must stay empty
      assertThat(health.json().findValues("data")).as(body).allMatch(JsonNode::isEmpty);
      assertThat(body)
          .doesNotContainIgnoringCase("postgres")
          .doesNotContainIgnoringCase("pgvector")
          .doesNotContain(TestDatabase.get().name())
          .doesNotContain("coverage")
          .doesNotContain("artifacts")
          .doesNotContainPattern("\\d+\\.\\d+");
      // only status fields, and check names
      List<String> fields = new ArrayList<>();
      collectFieldNames(health.json(), fields);
      assertThat(fields).allMatch(f -> List.of("status", "checks", "name", "data").contains(f));
    }
  }

  @Test
  void detailsNeedTheOperatorToken() {
    Api api = viaLoopback();
    assertProblem(api.get("api/v1/operations/readiness", null), 401);
    assertProblem(operatorGet(api, "wrong-token"), 401);
    Api.User user = api.newUser("NotAnOperator");
    assertProblem(api.get("api/v1/operations/readiness", user.token()), 401);

    Api.Reply details = operatorGet(api, OPERATOR);
    assertThat(details.status()).as(details.raw().body()).isEqualTo(200);
    assertThat(details.json().at("/database/name").asText()).isEqualTo(TestDatabase.get().name());
    assertThat(details.json().at("/database/pgvector").asText()).startsWith("0.8");
    assertThat(details.json().at("/schema_ready").asBoolean()).isTrue();
    assertThat(details.json().at("/embedding_model/coverage").isMissingNode()).isFalse();
  }

  @Test
  void errorBodiesCarryNoInternals() throws IOException {
    Api api = viaLoopback();
    List<Api.Reply> errors =
        List.of(
            api.get("api/v1/no-such-resource", api.newUserToken("Lost")),
            api.get("no-such-page.html", null),
            api.get("js/no-such-module.js", null),
            api.call("POST", "api/v1/auth/tokens", null, "application/json", "{\"email\":"),
            api.call("PUT", "index.html", null, "text/plain", "x"));
    for (Api.Reply error : errors) {
      String body = error.raw().body();
      assertThat(error.status()).as(body).isBetween(400, 599);
      assertThat(error.contentType()).as(body).startsWith("application/problem+json");
      assertThat(body)
          .doesNotContain("Exception")
          .doesNotContain("\tat ")
          .doesNotContainIgnoringCase("payara")
          .doesNotContainIgnoringCase("jdbc")
          .doesNotContainIgnoringCase("grizzly")
          .doesNotContain("SELECT ");
    }
    // a request the container itself rejects (bad percent-encoding) is answered the same way
    String raw = rawRequest("GET " + path("api/v1/artifacts/%zz") + " HTTP/1.1\r\n", "127.0.0.1");
    String rawBody = raw.substring(raw.indexOf("\r\n\r\n") + 4);
    assertThat(rawBody).doesNotContainIgnoringCase("payara").doesNotContain("Exception");
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    Api api = viaLoopback();
    String token = api.newUserToken("Headers");
    List<Api.Reply> replies =
        List.of(
            api.get("", null),
            api.get("js/app.js", null),
            api.get("openapi-ui/", null),
            api.get("api/v1/me", token),
            api.get("api/v1/me", null),
            api.get("api/v1/artifacts/123456789", token),
            api.get("no-such-page.html", null));
    for (Api.Reply reply : replies) {
      String where = reply.raw().uri() + " " + reply.status();
      String csp = reply.header("Content-Security-Policy").orElse("");
      assertThat(csp).as(where).contains("frame-ancestors 'none'").contains("object-src 'none'");
      assertThat(scriptSources(csp)).as(where).isEqualTo("'self'");
      assertThat(reply.header("X-Content-Type-Options")).as(where).contains("nosniff");
      assertThat(reply.header("Referrer-Policy")).as(where).contains("no-referrer");
      assertThat(reply.header("X-Frame-Options")).as(where).contains("DENY");
    }
    // and the pages need no inline script to work under that policy
    for (String page : List.of("", "openapi-ui/")) {
      Matcher scripts =
          Pattern.compile("<script([^>]*)>").matcher(api.get(page, null).raw().body());
      while (scripts.find()) {
        assertThat(scripts.group(1)).as(page).contains("src=");
      }
    }
  }

  @Test
  void theSessionCookieIsSecureWhenATrustedProxyReportsTls() throws IOException {
    Api api = viaLoopback();
    Api.User user = api.newUser("BehindTls");
    String body = "{\"email\":\"" + user.email() + "\",\"password\":\"" + user.password() + "\"}";
    Api.Reply plain = api.call("POST", "api/v1/auth/session", null, "application/json", body);
    assertThat(plain.status()).isEqualTo(200);
    assertThat(plain.header("Set-Cookie").orElseThrow()).doesNotContainIgnoringCase("secure");

    // 127.0.0.1 is a trusted proxy in the test server; it says the client used https
    Api.Reply proxied =
        api.call(
            "POST",
            "api/v1/auth/session",
            null,
            "application/json",
            body,
            "X-Forwarded-Proto",
            "https");
    assertThat(proxied.status()).isEqualTo(200);
    assertThat(proxied.header("Set-Cookie").orElseThrow()).containsIgnoringCase(";secure");

    // an untrusted peer (127.0.0.2) cannot make the server believe it
    String raw =
        rawRequest(
            "POST "
                + path("api/v1/auth/session")
                + " HTTP/1.1\r\nContent-Type: application/json\r\nX-Forwarded-Proto: https\r\n"
                + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n",
            "127.0.0.2",
            body);
    assertThat(raw).startsWith("HTTP/1.1 200");
    String cookieLine =
        raw.lines()
            .filter(l -> l.regionMatches(true, 0, "Set-Cookie:", 0, 11))
            .findFirst()
            .orElseThrow();
    assertThat(cookieLine).doesNotContainIgnoringCase("secure");
    Db.update("DELETE FROM identity.sign_in_counters");
  }

  private Api.Reply operatorGet(Api api, String token) {
    return api.call(
        "GET", "api/v1/operations/readiness", null, null, null, "X-Operator-Token", token);
  }

  private static String scriptSources(String csp) {
    for (String directive : csp.split(";")) {
      String d = directive.strip();
      if (d.startsWith("script-src ")) {
        return d.substring("script-src ".length()).strip();
      }
    }
    return "(none)";
  }

  private static void collectFieldNames(JsonNode node, List<String> into) {
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(into::add);
      node.elements().forEachRemaining(child -> collectFieldNames(child, into));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> collectFieldNames(child, into));
    }
  }

  private String path(String relative) {
    return deployment.getPath().replaceAll("/$", "") + "/" + relative;
  }

  /** One HTTP/1.1 exchange over a plain socket from the given local address. */
  private String rawRequest(String head, String from) throws IOException {
    return rawRequest(head, from, "");
  }

  private String rawRequest(String head, String from, String body) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", deployment.getPort()), 10_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (head + "Host: 127.0.0.1\r\nConnection: close\r\n\r\n" + body)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The API over 127.0.0.1, the trusted proxy of the test server (arquillian.xml): the deployment's
   * own URL may name the machine's external address, which is not trusted.
   */
  private Api viaLoopback() {
    try {
      return new Api(new URL("http", "127.0.0.1", deployment.getPort(), deployment.getPath()));
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
