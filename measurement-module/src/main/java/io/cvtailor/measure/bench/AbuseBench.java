package io.cvtailor.measure.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.measure.app.ApiClient;
import io.cvtailor.measure.app.RunningApp;
import io.cvtailor.testsupport.RawHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code --only abuse}: the hostile requests of issue 11's table against the started WAR, one at a
 * time from one signed-in user, while a second user searches once a second. Per row: the status,
 * the time to the answer, the size of the answer and the second user's slowest search while the row
 * ran. Bodies are generated while they are sent, over a plain HTTP/1.1 socket (chunked, as a
 * streaming attacker would send them), so 100 MB never sit in memory.
 */
final class AbuseBench {
  private static final long MIB = 1024 * 1024;

  private AbuseBench() {}

  /** One hostile request. */
  private record Row(String name, String path, String contentType, RawHttp.Body body) {}

  static void run(BenchContext ctx, RunningApp app) throws Exception {
    ApiClient client = app.client();
    String attacker = client.register("abuse-attacker");
    String victim = client.register("abuse-victim");
    for (int i = 0; i < 20; i++) {
      client.call(
          "POST",
          "api/v1/artifacts",
          victim,
          Map.of(
              "title", "Rails service " + i,
              "artifact_type", "project",
              "description", "Built a Ruby on Rails billing service with PostgreSQL and Sidekiq."),
          201);
    }
    client.awaitEmbedded(victim);

    List<Row> rows =
        List.of(
            new Row(
                "similar: 15 MB query_text",
                "api/v1/artifacts/search/similar",
                "application/json",
                RawHttp.repeated("{\"query_text\":\"", "word ", 3 * MIB, "\"}")),
            new Row(
                "similar: 1,000,000 unknown artifact_types",
                "api/v1/artifacts/search/similar",
                "application/json",
                RawHttp.repeated(
                    "{\"query_text\":\"rails\",\"artifact_types\":[\"x\"",
                    ",\"x\"",
                    999_999,
                    "]}")),
            new Row(
                "import: 100 MB of invalid NDJSON lines",
                "api/v1/artifacts/import",
                "application/x-ndjson",
                RawHttp.repeated("", "{not json at all}\n", 100 * MIB / 18, "")),
            new Row(
                "import: JSON Resume of 600,000 empty entries",
                "api/v1/artifacts/import",
                "application/json",
                RawHttp.repeated("{\"work\":[{}", ",{}", 600_000, "]}")),
            new Row(
                "rank: '-' and 49,990 spaces",
                "api/v1/artifacts/rank",
                "application/json",
                RawHttp.repeated("{\"job_description\":\"-", " ", 49_990, "\"}")),
            new Row(
                "similar: 1,000,000-number query_embedding",
                "api/v1/artifacts/search/similar",
                "application/json",
                RawHttp.repeated("{\"query_embedding\":[0", ",0", 999_999, "]}")),
            new Row(
                "rank: 1,000,000 artifact_ids",
                "api/v1/artifacts/rank",
                "application/json",
                RawHttp.repeated(
                    "{\"job_description\":\"Rails\",\"artifact_ids\":[1", ",1", 999_999, "]}")));

    BenchReport.Table table =
        ctx.report()
            .table(
                "abuse",
                "Hostile requests (issue 11) from one user while a second user searches once a"
                    + " second",
                "request",
                "status",
                "answer_ms",
                "answer_bytes",
                "other_user_max_search_ms");
    HttpClient http = ApiClient.newHttpClient();
    HttpRequest search =
        HttpRequest.newBuilder(client.base().resolve("api/v1/artifacts/search/similar"))
            .timeout(Duration.ofMinutes(3))
            .header("Authorization", "Bearer " + victim)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"query_text\":\"Rails billing\"}"))
            .build();
    for (Row row : rows) {
      ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
      ScheduledExecutorService searcher = Executors.newSingleThreadScheduledExecutor();
      Future<?> unused =
          searcher.scheduleAtFixedRate(
              () -> {
                long started = System.nanoTime();
                try {
                  HttpResponse<String> response =
                      http.send(search, HttpResponse.BodyHandlers.ofString());
                  if (response.statusCode() == 200) {
                    latencies.add((System.nanoTime() - started) / 1e6);
                  } else {
                    latencies.add(-1.0);
                  }
                } catch (Exception e) {
                  latencies.add(-1.0);
                }
              },
              0,
              1,
              TimeUnit.SECONDS);
      Thread.sleep(1_500); // a baseline search or two before the attack
      RawHttp.Reply reply;
      try {
        reply =
            RawHttp.send(
                client.base(), "POST", row.path(), attacker, row.contentType(), null, row.body());
      } catch (java.io.IOException e) {
        reply = null;
      }
      Thread.sleep(1_500); // and after it, while the server may still be busy with it
      searcher.shutdown();
      searcher.awaitTermination(200, TimeUnit.SECONDS);
      double worst = latencies.stream().mapToDouble(Double::doubleValue).max().orElse(0);
      boolean failed = latencies.stream().anyMatch(l -> l < 0);
      table.row(
          row.name(),
          reply == null ? "no answer" : String.valueOf(reply.status()),
          reply == null ? "-" : reply.millis(),
          reply == null ? "-" : reply.body().length(),
          failed ? "failed" : worst);
      if (reply != null) {
        JsonNode answer = reply.status() >= 400 ? reply.json() : null;
        BenchContext.progress(
            "abuse: %s -> %d in %d ms%s",
            row.name(),
            reply.status(),
            reply.millis(),
            answer == null ? "" : " (" + answer.path("errors").path(0) + ")");
      }
    }
    table.print();
  }
}
