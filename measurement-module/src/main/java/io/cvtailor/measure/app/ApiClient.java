package io.cvtailor.measure.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/** JSON calls to cvtailor's REST API with a Bearer token; a status other than expected throws. */
public final class ApiClient {
  public static final ObjectMapper JSON = new ObjectMapper();
  // Throw-away accounts on a throw-away database: a fresh password per run.
  private static final String PASSWORD = UUID.randomUUID().toString();

  private final HttpClient http = newHttpClient();
  private final URI base;

  ApiClient(URI base) {
    this.base = base;
  }

  /** A client of the API at {@code base}: an instance, or a load balancer in front of several. */
  public static ApiClient at(URI base) {
    return new ApiClient(base);
  }

  /**
   * HTTP/1.1 with a connection per concurrent request, as browsers and most API clients talk to the
   * server; the JDK's default would try an h2c upgrade and multiplex every client over one
   * connection.
   */
  public static HttpClient newHttpClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  public URI base() {
    return base;
  }

  /** Registers {@code name@eval.example} and returns a new API token. */
  public String register(String name) throws Exception {
    String email = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "@eval.example";
    call(
        "POST",
        "api/v1/auth/register",
        null,
        Map.of("email", email, "password", PASSWORD, "display_name", name),
        201);
    return call(
            "POST", "api/v1/auth/tokens", null, Map.of("email", email, "password", PASSWORD), 201)
        .get("token")
        .asText();
  }

  /** Waits until none of the token's artifacts waits for its embeddings. */
  public void awaitEmbedded(String token) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
    while (Instant.now().isBefore(deadline)) {
      JsonNode status = call("GET", "api/v1/embeddings/status", token, null, 200);
      if (status.get("pending").asLong() == 0) {
        if (status.get("failed").asLong() > 0) {
          throw new IllegalStateException("some embeddings failed: " + status);
        }
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    throw new IllegalStateException("embeddings did not finish in time");
  }

  /** GET of a non-JSON resource (e.g. a PDF); returns its size in bytes. */
  public int callRaw(String path, String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " -> " + response.statusCode());
    }
    return response.body().length;
  }

  /** The application's {@code /metrics} text (Prometheus format), without authentication. */
  public String metrics() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(60)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }

  /** A JSON request; {@code body} is serialised unless it is already a JSON string. */
  public JsonNode call(String method, String path, String token, Object body, int expected)
      throws Exception {
    String json = body instanceof String text ? text : JSON.writeValueAsString(body);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofMinutes(2))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + " -> " + response.statusCode() + ": " + response.body());
    }
    return response.body().isBlank() ? null : JSON.readTree(response.body());
  }

  /** A raw body with its media type (a document upload); the reply as JSON. */
  public JsonNode upload(String path, String token, byte[] body, String mediaType, int expected)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofMinutes(2))
            .header("Content-Type", mediaType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          "POST " + path + " -> " + response.statusCode() + ": " + response.body());
    }
    return response.body().isBlank() ? null : JSON.readTree(response.body());
  }
}
