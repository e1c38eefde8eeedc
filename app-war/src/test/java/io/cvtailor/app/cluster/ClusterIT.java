package io.cvtailor.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.app.Api;
import io.cvtailor.app.faults.PayaraProcess;
import io.cvtailor.app.faults.StandInProvider;
import io.cvtailor.app.faults.ThrowAwayPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16 item 5: the topology of {@code ./cvtailor cluster} on the test's own servers — a
 * throw-away PostgreSQL primary with a streaming hot standby (pg_basebackup -R), two Payara Micro
 * instances of the built WAR forming one Hazelcast cluster over TCP/IP on loopback, haproxy in
 * front (see {@link Front}) — with an OpenAI-compatible stand-in model in this JVM that records
 * which instance asked for which text. In this order:
 *
 * <ol>
 *   <li>a web session opened through the front works on each instance it lands on;
 *   <li>a token revoked on one instance is refused by the other at once;
 *   <li>a burst over the rate limit, spread over both instances, meets 429 after one shared
 *       allowance (not one per instance);
 *   <li>artifacts imported once are embedded once each, by the two workers together;
 *   <li>a write is read back at once, through the front, whichever instance reads it;
 *   <li>one instance killed with SIGKILL while it embeds: every artifact still ends {@code ready};
 *   <li>the primary stopped and the standby promoted: writes resume within 15 s, with no restart.
 * </ol>
 *
 * Each step waits within a bound and prints its figures ({@code [cluster] ...}); docs/scaling.md
 * reports them. The shared PostgreSQL server is not used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  private static final int DIMENSIONS = 8;
  private static final int READ_CAPACITY = 40;
  private static final Duration START_BOUND = Duration.ofMinutes(6);
  private static final Duration PROMOTION_BOUND = Duration.ofSeconds(15);

  private StandInProvider model;
  private ThrowAwayPostgres primary;
  private ThrowAwayPostgres standby;
  private final List<PayaraProcess> instances = new ArrayList<>();
  private Front front;
  private Api api;
  private final Instant began = Instant.now();

  @BeforeAll
  void start() throws Exception {
    model = new StandInProvider(DIMENSIONS);
    primary = ThrowAwayPostgres.create();
    standby = primary.createStandby();
    String hosts = "127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port();
    String writeUrl =
        "jdbc:postgresql://"
            + hosts
            + "/"
            + ThrowAwayPostgres.DATABASE
            + "?targetServerType=primary";
    String readUrl =
        "jdbc:postgresql://127.0.0.1:"
            + standby.port()
            + ",127.0.0.1:"
            + primary.port()
            + "/"
            + ThrowAwayPostgres.DATABASE
            + "?targetServerType=preferSecondary";
    List<Integer> hazelcast = List.of(ThrowAwayPostgres.freePort(), ThrowAwayPostgres.freePort());
    String members = "127.0.0.1:" + hazelcast.get(0) + ",127.0.0.1:" + hazelcast.get(1);
    String clusterName = "cvtailor-it-" + UUID.randomUUID().toString().substring(0, 8);
    for (int k = 1; k <= 2; k++) {
      String name = "instance-" + k;
      Map<String, String> config = new HashMap<>();
      config.put("cluster.instance-name", name);
      config.put("db.read-url", readUrl);
      config.put("embedding.provider", "openai");
      config.put("openai.base-url", model.baseUrl(name));
      config.put("openai.api-key", "stand-in-key");
      config.put("embedding.model", "stand-in");
      config.put("embedding.dimensions", String.valueOf(DIMENSIONS));
      // small batches and a short lease: both workers take turns, and a killed one's jobs come
      // back soon
      config.put("embedding.worker.batch-size", "4");
      config.put("embedding.worker.poll-ms", "300");
      config.put("embedding.worker.lease-seconds", "15");
      config.put("rate-limit.enabled", "true");
      config.put("rate-limit.store", "postgresql");
      config.put("rate-limit.read.capacity", String.valueOf(READ_CAPACITY));
      config.put("rate-limit.read.per-minute", String.valueOf(READ_CAPACITY));
      config.put("security.password.iterations", "1024");
      config.put("security.trusted-proxies", "127.0.0.1/32");
      List<String> cluster =
          List.of(
              "--name",
              name,
              "--clustername",
              clusterName,
              "--clustermode",
              "tcpip:" + members,
              "--interfaces",
              "127.0.0.1",
              "--startport",
              String.valueOf(hazelcast.get(k - 1)));
      PayaraProcess instance =
          PayaraProcess.start(writeUrl, ThrowAwayPostgres.USER, config, cluster);
      instances.add(instance);
      // the first migrates the schema alone, as ./cvtailor cluster start does
      assertThat(instance.awaitStatus("/health/ready", 200, START_BOUND))
          .as("%s ready (log: %s)", name, instance.log())
          .isTrue();
    }
    front = Front.over(instances);
    Api probe = new Api(front.url());
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    // haproxy listens a moment after its start, and routes once its first checks passed
    while (!frontReady(probe) && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
    assertThat(frontReady(probe)).as("%s answers /health/ready", front.kind()).isTrue();
    api = probe;
    System.out.printf(
        "[cluster] primary :%d, standby :%d, instance-1 :%d, instance-2 :%d behind %s; up in %.1f"
            + " s%n",
        primary.port(),
        standby.port(),
        instances.get(0).port(),
        instances.get(1).port(),
        front.kind(),
        seconds(began));
  }

  @AfterAll
  void stopAll() throws Exception {
    List<AutoCloseable> all = new ArrayList<>();
    all.add(front);
    all.addAll(instances);
    all.add(standby);
    all.add(primary);
    all.add(model);
    for (AutoCloseable c : all) {
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          System.out.println("[cluster] closing " + c + ": " + e);
        }
      }
    }
    System.out.printf("[cluster] the whole class took %.1f s%n", seconds(began));
  }

  private static boolean frontReady(Api front) {
    try {
      return front.get("/health/ready", null).status() == 200;
    } catch (IllegalStateException notListeningYet) {
      return false;
    }
  }

  private Api on(int instance) {
    return new Api(instances.get(instance - 1).url());
  }

  private static String instanceOf(Api.Reply reply) {
    return reply.header("X-Cvtailor-Instance").orElse("(no X-Cvtailor-Instance header)");
  }

  @Test
  @Order(1)
  void aWebSessionOpenedThroughTheFrontWorksOnEachInstance() {
    Api.User user = api.newUser("ClusterSession");
    Api.Reply opened =
        api.post(
            "api/v1/auth/session",
            null,
            Map.of("email", user.email(), "password", user.password()));
    assertThat(opened.status()).as(opened.raw().body()).isEqualTo(200);
    String cookie =
        opened.raw().headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("cvtailor_session="))
            .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + opened.raw().headers()));
    Map<String, Integer> landed = new TreeMap<>();
    for (int i = 0; i < 6; i++) {
      Api.Reply session =
          api.call("GET", "api/v1/auth/session", null, null, null, "Cookie", cookie);
      assertThat(session.status())
          .as("%s: %s", instanceOf(session), session.raw().body())
          .isEqualTo(200);
      assertThat(session.json().get("user_id").asLong()).isEqualTo(user.id());
      landed.merge(instanceOf(session), 1, Integer::sum);
    }
    assertThat(landed.keySet())
        .as("instances the session landed on")
        .contains("instance-1", "instance-2");
    System.out.printf(
        "[cluster] a web session opened on %s, then 6 requests through the front: %s%n",
        instanceOf(opened), landed);
  }

  @Test
  @Order(2)
  void aTokenRevokedOnOneInstanceIsRefusedByTheOtherAtOnce() {
    Api.User user = api.newUser("ClusterRevoke");
    // both instances have used (and may have cached) the token
    for (int k = 1; k <= 2; k++) {
      Api.Reply me = on(k).get("api/v1/me", user.token());
      assertThat(me.status()).as("instance-%d: %s", k, me.raw().body()).isEqualTo(200);
    }
    Api.Reply revoked = on(1).delete("api/v1/auth/tokens/" + user.tokenId(), user.token());
    assertThat(revoked.status()).as(revoked.raw().body()).isEqualTo(204);
    Instant at = Instant.now();
    Api.Reply other = on(2).get("api/v1/me", user.token());
    double after = seconds(at);
    assertThat(other.status())
        .as("instance-2 right after instance-1 revoked the token: %s", other.raw().body())
        .isEqualTo(401);
    assertThat(on(1).get("api/v1/me", user.token()).status()).isEqualTo(401);
    System.out.printf(
        "[cluster] token revoked on instance-1; instance-2 refused it %.3f s later, with no"
            + " wait%n",
        after);
  }

  @Test
  @Order(3)
  void aBurstOverTheRateLimitSpreadOverBothInstancesMeets429() {
    Api.User user = api.newUser("ClusterBurst");
    int burst = 3 * READ_CAPACITY;
    Map<String, Integer> served = new TreeMap<>();
    Map<String, Integer> refused = new TreeMap<>();
    Instant started = Instant.now();
    for (int i = 0; i < burst; i++) {
      Api.Reply reply = api.get("api/v1/me", user.token());
      assertThat(reply.status()).as(reply.raw().body()).isIn(200, 429);
      if (reply.status() == 429) {
        assertThat(reply.header("Retry-After")).isPresent();
      }
      (reply.status() == 200 ? served : refused).merge(instanceOf(reply), 1, Integer::sum);
    }
    double elapsed = seconds(started);
    int servedTotal = served.values().stream().mapToInt(Integer::intValue).sum();
    // one shared bucket: its capacity, plus what it refilled during the burst (per-minute rate)
    double allowance = READ_CAPACITY + READ_CAPACITY * elapsed / 60.0 + 1;
    assertThat(servedTotal)
        .as(
            "served of %d (one allowance of %d shared by the instances, %s served)",
            burst, READ_CAPACITY, served)
        .isLessThanOrEqualTo((int) allowance);
    assertThat(refused.keySet())
        .as("instances that answered 429 (served %s, refused %s)", served, refused)
        .contains("instance-1", "instance-2");
    System.out.printf(
        "[cluster] burst of %d GET /me in %.1f s through the front, read capacity %d: served %s,"
            + " refused with 429 %s%n",
        burst, elapsed, READ_CAPACITY, served, refused);
  }

  @Test
  @Order(4)
  void importedArtifactsAreEmbeddedOnceEachByTheTwoWorkers() throws Exception {
    int n = 40;
    Api.User user = api.newUser("ClusterOnce");
    // a model that takes 200 ms a call: work stays queued long enough for both workers to claim
    model.delay(Duration.ofMillis(200));
    int before = model.received().size();
    try {
      importArtifacts(user, "once", n);
      awaitAllReady(user.id(), n, Duration.ofMinutes(3));
    } finally {
      model.delay(Duration.ZERO);
    }
    List<StandInProvider.Request> calls = model.received().subList(before, model.received().size());
    Map<String, Integer> callsByInstance = new TreeMap<>();
    List<String> notOnce = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String marker = marker("once", i);
      List<StandInProvider.Request> with =
          calls.stream()
              .filter(c -> c.inputs().stream().anyMatch(t -> t.contains(marker)))
              .toList();
      if (with.size() != 1) {
        notOnce.add(marker + " in " + with.size() + " calls");
      }
      with.forEach(c -> callsByInstance.merge(c.client(), 1, Integer::sum));
    }
    assertThat(notOnce).as("artifacts not embedded exactly once").isEmpty();
    assertThat(callsByInstance.keySet())
        .as("instances whose worker embedded some of the %d artifacts", n)
        .contains("instance-1", "instance-2");
    System.out.printf(
        "[cluster] %d artifacts imported, each embedded in exactly one model call; artifacts"
            + " embedded per instance: %s%n",
        n, callsByInstance);
  }

  @Test
  @Order(5)
  void aWriteIsReadBackAtOnceWhicheverInstanceReadsIt() {
    Api.User user = api.newUser("ClusterReadYourWrite");
    Map<String, Integer> readers = new TreeMap<>();
    for (int i = 0; i < 8; i++) {
      String title = "Read-your-write " + i + " " + UUID.randomUUID();
      Api.Reply created =
          api.post(
              "api/v1/artifacts",
              user.token(),
              Map.of("title", title, "artifact_type", "project", "description", "Written " + i));
      assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
      long id = created.json().get("id").asLong();
      Api.Reply read = api.get("api/v1/artifacts/" + id, user.token());
      assertThat(read.status()).as("%s: %s", instanceOf(read), read.raw().body()).isEqualTo(200);
      assertThat(read.json().get("title").asText()).isEqualTo(title);
      String renamed = title + " (renamed)";
      Api.Reply updated =
          api.put(
              "api/v1/artifacts/" + id,
              user.token(),
              Map.of(
                  "title",
                  renamed,
                  "artifact_type",
                  "project",
                  "description",
                  "Written " + i,
                  "version",
                  read.json().get("version").asLong()));
      assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
      Api.Reply reread = api.get("api/v1/artifacts/" + id, user.token());
      assertThat(reread.json().get("title").asText())
          .as("read on %s after the update on %s", instanceOf(reread), instanceOf(updated))
          .isEqualTo(renamed);
      readers.merge(instanceOf(created) + " wrote, " + instanceOf(read) + " read", 1, Integer::sum);
    }
    System.out.printf("[cluster] 8 writes each read back at once: %s%n", readers);
  }

  @Test
  @Order(6)
  void anInstanceKilledWhileEmbeddingLeavesNothingUnembedded() throws Exception {
    int n = 60;
    Api.User user = api.newUser("ClusterKilled");
    // a slow model: instance-2's calls are in flight when it is killed
    model.delay(Duration.ofMillis(1500));
    PayaraProcess victim = instances.get(1);
    Instant killedAt;
    long readyAtKill;
    long leasedAtKill;
    try {
      importArtifacts(user, "killed", n);
      awaitTrue(() -> model.inFlight("instance-2") > 0, Duration.ofMinutes(1));
      assertThat(model.inFlight("instance-2")).as("instance-2 is embedding").isPositive();
      victim.kill();
      killedAt = Instant.now();
      readyAtKill = ready(user.id());
      leasedAtKill =
          primary.number(
              "SELECT count(*) FROM embeddings.embedding_jobs WHERE user_id = ? AND claimed_by IS NOT NULL",
              user.id());
      model.delay(Duration.ofMillis(100));
      awaitAllReady(user.id(), n, Duration.ofMinutes(3));
    } finally {
      model.delay(Duration.ZERO);
    }
    assertThat(readyAtKill).as("killed mid-embedding, not after").isLessThan(n);
    assertThat(
            primary.number(
                "SELECT count(*) FROM artifacts.artifacts WHERE user_id = ? AND embedding_status = 'failed'",
                user.id()))
        .isZero();
    assertThat(
            primary.number(
                "SELECT count(*) FROM embeddings.embedding_jobs WHERE user_id = ?", user.id()))
        .isZero();
    System.out.printf(
        "[cluster] instance-2 killed with SIGKILL while embedding %d artifacts (%d ready, %d jobs"
            + " leased at the kill): all %d ready %.1f s later (lease 15 s), 0 failed%n",
        n, readyAtKill, leasedAtKill, n, seconds(killedAt));
  }

  @Test
  @Order(7)
  void withThePrimaryGoneAndTheStandbyPromotedWritesResumeWithin15Seconds() throws Exception {
    Api.User user = api.newUser("ClusterFailover");
    Api.Reply before =
        api.post(
            "api/v1/artifacts",
            user.token(),
            Map.of("title", "Before the failover", "artifact_type", "project", "description", "x"));
    assertThat(before.status()).as(before.raw().body()).isEqualTo(201);
    awaitTrue(() -> replayed(before.json().get("id").asLong()), Duration.ofSeconds(30));

    primary.stop();
    standby.promote();
    Instant promoted = Instant.now();
    Instant deadline = promoted.plus(PROMOTION_BOUND);
    Map<Integer, Integer> answers = new TreeMap<>();
    Api.Reply written = null;
    int i = 0;
    while (Instant.now().isBefore(deadline)) {
      Api.Reply reply;
      try {
        reply =
            api.post(
                "api/v1/artifacts",
                user.token(),
                Map.of(
                    "title", "After the failover " + i++,
                    "artifact_type", "project",
                    "description", "Written to the promoted standby."));
      } catch (RuntimeException e) {
        answers.merge(-1, 1, Integer::sum);
        continue;
      }
      answers.merge(reply.status(), 1, Integer::sum);
      if (reply.status() == 201) {
        written = reply;
        break;
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
    assertThat(written)
        .as(
            "a write answered 201 within %s of the promotion (answers by status: %s)",
            PROMOTION_BOUND, answers)
        .isNotNull();
    double resumedAfter = seconds(promoted);
    Api.Reply read = api.get("api/v1/artifacts/" + written.json().get("id").asLong(), user.token());
    assertThat(read.status()).as(read.raw().body()).isEqualTo(200);
    System.out.printf(
        "[cluster] primary stopped, standby promoted: writes resumed %.1f s later with no restart"
            + " (answers meanwhile by status: %s)%n",
        resumedAfter, answers);
  }

  // ---------------------------------------------------------------------------------------------

  private static String marker(String run, int i) {
    // a token no other marker contains: run + number + a closing letter
    return "M" + run + i + "Q";
  }

  private void importArtifacts(Api.User user, String run, int n) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < n; i++) {
      lines
          .append("{\"title\":\"Release ")
          .append(marker(run, i))
          .append("\",\"artifact_type\":\"project\",\"description\":\"Shipped release ")
          .append(i)
          .append(" of the billing service without downtime.\"}\n");
    }
    Api.Reply imported =
        api.call(
            "POST",
            "api/v1/artifacts/import",
            user.token(),
            "application/x-ndjson",
            lines.toString());
    assertThat(imported.status()).as(imported.raw().body()).isEqualTo(201);
  }

  private void awaitAllReady(long userId, int n, Duration bound) throws Exception {
    awaitTrue(
        () -> {
          try {
            return ready(userId) >= n;
          } catch (SQLException e) {
            return false;
          }
        },
        bound);
    assertThat(ready(userId)).as("artifacts ready within %s", bound).isEqualTo(n);
  }

  private static void awaitTrue(BooleanSupplier condition, Duration bound) {
    Instant deadline = Instant.now().plus(bound);
    while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }

  private long ready(long userId) throws SQLException {
    return primary.number(
        "SELECT count(*) FROM artifacts.artifacts WHERE user_id = ? AND embedding_status = 'ready'",
        userId);
  }

  /** Whether the standby has replayed the artifact's row. */
  private boolean replayed(long artifactId) {
    try (Connection c = standby.connect(ThrowAwayPostgres.DATABASE);
        PreparedStatement q =
            c.prepareStatement("SELECT 1 FROM artifacts.artifacts WHERE id = ?")) {
      q.setLong(1, artifactId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      return false;
    }
  }

  private static double seconds(Instant since) {
    return Duration.between(since, Instant.now()).toMillis() / 1000.0;
  }
}
