package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.testsupport.TestDatabase;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embedding pipeline over HTTP, checked against the database where the API cannot show it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EmbeddingsIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  private static Map<String, Object> artifact(
      String title, String type, String description, String content) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("artifact_type", type);
    body.put("description", description);
    if (content != null) {
      body.put("content", content);
    }
    return body;
  }

  private static long create(Api api, String token, Map<String, Object> body) {
    Api.Reply created = api.post("api/v1/artifacts", token, body);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  private static List<Long> similar(Api api, String token, String query) {
    Api.Reply reply =
        api.post(
            "api/v1/artifacts/search/similar",
            token,
            Map.of("query_text", query, "similarity_threshold", -1, "limit", 10));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    reply.json().get("results").forEach(r -> ids.add(r.get("artifact_id").asLong()));
    return ids;
  }

  @Test
  void unchangedContentIsNotEmbeddedAgainUnlessForced() {
    Api api = new Api(deployment);
    String token = api.newUserToken("Dedupe");
    long id =
        create(
            api,
            token,
            artifact("Kafka migration", "project", "Moved billing events to Kafka.", null));
    api.awaitEmbedded(id, token);

    Api.Reply stored =
        api.post("api/v1/artifacts/" + id + "/embeddings", token, Map.of("content_type", "full"));
    assertThat(stored.status()).as("already current: no model call").isEqualTo(200);
    Api.Reply again =
        api.post("api/v1/artifacts/" + id + "/embeddings", token, Map.of("content_type", "full"));
    assertThat(again.json().get("embedding_id")).isEqualTo(stored.json().get("embedding_id"));

    Api.Reply forced =
        api.post(
            "api/v1/artifacts/" + id + "/embeddings",
            token,
            Map.of("content_type", "full", "force_regenerate", true));
    assertThat(forced.status()).isEqualTo(201);
    assertThat(forced.json().get("embedding_id")).isNotEqualTo(stored.json().get("embedding_id"));
    assertThat(forced.json().get("dimensions").asInt()).isEqualTo(384);
    assertThat(forced.json().get("content_hash").asText())
        .isEqualTo(api.get("api/v1/artifacts/" + id, token).json().get("content_hash").asText());

    Api.Reply chunks =
        api.post("api/v1/artifacts/" + id + "/embeddings", token, Map.of("content_type", "chunks"));
    assertThat(chunks.status()).isEqualTo(200);
    assertThat(chunks.json().get("chunk_count").asInt())
        .isEqualTo(chunks.json().get("embedding_ids").size());

    JsonNode listed = api.get("api/v1/artifacts/" + id + "/embeddings", token).json();
    assertThat(listed.get("artifact_id").asLong()).isEqualTo(id);
    List<String> types = new ArrayList<>();
    listed.get("embeddings").forEach(e -> types.add(e.get("content_type").asText()));
    assertThat(types).contains("full", "summary", "chunk");
    listed
        .get("embeddings")
        .forEach(
            e -> {
              assertThat(e.get("dimensions").asInt()).isEqualTo(384);
              assertThat(e.get("model_version").asText()).isEqualTo("all-minilm-l6-v2-q");
            });
  }

  @Test
  void badRequestsAndOtherUsersArtifactsAreRefused() {
    Api api = new Api(deployment);
    String owner = api.newUserToken("Owner");
    String other = api.newUserToken("Other");
    long id = create(api, owner, artifact("Private talk", "talk", "A talk.", null));

    Api.Reply badType =
        api.post("api/v1/artifacts/" + id + "/embeddings", owner, Map.of("content_type", "all"));
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.contentType()).startsWith("application/problem+json");
    assertThat(badType.json().at("/errors/0/field").asText()).isEqualTo("content_type");

    assertThat(api.post("api/v1/artifacts/" + id + "/embeddings", other, Map.of()).status())
        .isEqualTo(404);
    assertThat(api.get("api/v1/artifacts/" + id + "/embeddings", other).status()).isEqualTo(404);
    assertThat(api.get("api/v1/artifacts/" + id + "/embeddings", null).status()).isEqualTo(401);
  }

  @Test
  void theLastParagraphOfALongArtifactIsFindable() {
    Api api = new Api(deployment);
    String token = api.newUserToken("Long");
    String backend =
        IntStream.range(0, 12)
            .mapToObj(
                i ->
                    "In quarter "
                        + i
                        + " I tuned PostgreSQL queries, reviewed Java services, and shipped API"
                        + " changes for the payments team with careful database migrations.")
            .collect(Collectors.joining("\n\n"));
    String content =
        backend
            + "\n\nOutside work I keep three beehives on an allotment, harvest honey every summer"
            + " and teach beekeeping to children at the local school.";
    long longOne =
        create(
            api,
            token,
            artifact("Backend engineer", "experience", "Payments backend work.", content));
    long cooking =
        create(
            api,
            token,
            artifact(
                "Cooking class",
                "other",
                "Taught a weekend class on Italian pasta and sauces.",
                null));
    long databases =
        create(
            api,
            token,
            artifact(
                "Database course", "education", "A course on relational databases and SQL.", null));
    api.awaitEmbedded(longOne, token);
    api.awaitEmbedded(cooking, token);
    api.awaitEmbedded(databases, token);

    Api.Reply chunks =
        api.post(
            "api/v1/artifacts/" + longOne + "/embeddings", token, Map.of("content_type", "chunks"));
    assertThat(chunks.json().get("chunk_count").asInt())
        .as("long text is chunked")
        .isGreaterThan(2);

    assertThat(similar(api, token, "keeping bees and harvesting honey").get(0)).isEqualTo(longOne);
  }

  @Test
  void theLocalModelPutsRelatedArtifactsAboveUnrelatedOnes() {
    Api api = new Api(deployment);
    String token = api.newUserToken("Ranker");
    long mobile =
        create(
            api,
            token,
            artifact(
                "Android banking app",
                "project",
                "Built a Kotlin Android app with Jetpack Compose for a retail bank.",
                null));
    long ml =
        create(
            api,
            token,
            artifact(
                "Demand forecasting",
                "project",
                "Trained gradient boosted models to forecast grocery demand per store.",
                null));
    long nursing =
        create(
            api,
            token,
            artifact(
                "Intensive care nurse",
                "experience",
                "Cared for critically ill patients on a twelve-bed intensive care unit.",
                null));
    for (long id : List.of(mobile, ml, nursing)) {
      api.awaitEmbedded(id, token);
    }
    assertThat(similar(api, token, "mobile developer for our Android and iOS apps").get(0))
        .isEqualTo(mobile);
    assertThat(similar(api, token, "machine learning engineer, time series prediction").get(0))
        .isEqualTo(ml);
    assertThat(similar(api, token, "registered nurse for a hospital ward").get(0))
        .isEqualTo(nursing);
  }

  @Test
  void workQueuedInTheDatabaseIsEmbeddedEvenWithoutAWakeUp() throws Exception {
    Api api = new Api(deployment);
    String token = api.newUserToken("Restart");
    long id =
        create(
            api,
            token,
            artifact(
                "Terraform modules",
                "project",
                "Wrote Terraform modules for AWS networking.",
                null));
    JsonNode ready = api.awaitEmbedded(id, token);

    // As after a crash: the vectors are gone and only the queued job remains in the database.
    try (Connection c = TestDatabase.get().connect()) {
      try (PreparedStatement wipe =
          c.prepareStatement("DELETE FROM embeddings.artifact_embeddings WHERE artifact_id = ?")) {
        wipe.setLong(1, id);
        wipe.executeUpdate();
      }
      try (PreparedStatement pending =
          c.prepareStatement(
              "UPDATE artifacts.artifacts SET embedding_status = 'pending' WHERE id = ?")) {
        pending.setLong(1, id);
        pending.executeUpdate();
      }
      try (PreparedStatement job =
          c.prepareStatement(
              "INSERT INTO embeddings.embedding_jobs"
                  + " (artifact_id, user_id, artifact_version, model_version)"
                  + " SELECT id, user_id, ?, 'all-minilm-l6-v2-q' FROM artifacts.artifacts"
                  + " WHERE id = ?")) {
        job.setLong(1, ready.get("version").asLong());
        job.setLong(2, id);
        job.executeUpdate();
      }
    }
    api.awaitEmbedded(id, token);
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement count =
            c.prepareStatement(
                "SELECT (SELECT count(*) FROM embeddings.artifact_embeddings WHERE artifact_id = ?),"
                    + " (SELECT count(*) FROM embeddings.embedding_jobs WHERE artifact_id = ?)")) {
      count.setLong(1, id);
      count.setLong(2, id);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("vectors stored again").isGreaterThanOrEqualTo(3);
        assertThat(rs.getLong(2)).as("job consumed").isZero();
      }
    }
  }

  @Test
  void racingUpdatesAndRegenerationsLeaveTheNewestVersionsVectors() throws Exception {
    Api api = new Api(deployment);
    String token = api.newUserToken("Racer");
    long id = create(api, token, artifact("Version 0", "project", "Initial text.", null));
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> regenerations = new ArrayList<>();
      long version = api.get("api/v1/artifacts/" + id, token).json().get("version").asLong();
      for (int i = 1; i <= 8; i++) {
        Map<String, Object> body =
            artifact(
                "Version " + i, "project", "Rewritten text number " + i + " about queues.", null);
        body.put("version", version);
        Api.Reply updated = api.put("api/v1/artifacts/" + id, token, body);
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        version = updated.json().get("version").asLong();
        regenerations.add(
            pool.submit(
                () ->
                    api.post(
                        "api/v1/artifacts/" + id + "/embeddings",
                        token,
                        Map.of("force_regenerate", true))));
      }
      for (Future<?> f : regenerations) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode finalState = api.awaitEmbedded(id, token);
    Api.Reply settled =
        api.await("api/v1/artifacts/" + id, token, r -> !hasQueuedJobs(id), Duration.ofSeconds(60));
    assertThat(settled.status()).isEqualTo(200);
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement rows =
            c.prepareStatement(
                "SELECT DISTINCT artifact_version, content_hash FROM embeddings.artifact_embeddings WHERE artifact_id = ?")) {
      rows.setLong(1, id);
      try (ResultSet rs = rows.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(finalState.get("version").asLong());
        assertThat(rs.getString(2).trim()).isEqualTo(finalState.get("content_hash").asText());
        assertThat(rs.next()).as("vectors of one version only").isFalse();
      }
    }
  }

  private static boolean hasQueuedJobs(long artifactId) {
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT count(*) FROM embeddings.embedding_jobs WHERE artifact_id = ?")) {
      q.setLong(1, artifactId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void reindexReportsProgressUntilEveryArtifactIsDone() {
    Api api = new Api(deployment);
    String token = api.newUserToken("Reindex");
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(
          create(
              api,
              token,
              artifact(
                  "Item " + i, "skill", "Skill number " + i + " in distributed systems.", null)));
    }
    Api.Reply started = api.post("api/v1/embeddings/reindex", token, Map.of());
    assertThat(started.status()).isEqualTo(202);
    String job = started.json().get("job_id").asText();
    Api.Reply done =
        api.await(
            "api/v1/embeddings/reindex/" + job,
            token,
            r -> r.json() != null && "completed".equals(r.json().get("status").asText()),
            Duration.ofSeconds(90));
    assertThat(done.json().get("total").asLong()).isEqualTo(5);
    assertThat(done.json().get("done").asLong()).isEqualTo(5);
    assertThat(done.json().get("failed").asLong()).isZero();

    Api.Reply wrongModel =
        api.post("api/v1/embeddings/reindex", token, Map.of("model", "text-embedding-3-large"));
    assertThat(wrongModel.status()).isEqualTo(400);
    assertThat(wrongModel.json().at("/errors/0/field").asText()).isEqualTo("model");
    String stranger = api.newUserToken("Stranger");
    assertThat(api.get("api/v1/embeddings/reindex/" + job, stranger).status()).isEqualTo(404);

    JsonNode status = api.get("api/v1/embeddings/status", token).json();
    assertThat(status.get("coverage").asDouble()).isEqualTo(1.0);
    assertThat(status.get("artifacts").asLong()).isEqualTo(5);
  }
}
