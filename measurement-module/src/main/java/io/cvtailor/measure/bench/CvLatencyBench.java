package io.cvtailor.measure.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvtailor.measure.app.ApiClient;
import io.cvtailor.measure.app.RunningApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The latency of ranking and of generating a CV for a 60-artifact portfolio, through the REST API
 * with the local model. Every request carries a posting the server has not seen (so the posting is
 * embedded each time: the worst case).
 */
final class CvLatencyBench {
  private static final ObjectMapper JSON = ApiClient.JSON;

  private CvLatencyBench() {}

  static void run(BenchContext ctx, RunningApp app) throws Exception {
    int rounds = ctx.quick() ? 6 : 40;
    ApiClient client = app.client();
    String token = client.register("cv-bench");
    int artifacts = loadPortfolio(client, token);
    client.awaitEmbedded(token);
    BenchContext.progress("CV latency: portfolio of %d artifacts embedded", artifacts);
    List<String> postings = postings();

    for (int i = 0; i < 3; i++) { // warm-up
      client.call(
          "POST",
          "api/v1/cvs",
          token,
          Map.of("job_description", postings.get(i % postings.size()) + "\nwarm-up " + i),
          201);
    }
    List<Double> rank = new ArrayList<>();
    List<Double> cv = new ArrayList<>();
    List<Double> pdf = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      String posting = postings.get(i % postings.size()) + "\nReference " + i;
      long started = System.nanoTime();
      client.call(
          "POST",
          "api/v1/artifacts/rank",
          token,
          Map.of("job_description", posting, "ranking_method", "hybrid", "top_k", 10),
          200);
      rank.add((System.nanoTime() - started) / 1e6);
      started = System.nanoTime();
      JsonNode generated =
          client.call(
              "POST", "api/v1/cvs", token, Map.of("job_description", posting + " (cv)"), 201);
      cv.add((System.nanoTime() - started) / 1e6);
      started = System.nanoTime();
      client.callRaw("api/v1/cvs/" + generated.get("id").asText() + "/pdf", token);
      pdf.add((System.nanoTime() - started) / 1e6);
      if ((i + 1) % 10 == 0) {
        BenchContext.progress("CV latency: %d/%d rounds", i + 1, rounds);
      }
    }
    BenchReport.Table table =
        ctx.report()
            .table(
                "cv_latency",
                "Rank and CV generation, "
                    + artifacts
                    + " artifacts, unseen posting per request, "
                    + rounds
                    + " requests each (ms)",
                "operation",
                "p50_ms",
                "p95_ms",
                "max_ms");
    row(table, "POST /artifacts/rank (hybrid)", rank);
    row(table, "POST /cvs", cv);
    row(table, "GET /cvs/{id}/pdf", pdf);
    table.print();
  }

  /** The demo resume and the sample personas' artifacts, together 60 artifacts. */
  private static int loadPortfolio(ApiClient client, String token) throws Exception {
    client.call(
        "POST",
        "api/v1/artifacts/import",
        token,
        JSON.readTree(Path.of("app-war/src/main/resources/demo/resume.json").toFile()),
        201);
    int count =
        client.call("GET", "api/v1/artifacts?size=1", token, null, 200).get("total").asInt();
    for (JsonNode artifact : EndToEndIngestBench.sampleArtifacts()) {
      if (count >= 60) {
        return count;
      }
      client.call("POST", "api/v1/artifacts", token, artifact, 201);
      count++;
    }
    while (count < 60) {
      client.call(
          "POST",
          "api/v1/artifacts",
          token,
          Map.of(
              "title", "Code review guild " + count,
              "artifact_type", "volunteer",
              "description", "Ran a fortnightly code review guild on testing and API design."),
          201);
      count++;
    }
    return count;
  }

  static List<String> postings() throws Exception {
    List<String> postings = new ArrayList<>();
    postings.add(Files.readString(Path.of("app-war/src/main/resources/demo/job-posting.txt")));
    for (JsonNode job : JSON.readTree(Path.of("eval/sample/jobs.json").toFile())) {
      postings.add(job.get("description").asText());
    }
    return postings;
  }

  private static void row(BenchReport.Table table, String name, List<Double> millis) {
    Latencies latencies = Latencies.of(millis);
    table.row(name, latencies.p50(), latencies.p95(), latencies.max());
  }
}
