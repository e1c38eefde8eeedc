package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** A small HTTP client for the API under test, speaking JSON. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder()
          // HTTP/1.1: the JDK client's h2c upgrade of a large POST body broke it ("EOF reached").
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /** A response: status, headers and the body parsed as JSON (null when empty). */
  public record Reply(int status, JsonNode json, HttpResponse<String> raw) {
    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }

    public String contentType() {
      return header("Content-Type").orElse("");
    }
  }

  public Api(URL deployment) {
    this.base =
        URI.create(deployment.toString().endsWith("/") ? deployment.toString() : deployment + "/");
  }

  /** {@code api/v1/...} is relative to the deployment; {@code /health/...} to the server root. */
  public URI uri(String path) {
    return base.resolve(path);
  }

  public Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Reply delete(String path, String token) {
    return send(request(path, token).DELETE());
  }

  public Reply post(String path, String token, Object body) {
    return send(request(path, token).POST(bodyOf(body)).header("Content-Type", "application/json"));
  }

  public Reply put(String path, String token, Object body) {
    return send(request(path, token).PUT(bodyOf(body)).header("Content-Type", "application/json"));
  }

  /** Any request: a body (with its content type) and extra headers as name, value pairs. */
  public Reply call(
      String method,
      String path,
      String token,
      String contentType,
      String body,
      String... headers) {
    HttpRequest.Builder builder =
        request(path, token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder);
  }

  public Reply send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response =
          http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = response.body().isBlank() ? null : parse(response.body());
      return new Reply(response.statusCode(), json, response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  /** A value as a JSON tree, for comparing with replies. */
  public static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }

  private static HttpRequest.BodyPublisher bodyOf(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofString(
          body instanceof String text ? text : JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A registered person with one API token. */
  public record User(long id, String email, String password, String token, String tokenId) {}

  /** Registers a new person with a unique e-mail address and signs them in with a token. */
  public User newUser(String name) {
    String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.org";
    Reply registered =
        post(
            "api/v1/auth/register",
            null,
            Map.of("email", email, "password", PASSWORD, "display_name", name));
    assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
    Reply token =
        post(
            "api/v1/auth/tokens",
            null,
            Map.of("email", email, "password", PASSWORD, "name", "tests"));
    assertThat(token.status()).as(token.raw().body()).isEqualTo(201);
    return new User(
        registered.json().get("user_id").asLong(),
        email,
        PASSWORD,
        token.json().get("token").asText(),
        token.json().get("token_id").asText());
  }

  public static final String PASSWORD = "correct horse battery";

  /** A web session as a browser holds it: the cookie ({@code name=value}) and its CSRF token. */
  public record Session(String cookie, String csrf) {}

  /** Signs the person in for a web session ({@code POST /auth/session}, 200 asserted). */
  public Session signInSession(User user) {
    Reply session =
        post(
            "api/v1/auth/session",
            null,
            Map.of("email", user.email(), "password", user.password()));
    assertThat(session.status()).as(session.raw().body()).isEqualTo(200);
    return new Session(
        session.header("Set-Cookie").orElseThrow().split(";", 2)[0],
        session.json().get("csrf_token").asText());
  }

  /**
   * Imports {@code count} short projects in one NDJSON request (201 asserted): for each i from
   * {@code from}, the title {@code "<title> <i>"} and the description {@code description} with i in
   * place of its {@code %d}. Each queues its embedding job.
   */
  public Reply importProjects(User user, int from, int count, String title, String description) {
    StringBuilder lines = new StringBuilder();
    for (int i = from; i < from + count; i++) {
      lines
          .append(
              tree(
                  Map.of(
                      "title",
                      title + " " + i,
                      "artifact_type",
                      "project",
                      "description",
                      description.formatted(i))))
          .append('\n');
    }
    Reply imported =
        call(
            "POST",
            "api/v1/artifacts/import",
            user.token(),
            "application/x-ndjson",
            lines.toString());
    assertThat(imported.status()).as(imported.raw().body()).isEqualTo(201);
    return imported;
  }

  /** Registers a new person and returns a fresh API token for them. */
  public String newUserToken(String name) {
    String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.org";
    Reply registered =
        post(
            "api/v1/auth/register",
            null,
            Map.of("email", email, "password", "correct horse battery", "display_name", name));
    assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
    Reply token =
        post(
            "api/v1/auth/tokens",
            null,
            Map.of("email", email, "password", "correct horse battery", "name", "tests"));
    assertThat(token.status()).as(token.raw().body()).isEqualTo(201);
    return token.json().get("token").asText();
  }

  /**
   * Asserts an RFC 9457 problem response with the status, naming (at least) the given fields in
   * {@code errors[].field}.
   */
  public static Reply assertProblem(Reply reply, int status, String... fields) {
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(status);
    assertThat(reply.contentType()).as(reply.raw().body()).startsWith("application/problem+json");
    assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    assertThat(reply.json().get("title").asText()).isNotBlank();
    List<String> named = new ArrayList<>();
    reply.json().path("errors").forEach(e -> named.add(e.get("field").asText()));
    if (fields.length > 0) {
      assertThat(named).as(reply.raw().body()).contains(fields);
    }
    return reply;
  }

  /** Polls until the condition holds or the deadline passes, then returns the last reply. */
  public Reply await(String path, String token, Predicate<Reply> condition, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Reply reply = get(path, token);
    while (!condition.test(reply) && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      reply = get(path, token);
    }
    return reply;
  }

  /** Waits until the artifact's embeddings are ready (or failed) and returns it. */
  public JsonNode awaitEmbedded(long artifactId, String token) {
    Reply reply =
        await(
            "api/v1/artifacts/" + artifactId,
            token,
            r -> r.status() == 200 && !"pending".equals(r.json().get("embedding_status").asText()),
            Duration.ofSeconds(60));
    assertThat(reply.json().get("embedding_status").asText())
        .as(reply.raw().body())
        .isEqualTo("ready");
    return reply.json();
  }
}
