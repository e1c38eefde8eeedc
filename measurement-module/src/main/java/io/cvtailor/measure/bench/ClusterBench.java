package io.cvtailor.measure.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.measure.app.ApiClient;
import io.cvtailor.testsupport.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code --only cluster}: the topology of {@code ./cvtailor cluster} on the run's throw-away
 * database — three Payara Micro instances behind haproxy and the hot standby on port 5433 (when it
 * can be set up), started and stopped by scripts/cluster.sh itself (its state in a temporary
 * directory, apart from any cluster someone runs). Measured with 3 instances, then 2, then 1 (an
 * instance stopped each time; haproxy's health checks take it out): throughput and latency of
 * per-user similar search and of hybrid ranking through haproxy from a closed loop of clients, the
 * instances' CPU time per request and resident memory. With three instances also the standby's lag
 * while one user's import is embedded ({@code pg_stat_replication.replay_lag} and the bytes of WAL
 * it has not replayed, sampled every 250 ms).
 *
 * <p>On one machine the instances share its cores: the figures show what a second and third JVM
 * cost and give when the CPU is already the limit, not what more machines would give
 * (docs/scaling.md, "What N machines would give", models that from the CPU per request). Runs only
 * when named.
 */
final class ClusterBench {
  private static final List<String> QUERIES =
      List.of(
          "PostgreSQL query tuning",
          "Kotlin backend services",
          "mentoring engineers",
          "Kafka event streaming",
          "REST API design and testing",
          "cloud cost reduction");

  private ClusterBench() {}

  @SuppressWarnings("try") // Cluster.close() may be interrupted (it waits for the stop script)
  static void run(BenchContext ctx, TestDatabase database) throws Exception {
    int users = ctx.quick() ? 4 : 12;
    int clients = ctx.quick() ? 8 : 16;
    Duration warmUp = Duration.ofSeconds(5);
    // at least 10 s even in --quick: a ranking takes seconds when the instances share two cores,
    // and only requests sent and answered inside the window count
    Duration measured = Duration.ofSeconds(Math.max(10, ctx.secondsPerLevel()));
    Path state = Files.createTempDirectory("cvtailor-bench-cluster");
    int port = freePort();
    String standbyProblem = null;
    BenchReport.Table table =
        ctx.report()
            .table(
                "cluster",
                String.format(
                    "Per-user similar search and hybrid ranking (top 10) through haproxy, %d clients, %d users"
                        + " (instances on one %d-core machine)",
                    clients, users, Runtime.getRuntime().availableProcessors()),
                "instances",
                "operation",
                "requests_per_second",
                "p50_ms",
                "p95_ms",
                "errors",
                "app_cpu_ms_per_request",
                "instances_rss_mb",
                "load_avg_1m");
    List<String> tokens = new ArrayList<>();
    List<String> postings = CvLatencyBench.postings();
    JsonNode resume =
        ApiClient.JSON.readTree(Path.of("app-war/src/main/resources/demo/resume.json").toFile());
    Cluster started;
    try {
      started = Cluster.start(database, state, port, 3, true);
    } catch (IllegalStateException e) {
      // no root, no Debian cluster tools...: measured without the standby, and said so
      standbyProblem = e.getMessage();
      BenchContext.progress("cluster: without the standby (%s)", standbyProblem);
      started = Cluster.start(database, state, port, 3, false);
    }
    try (Cluster cluster = started) {
      ApiClient client = ApiClient.at(cluster.base());
      for (int u = 0; u < users; u++) {
        String token = client.register("cluster-user-" + u);
        client.call("POST", "api/v1/artifacts/import", token, resume, 201);
        tokens.add(token);
      }
      for (String token : tokens) {
        client.awaitEmbedded(token);
      }
      BenchContext.progress("cluster: %d users with the demo portfolio each", users);
      // 3 instances, then 2, then 1: an instance is stopped as an operator would stop it, and
      // haproxy's health checks take it out of the rotation (a start per size would cost minutes
      // of CPU each on this machine)
      for (int instances = 3; instances >= 1; instances--) {
        if (instances < 3) {
          cluster.stopInstance(instances + 1);
        }
        measureSize(
            ctx, cluster, client, table, instances, clients, warmUp, measured, tokens, postings);
        if (instances == 3) {
          if (standbyProblem == null) {
            replicaLag(ctx, client);
          } else {
            ctx.report().figure("cluster", "replica_lag", "not measured: " + standbyProblem);
          }
        }
      }
    }
    table.print();
  }

  private static void measureSize(
      BenchContext ctx,
      Cluster cluster,
      ApiClient client,
      BenchReport.Table table,
      int instances,
      int clients,
      Duration warmUp,
      Duration measured,
      List<String> tokens,
      List<String> postings)
      throws Exception {
    double cpuBefore = cluster.cpuSeconds();
    LoadGenerator.Result search =
        LoadGenerator.run(
            clients,
            warmUp,
            measured,
            ctx.seed(),
            random ->
                client.call(
                    "POST",
                    "api/v1/artifacts/search/similar",
                    tokens.get(random.nextInt(tokens.size())),
                    Map.of("query_text", QUERIES.get(random.nextInt(QUERIES.size())), "limit", 10),
                    200));
    double cpuSearch = cluster.cpuSeconds() - cpuBefore;
    LoadGenerator.Result rank =
        LoadGenerator.run(
            clients,
            warmUp,
            measured,
            ctx.seed() + 1,
            random ->
                client.call(
                    "POST",
                    "api/v1/artifacts/rank",
                    tokens.get(random.nextInt(tokens.size())),
                    Map.of(
                        "job_description",
                        postings.get(random.nextInt(postings.size())),
                        "ranking_method",
                        "hybrid",
                        "top_k",
                        10),
                    200));
    double cpuRank = cluster.cpuSeconds() - cpuBefore - cpuSearch;
    double rss = cluster.rssMb();
    double load = loadAverage();
    double runSeconds = (warmUp.toMillis() + measured.toMillis()) / 1000.0;
    for (var entry : List.of(Map.entry("search", search), Map.entry("rank", rank))) {
      LoadGenerator.Result r = entry.getValue();
      // CPU of the instances over warm-up and measurement, per request answered meanwhile (the
      // throughput of the measured part stands for both)
      double cpu = entry.getKey().equals("search") ? cpuSearch : cpuRank;
      double cpuPerRequest = cpu * 1000 / (r.throughput() * runSeconds);
      table.row(
          instances,
          entry.getKey(),
          r.throughput(),
          r.latencies().p50(),
          r.latencies().p95(),
          r.errors(),
          cpuPerRequest,
          Math.round(rss),
          load);
      String prefix = entry.getKey() + "_" + instances + "_instances_";
      ctx.report().figure("cluster", prefix + "per_second", r.throughput());
      ctx.report().figure("cluster", prefix + "p95_ms", r.latencies().p95());
      ctx.report().figure("cluster", prefix + "app_cpu_ms_per_request", cpuPerRequest);
    }
    BenchContext.progress(
        "cluster: %d instance(s): search %.0f/s (p95 %.0f ms), rank %.0f/s (p95 %.0f ms)",
        instances,
        search.throughput(),
        search.latencies().p95(),
        rank.throughput(),
        rank.latencies().p95());
  }

  /** The standby's lag, sampled every 250 ms while one user's import is embedded. */
  private static void replicaLag(BenchContext ctx, ApiClient client) throws Exception {
    int count = ctx.quick() ? 200 : 1000;
    String token = client.register("cluster-ingest");
    List<ObjectNode> texts = EndToEndIngestBench.sampleArtifacts();
    List<double[]> samples = new ArrayList<>();
    Thread ingest =
        new Thread(
            () -> {
              try {
                EndToEndIngestBench.importNdjson(client.base(), token, texts, count);
                client.awaitEmbedded(token);
              } catch (Exception e) {
                BenchContext.progress("cluster: ingest failed: %s", e);
              }
            });
    long started = System.nanoTime();
    ingest.start();
    try (Connection monitor = monitorConnection(ctx.database())) {
      while (ingest.isAlive()) {
        samples.add(lag(monitor));
        TimeUnit.MILLISECONDS.sleep(250);
      }
    }
    ingest.join();
    double seconds = (System.nanoTime() - started) / 1e9;
    double[] bytes = samples.stream().mapToDouble(s -> s[0]).filter(v -> v >= 0).toArray();
    double[] lagMs = samples.stream().mapToDouble(s -> s[1]).filter(v -> v >= 0).toArray();
    Latencies bytesLag = Latencies.of(bytes);
    Latencies timeLag = Latencies.of(lagMs);
    ctx.report()
        .table(
            "cluster_replica_lag",
            String.format(
                "Hot standby's lag while %d artifacts are imported and embedded through haproxy"
                    + " (3 instances, %.0f s, a sample every 250 ms)",
                count, seconds),
            "samples",
            "replay_lag_p50_ms",
            "replay_lag_p95_ms",
            "replay_lag_max_ms",
            "bytes_behind_p50",
            "bytes_behind_p95",
            "bytes_behind_max")
        .row(
            samples.size(),
            timeLag.p50(),
            timeLag.p95(),
            timeLag.max(),
            bytesLag.p50(),
            bytesLag.p95(),
            bytesLag.max())
        .print();
    ctx.report().figure("cluster", "replica_replay_lag_p95_ms", timeLag.p95());
    ctx.report().figure("cluster", "replica_bytes_behind_p95", bytesLag.p95());
  }

  /**
   * A connection that may read pg_stat_replication's lag columns: the replication role of
   * scripts/cluster.sh (granted pg_monitor), credentials from its replication.env.
   */
  private static Connection monitorConnection(TestDatabase database) throws Exception {
    Path env =
        Path.of(
            Optional.ofNullable(System.getenv("CVTAILOR_HOME"))
                .orElse(System.getProperty("user.home") + "/.cvtailor"),
            "replication.env");
    Properties credentials = new Properties();
    try (var reader = Files.newBufferedReader(env)) {
      credentials.load(reader);
    }
    URI primary = URI.create(database.url().substring("jdbc:".length()));
    return DriverManager.getConnection(
        "jdbc:postgresql://" + primary.getHost() + ":" + primary.getPort() + "/postgres",
        credentials.getProperty("REPLICATION_USER"),
        credentials.getProperty("REPLICATION_PASSWORD"));
  }

  /** {bytes of WAL not yet replayed, replay_lag in ms}; -1 where the view has no row yet. */
  private static double[] lag(Connection monitor) throws SQLException {
    try (PreparedStatement q =
            monitor.prepareStatement(
                """
                SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn),
                       coalesce(extract(epoch FROM replay_lag) * 1000, 0)
                FROM pg_stat_replication WHERE usename = 'cvtailor_replicator'
                """);
        ResultSet rs = q.executeQuery()) {
      return rs.next() ? new double[] {rs.getDouble(1), rs.getDouble(2)} : new double[] {-1, -1};
    }
  }

  /** The machine's 1-minute load average: how much else ran beside the bench. */
  private static double loadAverage() throws IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A cluster started by {@code scripts/cluster.sh start}; closing it runs {@code stop}. */
  // close() waits for scripts/cluster.sh stop, hence InterruptedException; a bench run lets it
  // propagate like any other failure.
  @SuppressWarnings("try")
  private record Cluster(Path state, int port, Map<String, String> env) implements AutoCloseable {
    static Cluster start(
        TestDatabase database, Path state, int port, int instances, boolean standby)
        throws Exception {
      Map<String, String> env = new HashMap<>();
      env.put("DB_URL", database.url());
      env.put("DB_USER", database.user());
      env.put("DB_PASSWORD", database.password());
      env.put("OPERATOR_TOKEN", UUID.randomUUID().toString());
      env.put("CLUSTER_STATE", state.toString());
      // Hazelcast ports of the bench's own, apart from a cluster someone runs on 5900...
      env.put("CLUSTER_HZ_START_PORT", String.valueOf(5950));
      // as RunningApp: measurements drive users past a person's pace
      env.put(
          "CLUSTER_JAVA_OPTS",
          "-Xmx1g -Drate-limit.enabled=false -Dsecurity.password.iterations=1024"
              + " -Dembedding.worker.poll-ms=500");
      List<String> command =
          new ArrayList<>(
              List.of(
                  "scripts/cluster.sh",
                  "start",
                  "--instances",
                  String.valueOf(instances),
                  "--port",
                  String.valueOf(port)));
      if (standby) {
        command.add("--standby");
      }
      BenchContext.progress("cluster: %s", String.join(" ", command));
      Cluster cluster = new Cluster(state, port, env);
      String output = cluster.script(command, Duration.ofMinutes(15));
      if (!output.contains("cvtailor is ready at")) {
        cluster.close();
        throw new IllegalStateException(lastLines(output));
      }
      return cluster;
    }

    URI base() {
      return URI.create("http://127.0.0.1:" + port + "/");
    }

    /**
     * Stops instance {@code k} (SIGTERM, as scripts/cluster.sh stop does) and waits until haproxy
     * no longer routes to it (its checks run every 2 s; 2 failures take it out).
     */
    void stopInstance(int k) throws Exception {
      long pid = Long.parseLong(Files.readString(state.resolve("instance-" + k + ".pid")).strip());
      ProcessHandle.of(pid)
          .ifPresent(
              p -> {
                p.destroy();
                p.onExit().orTimeout(60, TimeUnit.SECONDS).join();
              });
      Files.deleteIfExists(state.resolve("instance-" + k + ".pid"));
      TimeUnit.SECONDS.sleep(6);
      BenchContext.progress("cluster: instance-%d stopped", k);
    }

    /** The instances' resident memory together (from their pid files). */
    double rssMb() throws IOException {
      double sum = 0;
      for (long pid : pids()) {
        double mb = ProcessFigures.rssMb(pid);
        sum += Double.isNaN(mb) ? 0 : mb;
      }
      return sum;
    }

    /** The CPU time the instances have used together. */
    double cpuSeconds() throws IOException {
      double sum = 0;
      for (long pid : pids()) {
        double seconds = ProcessFigures.cpuSeconds(pid);
        sum += Double.isNaN(seconds) ? 0 : seconds;
      }
      return sum;
    }

    /** The instances' process ids, from scripts/cluster.sh's pid files. */
    private List<Long> pids() throws IOException {
      List<Long> pids = new ArrayList<>();
      try (var files = Files.list(state)) {
        for (Path pid :
            files.filter(f -> f.toString().matches(".*/instance-\\d+\\.pid")).toList()) {
          pids.add(Long.parseLong(Files.readString(pid).strip()));
        }
      }
      return pids;
    }

    private String script(List<String> command, Duration bound) throws Exception {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(env);
      Path log = Files.createTempFile(state, "script", ".log");
      Process process = builder.redirectOutput(log.toFile()).start();
      if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
      String output = script(List.of("scripts/cluster.sh", "stop"), Duration.ofMinutes(5));
      BenchContext.progress("cluster: stopped (%s)", lastLines(output).replace('\n', ';'));
    }

    private static String lastLines(String output) {
      List<String> lines = output.lines().toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 4), lines.size()));
    }
  }
}
