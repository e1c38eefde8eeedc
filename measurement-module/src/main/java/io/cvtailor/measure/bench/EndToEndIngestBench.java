package io.cvtailor.measure.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.measure.app.ApiClient;
import io.cvtailor.measure.app.RunningApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Ingest end to end with the local model: real career texts (the sample personas' artifacts, each
 * copy numbered so that nothing is deduplicated) bulk-imported as NDJSON through the API, timed
 * until every artifact's embeddings (whole, summary and chunks) are stored; and the latency from
 * creating one artifact to its embeddings being ready.
 */
final class EndToEndIngestBench {
  private static final List<String> FIELDS =
      List.of("title", "artifact_type", "description", "content", "organization", "tags");

  private EndToEndIngestBench() {}

  static void run(BenchContext ctx, RunningApp app) throws Exception {
    ApiClient client = app.client();
    String token = client.register("ingest-bench");
    List<ObjectNode> texts = sampleArtifacts();
    int count = ctx.quick() ? 32 : 640;

    BenchContext.progress("ingest: importing %d artifacts through the API", count);
    long started = System.nanoTime();
    importNdjson(app, token, texts, count);
    double acknowledged = (System.nanoTime() - started) / 1e9;
    client.awaitEmbedded(token);
    double embedded = (System.nanoTime() - started) / 1e9;
    JsonNode status = client.call("GET", "api/v1/embeddings/status", token, null, 200);

    // One artifact at a time: from the API's 201 to embedding_status "ready".
    List<Double> readyMillis = new ArrayList<>();
    int singles = ctx.quick() ? 5 : 20;
    for (int i = 0; i < singles; i++) {
      ObjectNode artifact = texts.get(i % texts.size()).deepCopy();
      artifact.put("title", artifact.get("title").asText() + " (single " + (i + 1) + ")");
      long created = System.nanoTime();
      long id = client.call("POST", "api/v1/artifacts", token, artifact, 201).get("id").asLong();
      while (!client
          .call("GET", "api/v1/artifacts/" + id, token, null, 200)
          .path("embedding_status")
          .asText()
          .equals("ready")) {
        LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
      }
      readyMillis.add((System.nanoTime() - created) / 1e6);
    }
    Latencies ready = Latencies.of(readyMillis);

    ctx.report()
        .table(
            "ingest_end_to_end",
            "Ingest with the local model (NDJSON import of "
                + count
                + " real artifact texts, until every embedding is stored)",
            "artifacts",
            "import_ack_seconds",
            "all_embedded_seconds",
            "artifacts_per_second",
            "single_create_to_ready_p50_ms",
            "single_create_to_ready_p95_ms")
        .row(count, acknowledged, embedded, count / embedded, ready.p50(), ready.p95())
        .print();
    ctx.report().figure("ingest", "end_to_end_artifacts_per_second", count / embedded);
    ctx.report().figure("ingest", "embedding_status", status);
  }

  /**
   * Imports {@code count} artifacts cycling through {@code texts} (titles numbered so each is new)
   * as one NDJSON request; returns when the server acknowledged it (201).
   */
  static void importNdjson(RunningApp app, String token, List<ObjectNode> texts, int count)
      throws Exception {
    importNdjson(app.base(), token, texts, count);
  }

  /** As above, to the API at {@code base} (an instance, or haproxy in front of several). */
  static void importNdjson(URI base, String token, List<ObjectNode> texts, int count)
      throws Exception {
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < count; i++) {
      ObjectNode artifact = texts.get(i % texts.size()).deepCopy();
      artifact.put("title", artifact.get("title").asText() + " (" + (i + 1) + ")");
      ndjson.append(ApiClient.JSON.writeValueAsString(artifact)).append('\n');
    }
    HttpResponse<String> response =
        ApiClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.resolve("api/v1/artifacts/import"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Content-Type", "application/x-ndjson")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString()))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("import answered " + response.statusCode());
    }
  }

  /** The artifacts of the sample personas shipped in eval/sample, as API request bodies. */
  static List<ObjectNode> sampleArtifacts() throws Exception {
    List<ObjectNode> artifacts = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("eval/sample/personas"))) {
      for (Path file : files.sorted().toList()) {
        for (JsonNode artifact : ApiClient.JSON.readTree(file.toFile()).get("artifacts")) {
          ObjectNode body = ApiClient.JSON.createObjectNode();
          for (String field : FIELDS) {
            if (artifact.hasNonNull(field)) {
              body.set(field, artifact.get(field));
            }
          }
          artifacts.add(body);
        }
      }
    }
    return artifacts;
  }
}
