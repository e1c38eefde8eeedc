package io.cvtailor.app.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvtailor.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./cvtailor bench}: the latency of ranking and of generating a CV for a 60-artifact
 * portfolio, through the REST API of a real cvtailor with the local model, on a fresh database.
 * Every request carries a posting the server has not seen (so the posting is embedded each time:
 * the worst case), and figures are printed, not asserted.
 */
public final class CvBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    int rounds = 40;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--quick")) {
        rounds = 10;
      } else if (args[i].equals("--rounds")) {
        rounds = Integer.parseInt(args[++i]);
      }
    }
    EvalCommand client = new EvalCommand();
    Process app = null;
    try {
      app = client.startOnFreePort(TestDatabase.get());
      String token = client.register("bench");
      int artifacts = loadPortfolio(client, token);
      client.awaitEmbedded(token);
      System.out.printf("[bench] portfolio of %d artifacts embedded%n", artifacts);
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
          System.out.printf("[bench] %d/%d rounds%n", i + 1, rounds);
        }
      }
      System.out.printf(
          "%n%-32s %8s %8s %8s   (%d requests each, %d artifacts)%n",
          "operation", "p50 ms", "p95 ms", "max ms", rounds, artifacts);
      print("POST /artifacts/rank (hybrid)", rank);
      print("POST /cvs (new posting)", cv);
      print("GET /cvs/{id}/pdf", pdf);
    } finally {
      if (app != null) {
        app.destroy();
        app.waitFor();
      }
      TestDatabase.dropIfCreated();
    }
  }

  /** The demo resume and the sample personas' artifacts, together 60 artifacts. */
  private static int loadPortfolio(EvalCommand client, String token) throws Exception {
    client.call(
        "POST",
        "api/v1/artifacts/import",
        token,
        JSON.readTree(Path.of("app-war/src/main/resources/demo/resume.json").toFile()),
        201);
    int count =
        client.call("GET", "api/v1/artifacts?size=1", token, null, 200).get("total").asInt();
    try (Stream<Path> files = Files.list(Path.of("eval/sample/personas"))) {
      for (Path file : files.sorted().toList()) {
        for (JsonNode artifact : JSON.readTree(file.toFile()).get("artifacts")) {
          if (count >= 60) {
            return count;
          }
          var body = JSON.createObjectNode();
          for (String field :
              List.of(
                  "title",
                  "artifact_type",
                  "description",
                  "content",
                  "organization",
                  "started_on",
                  "ended_on",
                  "tags")) {
            if (artifact.hasNonNull(field)) {
              body.set(field, artifact.get(field));
            }
          }
          client.call("POST", "api/v1/artifacts", token, body, 201);
          count++;
        }
      }
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

  private static List<String> postings() throws Exception {
    List<String> postings = new ArrayList<>();
    postings.add(Files.readString(Path.of("app-war/src/main/resources/demo/job-posting.txt")));
    for (JsonNode job : JSON.readTree(Path.of("eval/sample/jobs.json").toFile())) {
      postings.add(job.get("description").asText());
    }
    return postings;
  }

  private static void print(String name, List<Double> millis) {
    List<Double> sorted = millis.stream().sorted().toList();
    System.out.printf(
        Locale.ROOT,
        "%-32s %8.0f %8.0f %8.0f%n",
        name,
        percentile(sorted, 0.50),
        percentile(sorted, 0.95),
        sorted.get(sorted.size() - 1));
  }

  static double percentile(List<Double> sorted, double p) {
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
