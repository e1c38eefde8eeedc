package io.cvtailor.measure.bench;

import io.cvtailor.measure.app.ApiClient;
import io.cvtailor.measure.app.RunningApp;
import io.cvtailor.testsupport.TestDatabase;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One user floods the API (16 clients, as fast as they can) while a second user works at a person's
 * pace; the rate limits are on (the other sections run without them). Printed: how much of the
 * flood was served and refused, what a refusal costs, and the second user's latency before and
 * during the flood.
 */
final class RateLimitBench {
  private static final int CLIENTS = 16;

  private RateLimitBench() {}

  static void run(BenchContext ctx, TestDatabase database) throws Exception {
    int flood = ctx.quick() ? 2_000 : 10_000;
    try (RunningApp app = RunningApp.start(database, List.of("-Drate-limit.enabled=true"))) {
      ApiClient client = app.client();
      String flooder = client.register("ratelimit-flooder");
      String other = client.register("ratelimit-other");
      for (int i = 0; i < 20; i++) {
        client.call(
            "POST",
            "api/v1/artifacts",
            other,
            Map.of("title", "Project " + i, "artifact_type", "project", "description", "Work " + i),
            201);
      }
      HttpClient http = ApiClient.newHttpClient();
      HttpRequest otherRequest = get(app, "api/v1/artifacts?size=20", other);
      HttpRequest floodRequest = get(app, "api/v1/me", flooder);

      List<Double> before = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        before.add(timed(http, otherRequest, null));
      }

      List<Double> served = Collections.synchronizedList(new ArrayList<>());
      List<Double> refused = Collections.synchronizedList(new ArrayList<>());
      List<Double> during = Collections.synchronizedList(new ArrayList<>());
      AtomicInteger otherFailures = new AtomicInteger();
      AtomicBoolean flooding = new AtomicBoolean(true);
      Thread person =
          new Thread(
              () -> {
                while (flooding.get()) {
                  try {
                    during.add(timed(http, otherRequest, otherFailures));
                    Thread.sleep(20);
                  } catch (Exception e) {
                    otherFailures.incrementAndGet();
                  }
                }
              });
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      long started = System.nanoTime();
      person.start();
      try {
        List<Future<?>> requests = new ArrayList<>();
        for (int i = 0; i < flood; i++) {
          requests.add(
              pool.submit(
                  () -> {
                    long t = System.nanoTime();
                    int status =
                        http.send(floodRequest, HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                    double ms = (System.nanoTime() - t) / 1e6;
                    (status == 429 ? refused : served).add(ms);
                    return null;
                  }));
        }
        for (Future<?> request : requests) {
          request.get();
        }
      } finally {
        flooding.set(false);
        person.join();
        pool.shutdownNow();
      }
      double seconds = (System.nanoTime() - started) / 1e9;

      BenchReport.Table table =
          ctx.report()
              .table(
                  "ratelimit",
                  String.format(
                      "Flood of %,d GET /me from one user (%d clients, %.1f s, %.0f req/s) beside a"
                          + " second user's GET /artifacts",
                      flood, CLIENTS, seconds, flood / seconds),
                  "requests",
                  "count",
                  "p50_ms",
                  "p95_ms",
                  "max_ms");
      row(table, "flooder: served (200)", served);
      row(table, "flooder: refused (429)", refused);
      row(table, "other user, before the flood", before);
      row(table, "other user, during the flood", during);
      table.print();
      ctx.report().figure("ratelimit", "flood_requests", flood);
      ctx.report().figure("ratelimit", "flood_served", served.size());
      ctx.report().figure("ratelimit", "flood_refused", refused.size());
      ctx.report().figure("ratelimit", "other_user_failures_during_flood", otherFailures.get());
      BenchContext.progress(
          "rate limit: %d of %d flood requests refused; the other user had %d failures",
          refused.size(), flood, otherFailures.get());
      fairQueue(ctx, app, http);
    }
  }

  private static void fairQueue(BenchContext ctx, RunningApp app, HttpClient http)
      throws Exception {
    int backlog = ctx.quick() ? 2_000 : 10_000;
    ApiClient client = app.client();
    String heavy = client.register("fair-heavy");
    String light = client.register("fair-light");
    // 1,000 lines a request: well inside the request deadline, and 10 imports for 10,000 stay
    // inside the expensive class's burst of 20.
    for (int from = 0; from < backlog; from += 1_000) {
      StringBuilder lines = new StringBuilder();
      for (int i = from; i < Math.min(backlog, from + 1_000); i++) {
        lines
            .append("{\"title\":\"Service ")
            .append(i)
            .append("\",\"artifact_type\":\"project\",\"description\":\"Ran service ")
            .append(i)
            .append(" of the fleet on Kubernetes with PostgreSQL.\"}\n");
      }
      HttpRequest importing =
          HttpRequest.newBuilder(app.base().resolve("api/v1/artifacts/import"))
              .timeout(Duration.ofMinutes(5))
              .header("Authorization", "Bearer " + heavy)
              .header("Content-Type", "application/x-ndjson")
              .POST(HttpRequest.BodyPublishers.ofString(lines.toString()))
              .build();
      int imported = http.send(importing, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (imported != 201) {
        throw new IllegalStateException("import of the backlog -> " + imported);
      }
    }
    String run =
        client.call("POST", "api/v1/embeddings/reindex", heavy, "{}", 202).get("job_id").asText();
    BenchContext.progress("fair queue: %,d artifacts queued for one user", backlog);
    List<Double> ready = new ArrayList<>();
    List<Long> stillQueued = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        long started = System.nanoTime();
        long id =
            client
                .call(
                    "POST",
                    "api/v1/artifacts",
                    light,
                    Map.of(
                        "title", "Incident review " + i,
                        "artifact_type", "project",
                        "description", "Led blameless incident reviews for the payments team."),
                    201)
                .get("id")
                .asLong();
        while (!"ready"
            .equals(
                client
                    .call("GET", "api/v1/artifacts/" + id, light, null, 200)
                    .get("embedding_status")
                    .asText())) {
          if (System.nanoTime() - started > Duration.ofMinutes(5).toNanos()) {
            throw new IllegalStateException("the light user's artifact was not ready in 5 min");
          }
          Thread.sleep(20);
        }
        ready.add((System.nanoTime() - started) / 1e6);
        var progress = client.call("GET", "api/v1/embeddings/reindex/" + run, heavy, null, 200);
        stillQueued.add(progress.get("total").asLong() - progress.get("done").asLong());
        Thread.sleep(1000);
      }
    } finally {
      // The rest of the backlog is not what is measured: dropped rather than embedded.
      try (var c = ctx.connect();
          var drop =
              c.prepareStatement(
                  "DELETE FROM embeddings.embedding_jobs WHERE reindex_id = CAST(? AS uuid)")) {
        drop.setString(1, run);
        drop.executeUpdate();
      }
    }
    BenchReport.Table table =
        ctx.report()
            .table(
                "fair_queue",
                String.format(
                    "Another user's new artifact, commit -> ready, while one user re-indexes %,d"
                        + " artifacts (5 artifacts, one a second)",
                    backlog),
                "measure",
                "count",
                "p50",
                "p95",
                "max");
    row(table, "commit -> ready (ms)", ready);
    row(
        table,
        "backlog still queued at that moment (artifacts)",
        stillQueued.stream().map(Long::doubleValue).toList());
    table.print();
    ctx.report().figure("fair_queue", "backlog", backlog);
    ctx.report().figure("fair_queue", "ready_ms_max", Latencies.of(ready).max());
  }

  private static HttpRequest get(RunningApp app, String path, String token) {
    return HttpRequest.newBuilder(app.base().resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
  }

  private static double timed(HttpClient http, HttpRequest request, AtomicInteger failures)
      throws Exception {
    long t = System.nanoTime();
    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (status != 200 && failures != null) {
      failures.incrementAndGet();
    }
    return (System.nanoTime() - t) / 1e6;
  }

  private static void row(BenchReport.Table table, String name, List<Double> millis) {
    if (millis.isEmpty()) {
      table.row(name, 0, "-", "-", "-");
      return;
    }
    Latencies l = Latencies.of(millis);
    table.row(name, millis.size(), l.p50(), l.p95(), l.max());
  }
}
