package io.cvtailor.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.app.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
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
 * Issue 15 item 1: what cvtailor survives, on a PostgreSQL cluster and a Payara Micro of the test's
 * own (child processes it can stop and kill), in this order:
 *
 * <ol>
 *   <li>the WAR started while PostgreSQL is down: readiness DOWN and the API 503 meanwhile, ready
 *       on its own once PostgreSQL is up (migrations retried with back-off);
 *   <li>PostgreSQL stopped under a request loop: every answer during the outage is 503 problem+json
 *       with Retry-After (never 500), and the application recovers by itself;
 *   <li>Payara Micro killed with SIGKILL while it embeds an import: after a restart nothing is lost
 *       and every artifact becomes ready (the killed JVM's leased jobs are claimed again);
 *   <li>{@code /metrics} shows embedding_coverage, embedding_pending and embedding_failed.
 * </ol>
 *
 * Each waits within a bound and prints its measured figure ({@code [faults] ...}), which
 * docs/reliability.md reports.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerFaultsIT {
  private static final int IMPORTED = 300;
  private static final Duration START_BOUND = Duration.ofMinutes(6);
  private static final Map<String, String> CONFIG =
      Map.of(
          "operator.token", "faults-operator-token",
          "rate-limit.enabled", "false",
          "security.password.iterations", "1024",
          "embedding.worker.poll-ms", "500",
          // a killed JVM's jobs are claimed again after this; a model call takes far less
          "embedding.worker.lease-seconds", "20");

  private ThrowAwayPostgres pg;
  private PayaraProcess payara;

  /** The WAR is deployed with PostgreSQL stopped: the first test starts PostgreSQL. */
  @BeforeAll
  void start() throws Exception {
    pg = ThrowAwayPostgres.create();
    pg.stop();
    payara = PayaraProcess.start(pg.jdbcUrl(), ThrowAwayPostgres.USER, CONFIG);
  }

  @AfterAll
  void stopAll() throws Exception {
    if (payara != null) {
      payara.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  /** PostgreSQL up (a test run alone finds it stopped, as the first test left it) and ready. */
  private void awaitReady() throws Exception {
    if (!pg.running()) {
      pg.start();
    }
    assertThat(payara.awaitStatus("/health/ready", 200, START_BOUND))
        .as("ready (log: %s)", payara.log())
        .isTrue();
  }

  private record Answer(Instant at, int status, String contentType, String retryAfter) {}

  @Test
  @Order(0)
  void startedWhilePostgresIsDownItBecomesReadyOnItsOwnOncePostgresIsUp() throws Exception {
    // deployed: the server answers, alive, though its database is down
    Instant launched = Instant.now();
    assertThat(payara.awaitStatus("/health/live", 200, START_BOUND))
        .as("Payara Micro deployed the WAR with PostgreSQL down (log: %s)", payara.log())
        .isTrue();
    System.out.printf(
        "[faults] WAR deployed with PostgreSQL down: live %.1f s after the launch%n",
        Duration.between(launched, Instant.now()).toMillis() / 1000.0);
    // meanwhile: readiness DOWN, and the API 503 + Retry-After (the token look-up included)
    Api api = new Api(payara.url());
    int samples = 0;
    Instant until = Instant.now().plus(Duration.ofSeconds(8));
    while (Instant.now().isBefore(until)) {
      assertThat(payara.status("/health/ready"))
          .as("readiness while PostgreSQL is down")
          .isEqualTo(503);
      for (String path : List.of("api/v1/artifacts", "api/v1/me")) {
        Api.Reply reply = api.get(path, "not-a-token-" + samples);
        assertThat(reply.status()).as("%s: %s", path, reply.raw().body()).isEqualTo(503);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.header("Retry-After")).isPresent();
        samples++;
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
    assertThat(payara.status("/health/live")).isEqualTo(200);

    pg.start();
    Instant up = Instant.now();
    assertThat(payara.awaitStatus("/health/ready", 200, Duration.ofSeconds(60)))
        .as("ready within 60 s of PostgreSQL being up, with no restart (log: %s)", payara.log())
        .isTrue();
    double readyAfter = Duration.between(up, Instant.now()).toMillis() / 1000.0;

    // and it works: a write gets embedded
    Api.User user = api.newUser("LateDatabase");
    Api.Reply created =
        api.post(
            "api/v1/artifacts",
            user.token(),
            Map.of(
                "title", "Billing migration",
                "artifact_type", "project",
                "description", "Moved billing to PostgreSQL without downtime."));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    Instant written = Instant.now();
    api.awaitEmbedded(created.json().get("id").asLong(), user.token());
    System.out.printf(
        "[faults] WAR started with PostgreSQL down: %d API answers 503 + Retry-After and"
            + " readiness DOWN meanwhile; ready %.1f s after PostgreSQL was up; a write embedded"
            + " %.1f s after it was acknowledged%n",
        samples, readyAfter, Duration.between(written, Instant.now()).toMillis() / 1000.0);
  }

  @Test
  @Order(1)
  void everyRequestDuringAnOutageAnswers503AndTheApplicationRecoversByItself() throws Exception {
    awaitReady();
    Api api = new Api(payara.url());
    Api.User user = api.newUser("Outage");
    Api.Reply created =
        api.post(
            "api/v1/artifacts",
            user.token(),
            Map.of("title", "On-call lead", "artifact_type", "project", "description", "Paged."));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    long id = created.json().get("id").asLong();

    List<Answer> answers = new ArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread loop =
        new Thread(
            () -> {
              int i = 0;
              while (running.get()) {
                Answer answer;
                try {
                  Api.Reply reply =
                      i++ % 2 == 0
                          ? api.get("api/v1/artifacts", user.token())
                          : api.get("api/v1/artifacts/" + id, user.token());
                  answer =
                      new Answer(
                          Instant.now(),
                          reply.status(),
                          reply.contentType(),
                          reply.header("Retry-After").orElse(null));
                } catch (RuntimeException e) {
                  // no answer at all (connection dropped, timed out): counted as a failure
                  answer = new Answer(Instant.now(), -1, String.valueOf(e), null);
                }
                synchronized (answers) {
                  answers.add(answer);
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
              }
            });
    loop.start();
    Instant up;
    try {
      awaitAnswers(answers, 5);
      pg.stop();
      Instant down = Instant.now();
      // the outage lasts until the loop has met it a number of times
      int before = count(answers);
      awaitAnswers(answers, before + 20);
      pg.start();
      up = Instant.now();
      System.out.printf(
          "[faults] outage of %.1f s%n", Duration.between(down, up).toMillis() / 1000.0);
      Instant deadline = up.plus(Duration.ofMinutes(1));
      while (Instant.now().isBefore(deadline) && !recovered(answers, up, 20)) {
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
    } finally {
      running.set(false);
      loop.join(Duration.ofMinutes(2).toMillis());
    }
    List<Answer> all;
    synchronized (answers) {
      all = List.copyOf(answers);
    }
    List<Answer> failures = all.stream().filter(a -> a.status() != 200).toList();
    assertThat(failures).as("the loop met the outage").isNotEmpty();
    for (Answer failure : failures) {
      assertThat(failure.status()).as("answer during the outage: %s", failure).isEqualTo(503);
      assertThat(failure.contentType()).as("%s", failure).startsWith("application/problem+json");
      assertThat(failure.retryAfter()).as("%s", failure).isNotBlank();
    }
    assertThat(recovered(all, up, 20)).as("20 answers in a row were 200 after the outage").isTrue();
    Instant firstOk =
        all.stream()
            .filter(a -> a.at().isAfter(up) && a.status() == 200)
            .findFirst()
            .orElseThrow()
            .at();
    System.out.printf(
        "[faults] PostgreSQL stopped under a request loop: %d answers, %d of them 503 with"
            + " Retry-After, 0 other errors; answering again %.1f s after PostgreSQL was back%n",
        all.size(), failures.size(), Duration.between(up, firstOk).toMillis() / 1000.0);
  }

  @Test
  @Order(2)
  void killedWhileEmbeddingAnImportNothingIsLostAndEverythingBecomesReady() throws Exception {
    awaitReady();
    Api api = new Api(payara.url());
    Api.User user = api.newUser("Killed");
    api.importProjects(
        user,
        0,
        IMPORTED,
        "Release",
        "Shipped release %d of the billing service without downtime.");

    // kill as soon as the worker is under way
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (ready(user.id()) == 0 && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    payara.kill();
    long readyAtKill = ready(user.id());
    long queuedAtKill =
        pg.number("SELECT count(*) FROM embeddings.embedding_jobs WHERE user_id = ?", user.id());
    long leasedAtKill =
        pg.number(
            "SELECT count(*) FROM embeddings.embedding_jobs WHERE user_id = ? AND claimed_by IS NOT NULL",
            user.id());
    assertThat(queuedAtKill).as("jobs still queued when the JVM was killed").isPositive();

    Instant restart = Instant.now();
    payara = PayaraProcess.start(pg.jdbcUrl(), ThrowAwayPostgres.USER, CONFIG);
    assertThat(payara.awaitStatus("/health/ready", 200, START_BOUND))
        .as("restarted (log: %s)", payara.log())
        .isTrue();
    Instant readyAgain = Instant.now();
    deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (ready(user.id()) < IMPORTED && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
    long artifacts =
        pg.number("SELECT count(*) FROM artifacts.artifacts WHERE user_id = ?", user.id());
    assertThat(artifacts).as("artifacts kept").isEqualTo(IMPORTED);
    assertThat(ready(user.id())).as("artifacts ready after the restart").isEqualTo(IMPORTED);
    assertThat(
            pg.number(
                "SELECT count(*) FROM artifacts.artifacts WHERE user_id = ?"
                    + " AND embedding_status = 'failed'",
                user.id()))
        .isZero();
    assertThat(
            pg.number(
                "SELECT count(*) FROM embeddings.embedding_jobs WHERE user_id = ?", user.id()))
        .isZero();
    System.out.printf(
        "[faults] kill -9 while embedding %d imported artifacts (%d ready, %d jobs queued, %d of"
            + " them leased at the kill): 0 lost, all %d ready %.1f s after the restart began"
            + " (%.1f s after the application was ready again)%n",
        IMPORTED,
        readyAtKill,
        queuedAtKill,
        leasedAtKill,
        IMPORTED,
        Duration.between(restart, Instant.now()).toMillis() / 1000.0,
        Duration.between(readyAgain, Instant.now()).toMillis() / 1000.0);
  }

  @Test
  @Order(3)
  void metricsShowEmbeddingCoveragePendingAndFailed() throws Exception {
    awaitReady();
    HttpClient http = HttpClient.newHttpClient();
    String body = "";
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    // the figures may be a few seconds old (one count serves every scrape for a while)
    while (Instant.now().isBefore(deadline)) {
      body =
          http.send(
                  HttpRequest.newBuilder(URI.create(payara.url() + "metrics"))
                      .header("Accept", "text/plain")
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (metric(body, "embedding_pending") == 0.0 && metric(body, "embedding_coverage") == 1.0) {
        break;
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
    assertThat(metric(body, "embedding_coverage")).as(body).isEqualTo(1.0);
    assertThat(metric(body, "embedding_pending")).as(body).isEqualTo(0.0);
    assertThat(metric(body, "embedding_failed")).as(body).isEqualTo(0.0);
    assertThat(pg.number("SELECT count(*) FROM artifacts.artifacts")).isGreaterThan(IMPORTED);
  }

  /** The value of an application metric in the Prometheus text, or NaN when it is not there. */
  private static double metric(String body, String name) {
    Matcher m =
        Pattern.compile("(?m)^" + name + "(?:\\{[^}\\n]*+\\})?+ ([-0-9.eE+NaInf]++)$")
            .matcher(body);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private static int count(List<Answer> answers) {
    synchronized (answers) {
      return answers.size();
    }
  }

  private static void awaitAnswers(List<Answer> answers, int atLeast) {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (count(answers) < atLeast && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  /** The last {@code n} answers came after {@code since} and were all 200. */
  private static boolean recovered(List<Answer> answers, Instant since, int n) {
    synchronized (answers) {
      if (answers.size() < n) {
        return false;
      }
      return answers.subList(answers.size() - n, answers.size()).stream()
          .allMatch(a -> a.at().isAfter(since) && a.status() == 200);
    }
  }

  private long ready(long userId) throws SQLException {
    return pg.number(
        "SELECT count(*) FROM artifacts.artifacts WHERE user_id = ? AND embedding_status = 'ready'",
        userId);
  }
}
