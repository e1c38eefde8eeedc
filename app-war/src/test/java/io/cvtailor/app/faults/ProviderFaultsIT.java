package io.cvtailor.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.app.Api;
import io.cvtailor.app.faults.StandInProvider.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 15 item 1, provider faults inside Payara: the WAR configured for an OpenAI-compatible
 * provider that is a stand-in HTTP server in this JVM, whose answers each test scripts. A transient
 * fault (429 with Retry-After, 500, an answer later than {@code openai.timeout-ms}) is retried and
 * the artifact becomes {@code ready}; a garbage body (wrong dimensions, a non-finite value, fewer
 * vectors than inputs) leaves it {@code failed} with a reason, and no vector of it is stored (read
 * from the database); a run of failures opens the MicroProfile Fault Tolerance circuit breaker and
 * successes close it again, as {@code /metrics} shows; a second call while the one bulkhead place
 * is taken is refused at once and retried. One Payara Micro and one PostgreSQL serve every case;
 * short timeouts and the bulkhead of one come from configuration (the standard FT keys).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderFaultsIT {
  private static final int DIMENSIONS = 8;
  private static final String CALLS =
      "io.cvtailor.embeddings.internal.provider.OpenAiEmbeddingCalls/call/CircuitBreaker/";
  private static final String GUARDS =
      "io.cvtailor.embeddings.internal.provider.OpenAiEmbeddingCalls/call/";

  private StandInProvider standIn;
  private ThrowAwayPostgres pg;
  private PayaraProcess payara;
  private Api api;
  private Api.User user;

  @BeforeAll
  void start() throws Exception {
    standIn = new StandInProvider(DIMENSIONS);
    pg = ThrowAwayPostgres.create();
    Map<String, String> config = new HashMap<>();
    config.put("embedding.provider", "openai");
    config.put("openai.base-url", standIn.baseUrl());
    config.put("openai.api-key", "stand-in-key");
    config.put("embedding.model", "stand-in");
    config.put("embedding.dimensions", String.valueOf(DIMENSIONS));
    config.put("openai.timeout-ms", "1500");
    config.put("embedding.worker.poll-ms", "300");
    config.put("embedding.worker.max-attempts", "4");
    config.put("rate-limit.enabled", "false");
    config.put("security.password.iterations", "1024");
    // the breaker stays open 3 s instead of 30 (the standard FT key); it judges the last 10 calls
    config.put(CALLS + "delay", "3");
    // one call in flight at a time
    config.put(GUARDS + "Bulkhead/value", "1");
    payara = PayaraProcess.start(pg.jdbcUrl(), ThrowAwayPostgres.USER, config);
    assertThat(payara.awaitStatus("/health/ready", 200, Duration.ofMinutes(6)))
        .as("ready (log: %s)", payara.log())
        .isTrue();
    api = new Api(payara.url());
    user = api.newUser("Provider");
  }

  @AfterAll
  void stop() throws Exception {
    if (payara != null) {
      payara.close();
    }
    if (pg != null) {
      pg.close();
    }
    if (standIn != null) {
      standIn.close();
    }
  }

  @Test
  @Order(1)
  void transientFaultsAreRetriedAndTheArtifactBecomesReady() throws Exception {
    record Case(String name, Function<JsonNode, Reply> fault) {}
    List<Case> cases =
        List.of(
            new Case("429 with Retry-After: 1", r -> Reply.status(429, "Retry-After", "1")),
            new Case("500", r -> Reply.status(500)),
            new Case("an answer after the 1.5 s timeout", r -> Reply.late(Duration.ofSeconds(4))));
    for (Case c : cases) {
      int before = standIn.requests.get();
      // once each: the breaker (half of the last 10 calls failed) must stay closed here
      standIn.script(List.of(c.fault()));
      long id = write(c.name());
      String status = awaitSettled(id);
      assertThat(status).as("%s: %s", c.name(), error(id)).isEqualTo("ready");
      assertThat(storedDimensions(id)).as(c.name()).isNotEmpty().allMatch(d -> d == DIMENSIONS);
      System.out.printf(
          "[faults] provider %s: retried, ready after %d requests to the provider%n",
          c.name(), standIn.requests.get() - before);
    }
  }

  @Test
  @Order(2)
  void garbageBodiesLeaveTheArtifactFailedWithAReasonAndNoVector() throws Exception {
    record Case(String name, Function<JsonNode, Reply> garbage, String reason) {}
    List<Case> cases =
        List.of(
            new Case(
                "wrong dimensions",
                r -> Reply.vectors(r, DIMENSIONS - 1, r.path("input").size(), "0.5"),
                "dimensions"),
            new Case(
                "a non-finite value",
                r -> Reply.vectors(r, DIMENSIONS, r.path("input").size(), "1e999"),
                "non-finite"),
            new Case(
                "fewer vectors than inputs",
                r -> Reply.vectors(r, DIMENSIONS, r.path("input").size() - 1, "0.5"),
                "embeddings for"));
    for (Case c : cases) {
      standIn.always(c.garbage());
      long id;
      String status;
      try {
        id = write(c.name());
        status = awaitSettled(id);
      } finally {
        standIn.always(null);
      }
      assertThat(status).as(c.name()).isEqualTo("failed");
      assertThat(error(id)).as(c.name()).contains(c.reason());
      assertThat(storedDimensions(id)).as("vectors stored for %s", c.name()).isEmpty();
      System.out.printf(
          "[faults] provider answers %s: failed (\"%s\"), 0 vectors stored%n", c.name(), error(id));
    }
  }

  @Test
  @Order(3)
  void theCircuitBreakerOpensAndClosesAsMetricsShow() throws Exception {
    double openedBefore = metric(metrics(), "ft_circuitbreaker_opened_total");
    standIn.always(r -> Reply.status(500));
    long failing;
    Instant failingSince = Instant.now();
    try {
      failing = write("breaker opens");
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (metric(metrics(), "ft_circuitbreaker_opened_total") <= openedBefore
          && Instant.now().isBefore(deadline)) {
        LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
      }
    } finally {
      standIn.always(null);
    }
    String opened = metrics();
    assertThat(metric(opened, "ft_circuitbreaker_opened_total"))
        .as("the breaker opened (%s)", circuitLines(opened))
        .isGreaterThan(openedBefore);
    double openAfter = Duration.between(failingSince, Instant.now()).toMillis() / 1000.0;

    // the provider answers again: after the breaker's 3 s delay it lets calls through, and two
    // successes close it
    LockSupport.parkNanos(Duration.ofMillis(3500).toNanos());
    for (String title : List.of("breaker half-open", "breaker closes")) {
      long healthy = write(title);
      assertThat(awaitSettled(healthy)).as(error(healthy)).isEqualTo("ready");
    }
    double closedBefore = stateSeconds(metrics(), "closed");
    LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
    String closed = metrics();
    assertThat(stateSeconds(closed, "closed"))
        .as("time in the closed state grows again (%s)", circuitLines(closed))
        .isGreaterThan(closedBefore);
    awaitSettled(failing);
    System.out.printf(
        "[faults] provider answering 500: circuit breaker opened %.1f s after the first failure"
            + " (ft_circuitbreaker_opened_total %.0f -> %.0f); closed again once it answered (time"
            + " in the closed state %.2f -> %.2f s over 2 s)%n",
        openAfter,
        openedBefore,
        metric(closed, "ft_circuitbreaker_opened_total"),
        closedBefore,
        stateSeconds(closed, "closed"));
  }

  /**
   * With one bulkhead place, a query embedding while the worker's call is in flight is refused at
   * once (no queueing in front of a slow API); the search answers after a retry or with 503 and
   * Retry-After, never 500.
   */
  @Test
  @Order(4)
  void aSecondCallWhileTheBulkheadIsFullIsRefusedAndRetried() throws Exception {
    double rejectedBefore =
        metric(metrics(), "ft_bulkhead_calls_total", "bulkheadResult=\"rejected\"");
    // under the 1.5 s HTTP timeout: the call succeeds, but holds the only place for a second
    standIn.script(List.of(r -> Reply.late(Duration.ofMillis(1000))));
    int requestsBefore = standIn.requests.get();

    long id = write("holds the only bulkhead place");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (standIn.requests.get() == requestsBefore && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    Api.Reply search =
        api.post(
            "api/v1/artifacts/search/similar",
            user.token(),
            Map.of("query_text", "kept a billing service up", "similarity_threshold", -1));

    assertThat(search.status()).as(search.raw().body()).isIn(200, 503);
    if (search.status() == 503) {
      assertThat(search.raw().headers().firstValue("Retry-After")).isPresent();
    }
    String after = metrics();
    assertThat(metric(after, "ft_bulkhead_calls_total", "bulkheadResult=\"rejected\""))
        .as("the bulkhead refused a call (%s)", lines(after, "ft_bulkhead_calls"))
        .isGreaterThan(rejectedBefore);
    assertThat(awaitSettled(id)).as(error(id)).isEqualTo("ready");
    System.out.printf(
        "[faults] bulkhead of 1: a search during an embedding call was refused by the guard and"
            + " answered %d%n",
        search.status());
  }

  private long write(String title) {
    Api.Reply created =
        api.post(
            "api/v1/artifacts",
            user.token(),
            Map.of(
                "title", "Provider fault: " + title,
                "artifact_type", "project",
                "description", "Kept the billing service up while " + title + "."));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  /** Waits (at most 90 s) until the artifact is ready or failed, and returns its status. */
  private String awaitSettled(long id) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    String status = status(id);
    while ("pending".equals(status) && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      status = status(id);
    }
    return status;
  }

  private String status(long id) throws Exception {
    return text("SELECT embedding_status FROM artifacts.artifacts WHERE id = ?", id);
  }

  private String error(long id) throws Exception {
    return String.valueOf(text("SELECT embedding_error FROM artifacts.artifacts WHERE id = ?", id));
  }

  private List<Integer> storedDimensions(long id) throws Exception {
    List<Integer> dimensions = new ArrayList<>();
    try (Connection c = pg.connect(ThrowAwayPostgres.DATABASE);
        PreparedStatement q =
            c.prepareStatement(
                "SELECT vector_dims(embedding_vector) FROM embeddings.artifact_embeddings"
                    + " WHERE artifact_id = ?")) {
      q.setLong(1, id);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          dimensions.add(rs.getInt(1));
        }
      }
    }
    return dimensions;
  }

  private String text(String sql, long id) throws Exception {
    try (Connection c = pg.connect(ThrowAwayPostgres.DATABASE);
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setLong(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private String metrics() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(payara.url() + "metrics"))
                .header("Accept", "text/plain")
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The embedding calls' value of a Fault Tolerance metric, summed over its lines; 0 if absent. */
  private static double metric(String body, String name) {
    Matcher m =
        Pattern.compile(
                "(?m)^(?:base_)?"
                    + name
                    + "\\{[^}\\n]*OpenAiEmbeddingCalls\\.call[^}\\n]*\\} ([-0-9.eE+]+)$")
            .matcher(body);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  /** Like {@link #metric(String, String)}, only the lines that also carry {@code label}. */
  private static double metric(String body, String name, String label) {
    return body.lines().filter(l -> l.contains(label)).mapToDouble(l -> metric(l, name)).sum();
  }

  private static String lines(String body, String name) {
    return String.join(
        "; ",
        body.lines()
            .filter(l -> l.contains(name) && l.contains("OpenAiEmbeddingCalls"))
            .filter(l -> !l.startsWith("#"))
            .toList());
  }

  private static double stateSeconds(String body, String state) {
    Matcher m =
        Pattern.compile(
                "(?m)^(?:base_)?ft_circuitbreaker_state_total\\{[^}\\n]*OpenAiEmbeddingCalls\\.call"
                    + "[^}\\n]*state=\""
                    + state
                    + "\"[^}\\n]*\\} ([-0-9.eE+]+)$")
            .matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static String circuitLines(String body) {
    return String.join(
        "; ",
        body.lines()
            .filter(l -> l.contains("circuitbreaker") && l.contains("OpenAiEmbeddingCalls"))
            .filter(l -> !l.startsWith("#"))
            .toList());
  }
}
