package io.cvtailor.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.app.Api;
import io.cvtailor.testsupport.HttpProbe;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15 item 6: the WAR on a full Payara Server, deployed, redeployed and undeployed without a
 * restart. The distribution ({@code fish.payara.distributions:payara}, resolved by Maven into ~/.m2
 * and copied to target/ by the build) is unzipped into a temporary directory; the test creates a
 * domain on free ports, starts it, and drives it with {@code asadmin}. The database is a PostgreSQL
 * cluster of the test's own; the WAR reads its settings from the environment of the domain ({@code
 * DB_URL}...), as README "Deploying on Payara Server" says.
 *
 * <p>Checked: after the first deployment and after a redeployment (a new class loader in the same
 * JVM: the tokenizer's native library must load again) readiness is UP, a write is embedded and
 * found by a search, and the log has no {@code UnsatisfiedLinkError}; after the undeployment no
 * thread of the server runs the application's code (thread dumps with {@code jcmd}). Every step has
 * a bound; the wall time of each is printed ({@code [payara-server] ...}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayaraServerIT {
  private static final Duration COMMAND_BOUND = Duration.ofMinutes(6);
  private static final Duration READY_BOUND = Duration.ofMinutes(4);
  private static final String DOMAIN = "cvtailor";
  private static final String APP = "cvtailor";

  private ThrowAwayPostgres pg;
  private Path root;
  private Path home;
  private int portBase;
  private boolean started;
  private final Instant began = Instant.now();

  @BeforeAll
  void startServer() throws Exception {
    Path zip = Path.of(System.getProperty("payara.serverZip", "target/payara-server.zip"));
    assertThat(zip).as("the Payara Server distribution (copied by the build)").isRegularFile();
    pg = ThrowAwayPostgres.create();
    root = Files.createTempDirectory("cvtailor-payara-server");
    Instant step = Instant.now();
    run(List.of("unzip", "-q", zip.toAbsolutePath().toString(), "-d", root.toString()));
    try (Stream<Path> entries = Files.list(root)) {
      home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    portBase = freePortBase();
    asadmin("create-domain", "--nopassword", "--portbase", String.valueOf(portBase), DOMAIN);
    // the in-process model and ONNX Runtime want more than the domain's default 512 MiB heap
    Path domainXml = home.resolve("glassfish/domains/" + DOMAIN + "/config/domain.xml");
    Files.writeString(domainXml, Files.readString(domainXml).replace("-Xmx512m", "-Xmx1g"));
    asadmin("start-domain", DOMAIN);
    started = true;
    report("unzipped, domain created and started", step);
  }

  @AfterAll
  void stopServer() throws Exception {
    try {
      if (started) {
        asadmin("stop-domain", DOMAIN);
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
      if (root != null) {
        try (Stream<Path> files = Files.walk(root)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      report("the whole class", began);
    }
  }

  @Test
  void deployRedeployAndUndeployWithoutARestart() throws Exception {
    Path war = Path.of(System.getProperty("cvtailor.war", "target/cvtailor.war")).toAbsolutePath();
    Api api = new Api(url());

    Instant step = Instant.now();
    asadmin("deploy", "--name", APP, "--contextroot", "/", war.toString());
    awaitReady();
    report("deployed and ready", step);
    worksEndToEnd(api, "first");

    step = Instant.now();
    asadmin("redeploy", "--name", APP, war.toString());
    awaitReady();
    report("redeployed and ready", step);
    worksEndToEnd(api, "redeployed");
    assertThat(Files.readString(serverLog()))
        .as("server log after the redeployment")
        .doesNotContain("UnsatisfiedLinkError")
        .doesNotContain("already loaded in another classloader");

    // leave the worker busy, then undeploy: nothing of the application may keep running
    Api.User user = api.newUser("Undeployed");
    api.importProjects(user, 0, 200, "Release", "Shipped release %d of the billing service.");
    step = Instant.now();
    asadmin("undeploy", APP);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    List<String> running = applicationThreads();
    while (!running.isEmpty() && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
      running = applicationThreads();
    }
    assertThat(running).as("threads still running the application's code").isEmpty();
    report("undeployed, no thread of the application left", step);
    assertThat(status("/health/live")).as("the server itself keeps running").isNotEqualTo(-1);
  }

  /** A write becomes ready (embedded) and a search by text finds it. */
  private void worksEndToEnd(Api api, String round) {
    Instant step = Instant.now();
    Api.User user =
        api.newUser("Server" + round.substring(0, 1).toUpperCase() + round.substring(1));
    Api.Reply created =
        api.post(
            "api/v1/artifacts",
            user.token(),
            Map.of(
                "title", "Kafka migration (" + round + ")",
                "artifact_type", "project",
                "description", "Moved the order events from RabbitMQ to Kafka."));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    api.awaitEmbedded(id, user.token());
    Api.Reply found =
        api.post(
            "api/v1/artifacts/search/similar",
            user.token(),
            Map.of("query_text", "event streaming with Kafka", "similarity_threshold", -1));
    assertThat(found.status()).as(found.raw().body()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    for (JsonNode result : found.json().get("results")) {
      ids.add(result.get("artifact_id").asLong());
    }
    assertThat(ids).as("search after the %s deployment", round).contains(id);
    report(round + " deployment: a write embedded and found by search", step);
  }

  private void awaitReady() {
    if (!HttpProbe.awaitStatus(
        URI.create(url() + "health/ready"), 200, READY_BOUND, () -> true, "Payara Server")) {
      throw new AssertionError("not ready within " + READY_BOUND + "; see " + serverLog());
    }
  }

  /** Threads whose stack is in the application's code, from a thread dump of the server. */
  private List<String> applicationThreads() throws Exception {
    String dump = command(List.of(jdk("jcmd"), String.valueOf(serverPid()), "Thread.print"));
    List<String> threads = new ArrayList<>();
    for (String thread : dump.split("\n\n")) {
      if (thread.contains("at io.cvtailor.")) {
        threads.add(thread.lines().findFirst().orElse(thread));
      }
    }
    return threads;
  }

  private long serverPid() throws IOException {
    return Long.parseLong(
        Files.readString(home.resolve("glassfish/domains/" + DOMAIN + "/config/pid")).strip());
  }

  private Path serverLog() {
    return home.resolve("glassfish/domains/" + DOMAIN + "/logs/server.log");
  }

  private URL url() {
    try {
      return URI.create("http://127.0.0.1:" + (portBase + 80) + "/").toURL();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private int status(String path) {
    return HttpProbe.status(URI.create(url() + path.substring(1)));
  }

  /** asadmin of the unzipped server, with the WAR's settings in the domain's environment. */
  private void asadmin(String... arguments) throws Exception {
    List<String> full = new ArrayList<>();
    full.add(home.resolve("bin/asadmin").toString());
    if (!"create-domain".equals(arguments[0])) {
      full.addAll(List.of("--port", String.valueOf(portBase + 48)));
    }
    full.addAll(List.of(arguments));
    run(full);
  }

  private void run(List<String> commandLine) throws Exception {
    command(commandLine);
  }

  private String command(List<String> commandLine) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(commandLine).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("AS_JAVA", System.getProperty("java.home"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    // the WAR reads these (MicroProfile Config maps db.url to DB_URL ...); start-domain passes its
    // environment on to the server
    env.put("DB_URL", pg.jdbcUrl());
    env.put("DB_USER", ThrowAwayPostgres.USER);
    env.put("DB_PASSWORD", "unused");
    env.put("RATE_LIMIT_ENABLED", "false");
    env.put("SECURITY_PASSWORD_ITERATIONS", "1024");
    env.put("EMBEDDING_WORKER_POLL_MS", "500");
    Path output = Files.createTempFile("cvtailor-asadmin", ".log");
    try {
      Process process = builder.redirectOutput(output.toFile()).start();
      if (!process.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out after " + COMMAND_BOUND + ": " + commandLine);
      }
      String text = Files.readString(output);
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "failed (" + process.exitValue() + "): " + commandLine + "\n" + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String jdk(String tool) {
    Path inJdk = Path.of(System.getProperty("java.home"), "bin", tool);
    return Files.isExecutable(inJdk) ? inJdk.toString() : tool;
  }

  /** A port base whose ports the domain uses (admin +48, HTTP +80, ...) are all free now. */
  private static int freePortBase() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = 20_000 + 100 * java.util.concurrent.ThreadLocalRandom.current().nextInt(300);
      boolean free = true;
      for (int offset : new int[] {9, 37, 38, 39, 48, 66, 76, 80, 81, 86}) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(base + offset)) {
          socket.setReuseAddress(true);
        } catch (IOException taken) {
          free = false;
          break;
        }
      }
      if (free) {
        return base;
      }
    }
    throw new IOException("no free port base found");
  }

  private static void report(String what, Instant since) {
    System.out.printf(
        "[payara-server] %s: %.1f s%n",
        what, Duration.between(since, Instant.now()).toMillis() / 1000.0);
  }
}
