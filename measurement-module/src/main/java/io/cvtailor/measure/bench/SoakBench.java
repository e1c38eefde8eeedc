package io.cvtailor.measure.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.measure.app.ApiClient;
import io.cvtailor.measure.app.RunningApp;
import io.cvtailor.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code --only soak [--minutes N]}: mixed traffic from several users against one started WAR for N
 * minutes (issue 15 item 2). Each user loops over search, rank, CV generation with its PDF,
 * artifact creation, update and deletion, with a short pause between requests, as a busy person
 * would. Per window of time the section reports the requests and errors (any answer other than the
 * one the operation expects, or no answer), the p95 of each operation, the heap after a full GC
 * (forced with {@code jcmd GC.run} at each window's end, so growth is live data, not garbage), the
 * resident set size, the application's open database connections and the JVM's threads. A leak
 * shows as a rising heap-after-GC, RSS, connection or thread column after the first (warm-up)
 * window; errors must stay 0.
 *
 * <p>Not part of the default sections: it runs only when asked for, so {@code bench --quick} in CI
 * stays short.
 */
final class SoakBench {
  /** The operations of the mix, with their weights (per 100 requests). */
  private enum Op {
    SEARCH(35),
    RANK(20),
    CV(10),
    PDF(5),
    CREATE(12),
    UPDATE(8),
    DELETE(10);

    final int weight;

    Op(int weight) {
      this.weight = weight;
    }
  }

  private static final List<String> QUERIES =
      List.of(
          "PostgreSQL query tuning",
          "Kotlin backend services",
          "mentoring engineers",
          "Kafka event streaming",
          "REST API design and testing",
          "cloud cost reduction",
          "data migration from Oracle",
          "on-call incident response");

  private SoakBench() {}

  /** One finished request: its operation, when it ended, how long it took, whether it failed. */
  private record Sample(Op op, long endedNanos, double millis, boolean error) {}

  static void run(BenchContext ctx, RunningApp app, TestDatabase database, double minutes)
      throws Exception {
    int users = ctx.quick() ? 2 : 4;
    Duration length = Duration.ofMillis((long) (minutes * 60_000));
    Duration window = Duration.ofMillis(Math.max(15_000, length.toMillis() / 10));
    ApiClient client = app.client();
    List<String> allPostings = CvLatencyBench.postings();
    JsonNode resume =
        ApiClient.JSON.readTree(Path.of("app-war/src/main/resources/demo/resume.json").toFile());
    List<ObjectNode> samples = EndToEndIngestBench.sampleArtifacts();
    List<String> tokens = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      String token = client.register("soak-user-" + u);
      client.call("POST", "api/v1/artifacts/import", token, resume, 201);
      tokens.add(token);
    }
    for (String token : tokens) {
      client.awaitEmbedded(token);
    }
    // Only postings the demo portfolio is relevant to: for an unrelated one the product rightly
    // refuses the CV (422), which is an answer, not a failure, and not what a soak measures.
    List<String> relevant = new ArrayList<>();
    for (String posting : allPostings) {
      try {
        JsonNode cv =
            client.call(
                "POST", "api/v1/cvs", tokens.get(0), Map.of("job_description", posting), 201);
        client.call("DELETE", "api/v1/cvs/" + cv.get("id").asText(), tokens.get(0), null, 204);
        relevant.add(posting);
      } catch (IllegalStateException refused) {
        BenchContext.progress("soak: leaves out a posting the portfolio does not match");
      }
    }
    List<String> postings = List.copyOf(relevant);
    BenchContext.progress(
        "soak: %d users with the demo portfolio each; %s of mixed traffic, a row every %ss",
        users, length.toString().substring(2).toLowerCase(Locale.ROOT), window.toSeconds());

    ConcurrentLinkedQueue<Sample> finished = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(users);
    for (int u = 0; u < users; u++) {
      String token = tokens.get(u);
      Random random = new Random(ctx.seed() + u);
      Future<?> unused =
          pool.submit(
              () ->
                  userLoop(client, token, random, postings, samples, stop, finished, errorSamples));
    }

    BenchReport.Table table =
        ctx.report()
            .table(
                "soak",
                "Soak: "
                    + users
                    + " users, mixed traffic for "
                    + minutes
                    + " min (p95 in ms per operation; heap after a forced full GC)",
                "minute",
                "requests",
                "errors",
                "search_p95",
                "rank_p95",
                "cv_p95",
                "pdf_p95",
                "create_p95",
                "update_p95",
                "delete_p95",
                "heap_after_gc_mb",
                "rss_mb",
                "db_connections",
                "threads");
    Map<String, List<double[]>> p95Series = new LinkedHashMap<>();
    Map<String, List<double[]>> memorySeries = new LinkedHashMap<>();
    for (Op op : Op.values()) {
      p95Series.put(op.name().toLowerCase(Locale.ROOT), new ArrayList<>());
    }
    memorySeries.put("heap after GC (MB)", new ArrayList<>());
    memorySeries.put("RSS (MB)", new ArrayList<>());
    long started = System.nanoTime();
    long totalRequests = 0;
    long totalErrors = 0;
    List<double[]> heapPoints = memorySeries.get("heap after GC (MB)");
    List<double[]> rssPoints = memorySeries.get("RSS (MB)");
    int connectionsMax = 0;
    int threadsMax = 0;
    while (System.nanoTime() - started < length.toNanos()) {
      long windowEnd = Math.min(started + length.toNanos(), System.nanoTime() + window.toNanos());
      TimeUnit.NANOSECONDS.sleep(Math.max(0, windowEnd - System.nanoTime()));
      Map<Op, List<Double>> byOp = new EnumMap<>(Op.class);
      long requests = 0;
      long errors = 0;
      for (Sample sample; (sample = finished.poll()) != null; ) {
        requests++;
        if (sample.error()) {
          errors++;
        } else {
          byOp.computeIfAbsent(sample.op(), k -> new ArrayList<>()).add(sample.millis());
        }
      }
      totalRequests += requests;
      totalErrors += errors;
      double minute = (System.nanoTime() - started) / 60e9;
      double heap = heapAfterGc(app);
      double rss = ProcessFigures.rssMb(app.pid());
      int threads = (int) ProcessFigures.procStatus(app.pid(), ProcessFigures.THREADS);
      int connections = connections(database);
      connectionsMax = Math.max(connectionsMax, connections);
      threadsMax = Math.max(threadsMax, threads);
      List<Object> row = new ArrayList<>();
      row.add(String.format("%.1f", minute));
      row.add(requests);
      row.add(errors);
      for (Op op : Op.values()) {
        List<Double> millis = byOp.getOrDefault(op, List.of());
        double p95 = Latencies.of(millis).p95();
        row.add(millis.isEmpty() ? "-" : p95);
        if (!millis.isEmpty()) {
          p95Series.get(op.name().toLowerCase(Locale.ROOT)).add(new double[] {minute, p95});
        }
      }
      row.add(Math.round(heap));
      row.add(Math.round(rss));
      row.add(connections);
      row.add(threads);
      table.row(row.toArray());
      heapPoints.add(new double[] {minute, heap});
      rssPoints.add(new double[] {minute, rss});
      BenchContext.progress(
          "soak: %.1f of %s min, %d requests, %d errors, heap after GC %.0f MB, RSS %.0f MB",
          minute, minutes, totalRequests, totalErrors, heap, rss);
    }
    stop.set(true);
    pool.shutdown();
    pool.awaitTermination(3, TimeUnit.MINUTES);
    for (Sample sample; (sample = finished.poll()) != null; ) {
      totalRequests++;
      totalErrors += sample.error() ? 1 : 0;
    }
    table.print();
    ctx.report()
        .chart(
            "soak_p95",
            "Soak: p95 per operation over time",
            "minute",
            "p95 (ms)",
            false,
            p95Series);
    ctx.report()
        .chart(
            "soak_memory",
            "Soak: heap after GC and RSS over time",
            "minute",
            "MB",
            false,
            memorySeries);
    // Growth after warm-up: the second window against the last (the first includes class loading,
    // JIT and the first caches filling).
    double heapGrowth =
        heapPoints.size() > 2
            ? heapPoints.get(heapPoints.size() - 1)[1] - heapPoints.get(1)[1]
            : Double.NaN;
    double rssGrowth =
        rssPoints.size() > 2
            ? rssPoints.get(rssPoints.size() - 1)[1] - rssPoints.get(1)[1]
            : Double.NaN;
    BenchReport.Table summary =
        ctx.report()
            .table(
                "soak_summary",
                "Soak summary",
                "requests",
                "errors",
                "heap_after_gc_growth_after_warmup_mb",
                "rss_growth_after_warmup_mb",
                "db_connections_max",
                "threads_max");
    summary
        .row(totalRequests, totalErrors, heapGrowth, rssGrowth, connectionsMax, threadsMax)
        .print();
    ctx.report().figure("soak", "requests", totalRequests);
    ctx.report().figure("soak", "errors", totalErrors);
    ctx.report().figure("soak", "heap_after_gc_growth_mb", heapGrowth);
    ctx.report().figure("soak", "rss_growth_mb", rssGrowth);
    errorSamples.stream().limit(5).forEach(e -> System.out.println("  soak error: " + e));
  }

  /** One user's requests until the soak ends: a weighted random operation, then a short pause. */
  private static void userLoop(
      ApiClient client,
      String token,
      Random random,
      List<String> postings,
      List<ObjectNode> samples,
      AtomicBoolean stop,
      ConcurrentLinkedQueue<Sample> finished,
      ConcurrentLinkedQueue<String> errorSamples) {
    // The artifacts this user created, with the version each was last read at (PUT needs it).
    Map<String, Long> created = new LinkedHashMap<>();
    List<String> cvs = new ArrayList<>();
    long counter = 0;
    while (!stop.get()) {
      Op op = pick(random);
      if ((op == Op.UPDATE || op == Op.DELETE) && created.isEmpty()) {
        op = Op.CREATE;
      }
      if (op == Op.PDF && cvs.isEmpty()) {
        op = Op.CV;
      }
      long n = ++counter;
      // Postings repeat now and then (a person tries one posting several times), so the posting
      // caches see hits and misses.
      String posting =
          postings.get(random.nextInt(postings.size())) + "\nReference " + random.nextInt(25);
      long begin = System.nanoTime();
      boolean error = false;
      try {
        switch (op) {
          case SEARCH ->
              client.call(
                  "POST",
                  "api/v1/artifacts/search/similar",
                  token,
                  Map.of("query_text", QUERIES.get(random.nextInt(QUERIES.size())), "limit", 10),
                  200);
          case RANK ->
              client.call(
                  "POST",
                  "api/v1/artifacts/rank",
                  token,
                  Map.of("job_description", posting, "ranking_method", "hybrid", "top_k", 10),
                  200);
          case CV -> {
            JsonNode cv =
                client.call("POST", "api/v1/cvs", token, Map.of("job_description", posting), 201);
            cvs.add(cv.get("id").asText());
            if (cvs.size() > 20) { // a person deletes old CVs; keeps the CV list bounded
              client.call("DELETE", "api/v1/cvs/" + cvs.remove(0), token, null, 204);
            }
          }
          case PDF -> client.callRaw("api/v1/cvs/" + cvs.get(cvs.size() - 1) + "/pdf", token);
          case CREATE -> {
            ObjectNode artifact = samples.get(random.nextInt(samples.size())).deepCopy();
            artifact.put("title", artifact.path("title").asText() + " (soak " + n + ")");
            JsonNode saved = client.call("POST", "api/v1/artifacts", token, artifact, 201);
            created.put(saved.get("id").asText(), saved.get("version").asLong());
          }
          case UPDATE -> {
            String id = any(created, random);
            ObjectNode artifact = samples.get(random.nextInt(samples.size())).deepCopy();
            artifact.put("title", artifact.path("title").asText() + " (soak edit " + n + ")");
            artifact.put("version", created.get(id));
            JsonNode saved = client.call("PUT", "api/v1/artifacts/" + id, token, artifact, 200);
            created.put(id, saved.get("version").asLong());
          }
          case DELETE -> {
            String id = any(created, random);
            created.remove(id);
            client.call("DELETE", "api/v1/artifacts/" + id, token, null, 204);
          }
        }
      } catch (Exception e) {
        error = true;
        if (errorSamples.size() < 20) {
          errorSamples.add(op + ": " + e.getMessage());
        }
      }
      long end = System.nanoTime();
      finished.add(new Sample(op, end, (end - begin) / 1e6, error));
      try {
        Thread.sleep(100 + random.nextInt(200));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String any(Map<String, Long> created, Random random) {
    return created.keySet().stream().skip(random.nextInt(created.size())).findFirst().orElseThrow();
  }

  private static Op pick(Random random) {
    int roll = random.nextInt(100);
    for (Op op : Op.values()) {
      roll -= op.weight;
      if (roll < 0) {
        return op;
      }
    }
    return Op.SEARCH;
  }

  /** Forces a full GC in the application (jcmd) and reads the used heap from its /metrics. */
  private static double heapAfterGc(RunningApp app) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process gc =
        new ProcessBuilder(jcmd.toString(), String.valueOf(app.pid()), "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!gc.waitFor(60, TimeUnit.SECONDS)) {
      gc.destroyForcibly();
    }
    String metrics = app.client().metrics();
    double used = ProcessFigures.value(ProcessFigures.USED_HEAP_BYTES, metrics);
    return used > 0 ? used / 1048576 : Double.NaN;
  }

  /** The application's connections to its database (the bench's own one excluded). */
  private static int connections(TestDatabase database) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                """
                SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()
                """);
        ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
