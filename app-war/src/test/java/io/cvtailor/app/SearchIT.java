package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.embeddings.VectorIndex;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.search.DistanceMethod;
import io.cvtailor.search.internal.SqlArtifactRanking;
import io.cvtailor.search.internal.SqlSimilaritySearch;
import io.cvtailor.testsupport.TestDatabase;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Similar search and ranking over HTTP, checked against brute force computed from the database. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {
  private static final String RAILS_JOB =
      """
      We are hiring a Senior Rails Developer for our subscription billing product.

      What you'll bring
      - Several years of Ruby on Rails experience
      - PostgreSQL and background jobs with Sidekiq
      - Testing with RSpec and a habit of code review
      """;

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  private Api api;
  private String alice;
  private String bob;
  private final Map<String, Long> ids = new LinkedHashMap<>();

  private long create(
      String token, String key, String title, String type, String description, String visibility) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("artifact_type", type);
    body.put("description", description);
    body.put("visibility", visibility);
    Api.Reply created = api.post("api/v1/artifacts", token, body);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    ids.put(key, id);
    return id;
  }

  /** Arquillian injects the URL per test, so the shared portfolios are made on first use. */
  @BeforeEach
  void portfolios() {
    if (api != null) {
      return;
    }
    api = new Api(deployment);
    alice = api.newUserToken("Alice");
    bob = api.newUserToken("Bob");
    create(
        alice,
        "rails",
        "Ruby on Rails billing platform",
        "project",
        "Built a subscription billing system in Ruby on Rails with PostgreSQL, Sidekiq jobs and RSpec tests.",
        "private");
    create(
        alice,
        "railway",
        "Model railway club",
        "volunteer",
        "Treasurer of the model railway club: kept the rails and tracks of the layout in order and ran exhibitions.",
        "private");
    create(
        alice,
        "ml",
        "Churn prediction model",
        "project",
        "Trained a gradient boosted model in Python to predict subscription churn.",
        "public");
    create(
        alice,
        "talk",
        "Talk on database indexing",
        "talk",
        "Spoke about PostgreSQL B-tree and GIN indexes at a local meetup.",
        "private");
    create(
        bob,
        "bob-private",
        "Rails consulting",
        "experience",
        "Freelance Ruby on Rails consulting for e-commerce shops.",
        "private");
    create(
        bob,
        "bob-public",
        "Open-source Rails gem",
        "project",
        "Maintains a Ruby on Rails gem for background job dashboards.",
        "public");
    ids.values().forEach(id -> api.awaitEmbedded(id, owner(id)));
  }

  private String owner(long id) {
    return id == ids.get("bob-private") || id == ids.get("bob-public") ? bob : alice;
  }

  private Api.Reply similar(String token, Map<String, Object> body) {
    return api.post("api/v1/artifacts/search/similar", token, body);
  }

  private static List<Long> idsOf(JsonNode results) {
    List<Long> found = new ArrayList<>();
    results.forEach(r -> found.add(r.get("artifact_id").asLong()));
    return found;
  }

  private float[] storedVector(long artifactId) throws Exception {
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT CAST(embedding_vector AS text) FROM embeddings.artifact_embeddings WHERE artifact_id = ? AND content_type = 'full'")) {
      q.setLong(1, artifactId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return Vectors.fromText(rs.getString(1));
      }
    }
  }

  /** Per artifact of the user: the smallest distance over its full and chunk vectors. */
  private Map<Long, Double> bruteForce(String sqlOperator, float[] query, String where)
      throws Exception {
    Map<Long, Double> distances = new HashMap<>();
    String sql =
        "SELECT e.artifact_id, min(e.embedding_vector "
            + sqlOperator
            + " CAST(? AS vector))"
            + " FROM embeddings.artifact_embeddings e JOIN artifacts.artifacts a ON a.id = e.artifact_id"
            + " WHERE "
            + where
            + " GROUP BY e.artifact_id";
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, Vectors.toText(query));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          distances.put(rs.getLong(1), rs.getDouble(2));
        }
      }
    }
    return distances;
  }

  @Test
  void perUserSearchMatchesBruteForceForEveryMethodWithTheDocumentedConversion() throws Exception {
    float[] query = storedVector(ids.get("talk"));
    long aliceId = userIdOf(alice);
    Map<String, String> operators = Map.of("cosine", "<=>", "l2", "<->", "inner_product", "<#>");
    for (var method : operators.entrySet()) {
      Map<Long, Double> expected =
          bruteForce(
              method.getValue(),
              query,
              "a.user_id = " + aliceId + " AND e.content_type IN ('full', 'chunk')");
      List<Long> expectedOrder =
          expected.entrySet().stream()
              .sorted(
                  Map.Entry.<Long, Double>comparingByValue()
                      .thenComparing(Map.Entry.comparingByKey()))
              .map(Map.Entry::getKey)
              .toList();
      Map<String, Object> body = new HashMap<>();
      body.put("query_embedding", toList(query));
      body.put("method", method.getKey());
      body.put("similarity_threshold", -1000);
      Api.Reply reply = similar(alice, body);
      assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
      JsonNode results = reply.json().get("results");
      assertThat(idsOf(results)).as(method.getKey()).isEqualTo(expectedOrder);
      for (JsonNode r : results) {
        double distance = r.get("distance").asDouble();
        assertThat(distance).isCloseTo(expected.get(r.get("artifact_id").asLong()), within(1e-5));
        double similarity =
            switch (method.getKey()) {
              case "cosine" -> 1 - distance;
              case "l2" -> 1 / (1 + distance);
              default -> -distance;
            };
        assertThat(r.get("similarity_score").asDouble()).isCloseTo(similarity, within(1e-9));
      }
      assertThat(reply.json().at("/query_info/method").asText()).isEqualTo(method.getKey());
      assertThat(reply.json().at("/query_info/total_candidates").asLong()).isEqualTo(4);
      assertThat(results.get(0).get("artifact_id").asLong()).isEqualTo(ids.get("talk"));
    }
  }

  private long userIdOf(String token) {
    return api.get("api/v1/me", token).json().get("user_id").asLong();
  }

  private static List<Float> toList(float[] vector) {
    List<Float> list = new ArrayList<>(vector.length);
    for (float v : vector) {
      list.add(v);
    }
    return list;
  }

  @Test
  void collectionWideSearchAddsOtherUsersPublicArtifactsNeverPrivateOnes() throws Exception {
    float[] query = storedVector(ids.get("rails"));
    Map<String, Object> body = new HashMap<>();
    body.put("query_embedding", toList(query));
    body.put("user_only", false);
    body.put("similarity_threshold", -1);
    body.put("limit", 100);
    List<Long> found = idsOf(similar(alice, body).json().get("results"));
    assertThat(found)
        .contains(ids.get("bob-public"), ids.get("ml"), ids.get("rails"), ids.get("railway"));
    assertThat(found).doesNotContain(ids.get("bob-private"));

    // Exactly the brute-force neighbours among what Alice may see, in order.
    long aliceId = userIdOf(alice);
    Map<Long, Double> expected =
        bruteForce(
            "<=>",
            query,
            "e.content_type = 'full' AND (a.visibility = 'public' OR a.user_id = " + aliceId + ")");
    List<Long> expectedOrder =
        expected.entrySet().stream()
            .sorted(
                Map.Entry.<Long, Double>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(Map.Entry::getKey)
            .toList();
    body.put("limit", 3);
    assertThat(idsOf(similar(alice, body).json().get("results")))
        .isEqualTo(expectedOrder.subList(0, 3));

    List<Long> bobSees = idsOf(similar(bob, body).json().get("results"));
    assertThat(bobSees).doesNotContain(ids.get("rails"), ids.get("railway"), ids.get("talk"));
  }

  /**
   * Issue 11: {@code user_only=false} with l2 or inner_product scanned every user's vectors. They
   * now walk the (cosine) HNSW index like cosine does, and still find exactly the brute-force
   * neighbours with their own operator's distances.
   */
  @Test
  void collectionWideL2AndInnerProductWalkTheHnswIndexAndMatchBruteForce() throws Exception {
    float[] query = storedVector(ids.get("rails"));
    long aliceId = userIdOf(alice);
    String visible =
        "e.content_type = 'full' AND (a.visibility = 'public' OR a.user_id = " + aliceId + ")";
    for (var method : Map.of("l2", "<->", "inner_product", "<#>").entrySet()) {
      Map<Long, Double> expected = bruteForce(method.getValue(), query, visible);
      List<Long> expectedOrder =
          expected.entrySet().stream()
              .sorted(
                  Map.Entry.<Long, Double>comparingByValue()
                      .thenComparing(Map.Entry.comparingByKey()))
              .map(Map.Entry::getKey)
              .toList();
      Map<String, Object> body = new HashMap<>();
      body.put("query_embedding", toList(query));
      body.put("user_only", false);
      body.put("method", method.getKey());
      body.put("similarity_threshold", -1000);
      body.put("limit", 3);
      Api.Reply reply = similar(alice, body);
      assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
      JsonNode results = reply.json().get("results");
      assertThat(idsOf(results)).as(method.getKey()).isEqualTo(expectedOrder.subList(0, 3));
      for (JsonNode r : results) {
        assertThat(r.get("distance").asDouble())
            .isCloseTo(expected.get(r.get("artifact_id").asLong()), within(1e-5));
      }
    }

    String model = Db.text("SELECT model_version FROM embeddings.artifact_embeddings LIMIT 1");
    VectorIndex index = new VectorIndex(model, query.length);
    for (DistanceMethod method : DistanceMethod.values()) {
      String sql =
          SqlSimilaritySearch.collectionWideStatement(method, index)
              .replace("?1", "'" + Vectors.toText(query) + "'")
              .replace("?2", String.valueOf(aliceId))
              .replace("?3", "'" + model + "'")
              .replace("?4", "NULL")
              .replace("?5", "-1000")
              .replace("?6", "3");
      StringBuilder plan = new StringBuilder();
      try (Connection c = TestDatabase.get().connect();
          java.sql.Statement statement = c.createStatement()) {
        // A handful of test rows would make a sequential scan cheaper; the question is whether
        // the index can serve the query at all (before, only cosine's could).
        statement.execute("SET enable_seqscan = off");
        try (ResultSet rs = statement.executeQuery("EXPLAIN " + sql)) {
          while (rs.next()) {
            plan.append(rs.getString(1)).append('\n');
          }
        }
      }
      assertThat(plan.toString()).as(method.value()).contains("Index Scan using " + index.name());
    }
  }

  @Test
  void thresholdKeepsScoresAtOrAboveIt() {
    Map<String, Object> body = new HashMap<>();
    body.put("query_text", "Ruby on Rails developer");
    body.put("similarity_threshold", -1);
    JsonNode all = similar(alice, body).json().get("results");
    double second = all.get(1).get("similarity_score").asDouble();
    body.put("similarity_threshold", second - 1e-9);
    assertThat(similar(alice, body).json().get("results")).hasSize(2);
    body.put("similarity_threshold", second + 1e-6);
    assertThat(similar(alice, body).json().get("results")).hasSize(1);
    body.put("similarity_threshold", 1.01);
    assertThat(similar(alice, body).json().get("results")).isEmpty();
  }

  @Test
  void aRailsProjectOutranksTheModelRailwayClubForARailsJob() {
    for (String method : List.of("hybrid", "semantic", "keyword")) {
      Api.Reply ranked =
          api.post(
              "api/v1/artifacts/rank",
              alice,
              Map.of("job_description", RAILS_JOB, "ranking_method", method, "top_k", 10));
      assertThat(ranked.status()).as(ranked.raw().body()).isEqualTo(200);
      List<Long> order = idsOf(ranked.json().get("ranked_artifacts"));
      assertThat(order.get(0)).as(method).isEqualTo(ids.get("rails"));
      assertThat(order.indexOf(ids.get("rails"))).isLessThan(order.indexOf(ids.get("railway")));
    }
  }

  @Test
  void rankingScoresAreOrderedBoundedAndExplained() {
    Api.Reply first =
        api.post(
            "api/v1/artifacts/rank",
            alice,
            Map.of(
                "job_description",
                RAILS_JOB + "\n(first)",
                "ranking_method",
                "hybrid",
                "top_k",
                3));
    assertThat(first.json().get("job_embedding_generated").asBoolean()).isTrue();
    Api.Reply cached =
        api.post(
            "api/v1/artifacts/rank",
            alice,
            Map.of(
                "job_description",
                RAILS_JOB + "\n(first)",
                "ranking_method",
                "hybrid",
                "top_k",
                3));
    assertThat(cached.json().get("job_embedding_generated").asBoolean()).isFalse();
    JsonNode ranked = cached.json().get("ranked_artifacts");
    assertThat(ranked).hasSize(3);
    double previous = Double.MAX_VALUE;
    for (JsonNode r : ranked) {
      for (String score :
          List.of("relevance_score", "semantic_similarity", "keyword_match_score")) {
        assertThat(r.get(score).asDouble()).as(score).isBetween(0.0, 1.0);
      }
      assertThat(r.get("relevance_score").asDouble()).isLessThanOrEqualTo(previous);
      previous = r.get("relevance_score").asDouble();
    }
    JsonNode top = ranked.get(0);
    assertThat(top.get("explanation").asText())
        .contains("Ruby on Rails")
        .contains("Words in common with the posting")
        .contains("sidekiq");
    assertThat(top.at("/fit/level").asText()).isIn("strong", "partial", "weak", "unrelated");
    assertThat(cached.json().at("/fit/level").asText()).isNotBlank();
    assertThat(cached.json().at("/processing_metadata/ranking_method").asText())
        .isEqualTo("hybrid");
  }

  /**
   * The ranking statement's keyword score for one user's artifacts, run over JDBC with one keyword
   * scoring ({@code bm25} or {@code ts_rank_cd}); the other settings are the defaults.
   */
  private Map<Long, Double> keywordScores(long userId, String keywordText, String scoring)
      throws Exception {
    List<Integer> order = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\?(\\d+)").matcher(SqlArtifactRanking.SCORES);
    while (m.find()) {
      order.add(Integer.parseInt(m.group(1)));
    }
    String sql = SqlArtifactRanking.SCORES.replaceAll("\\?\\d+", "?");
    float[] any = storedVector(ids.get("rails"));
    Object[] values = {
      null,
      "{\"" + Vectors.toText(any) + "\"}",
      userId,
      null,
      "all-minilm-l6-v2-q",
      Vectors.toText(any),
      keywordText,
      0.8,
      0.2,
      "{0.1,0.2,0.4,1.0}",
      1,
      60,
      1.2,
      0.75,
      scoring,
      0.5,
      "rrf"
    };
    Map<Long, Double> scores = new HashMap<>();
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement q = c.prepareStatement(sql)) {
      for (int i = 0; i < order.size(); i++) {
        q.setObject(i + 1, values[order.get(i)]);
      }
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          scores.put(rs.getLong("id"), rs.getDouble("keyword"));
        }
      }
    }
    return scores;
  }

  /**
   * BM25's inverse document frequency: "Kafka", named by one of Carol's artifacts, weighs more than
   * "Python", named by all four others — though each of those names it in its title (label A) and
   * the Kafka artifact only in its description (label B). ts_rank_cd, the former and default
   * keyword score, has no IDF and puts a Python artifact first (asserted too, so the difference is
   * what the test shows).
   */
  @Test
  void aRareTermOutranksACommonOneInTheBm25KeywordScore() throws Exception {
    Api.User carol = api.newUser("Carol");
    for (String title :
        List.of("Python reporting", "Python tooling", "Python notebooks", "Python packaging")) {
      create(
          carol.token(),
          title,
          title,
          "project",
          "Wrote " + title.toLowerCase() + " scripts.",
          "private");
    }
    long kafka =
        create(
            carol.token(),
            "kafka",
            "Order events",
            "project",
            "Streamed order events through Kafka topics.",
            "private");
    Map<Long, Double> bm25 = keywordScores(carol.id(), "Python\nKafka", "bm25");
    Map<Long, Double> tsRank = keywordScores(carol.id(), "Python\nKafka", "ts_rank_cd");
    assertThat(bm25).hasSize(5);
    long bm25Top =
        bm25.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    long tsRankTop =
        tsRank.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat(bm25Top).as(bm25.toString()).isEqualTo(kafka);
    assertThat(bm25.get(kafka)).isEqualTo(1.0);
    assertThat(bm25.values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    assertThat(tsRankTop).as(tsRank.toString()).isNotEqualTo(kafka);
  }

  /**
   * Coverage counts lexical evidence beside the passages' similarity: the artifact that names the
   * requirement's key terms covers it (issue 14: MiniLM rates such a pair 0.30–0.38, under the
   * former 0.40 threshold, so the CV said "missing"; with the former settings this test fails), and
   * a requirement no artifact speaks to stays missing (MiniLM rates it 0.39 to the same paragraph).
   */
  @Test
  void aPassageNamingTheRequirementsKeyTermsCoversIt() {
    String dana = api.newUserToken("Dana");
    // One clause of a long paragraph: MiniLM rates the requirement to this passage 0.30.
    long tuning =
        create(
            dana,
            "dana-tuning",
            "Backend engineer",
            "experience",
            "Moved the order service from a monolith to event-driven services in Kotlin with Kafka,"
                + " introduced contract tests and on-call runbooks, mentored four engineers, and cut"
                + " the p99 latency of checkout from 900 to 300 ms by tuning PostgreSQL queries and"
                + " indexes; also owned the CI pipeline and the release tooling.",
            "private");
    long design =
        create(
            dana,
            "dana-design",
            "Design system",
            "project",
            "Built a component library in React with Storybook.",
            "private");
    long mentoring =
        create(
            dana,
            "dana-mentoring",
            "Mentoring",
            "volunteer",
            "Mentored junior developers through code review.",
            "private");
    List.of(tuning, design, mentoring).forEach(id -> api.awaitEmbedded(id, dana));
    Api.Reply cv =
        api.post(
            "api/v1/cvs",
            dana,
            Map.of(
                "job_description",
                "What you'll bring\n"
                    + "- Strong PostgreSQL skills, including query and index tuning\n"
                    + "- Experience running Kubernetes operators in production\n"));
    assertThat(cv.status()).as(cv.raw().body()).isEqualTo(201);
    Map<String, JsonNode> byText = new HashMap<>();
    cv.json().at("/coverage/requirements").forEach(r -> byText.put(r.get("text").asText(), r));
    JsonNode postgres = byText.get("Strong PostgreSQL skills, including query and index tuning");
    assertThat(postgres.get("covered").asBoolean()).as(cv.json().toString()).isTrue();
    assertThat(postgres.get("best_artifact_id").asLong()).isEqualTo(tuning);
    assertThat(
            byText
                .get("Experience running Kubernetes operators in production")
                .get("covered")
                .asBoolean())
        .as(cv.json().toString())
        .isFalse();
  }

  @Test
  void rankingIsLimitedToTheCallersOwnArtifacts() {
    Api.Reply mine =
        api.post(
            "api/v1/artifacts/rank",
            alice,
            Map.of(
                "job_description",
                RAILS_JOB,
                "artifact_ids",
                List.of(ids.get("rails"), ids.get("talk"))));
    assertThat(idsOf(mine.json().get("ranked_artifacts")))
        .containsExactlyInAnyOrder(ids.get("rails"), ids.get("talk"));
    Api.Reply foreign =
        api.post(
            "api/v1/artifacts/rank",
            alice,
            Map.of("job_description", RAILS_JOB, "artifact_ids", List.of(ids.get("bob-private"))));
    assertThat(foreign.status()).isEqualTo(404);
    Api.Reply all =
        api.post("api/v1/artifacts/rank", bob, Map.of("job_description", RAILS_JOB, "top_k", 100));
    assertThat(idsOf(all.json().get("ranked_artifacts")))
        .containsExactlyInAnyOrder(ids.get("bob-private"), ids.get("bob-public"));
  }

  @Test
  void badInputIsAProblemNamingTheField() {
    Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
    cases.put("query_text", Map.of("limit", 5));
    cases.put("query_text ", Map.of("query_text", "x", "query_embedding", List.of(1.0)));
    cases.put("query_embedding", Map.of("query_embedding", List.of(1.0, 2.0)));
    cases.put("limit", Map.of("query_text", "x", "limit", 101));
    cases.put("method", Map.of("query_text", "x", "method", "manhattan"));
    cases.put("artifact_types[0]", Map.of("query_text", "x", "artifact_types", List.of("hobby")));
    for (var c : cases.entrySet()) {
      Api.Reply reply = similar(alice, c.getValue());
      assertThat(reply.status()).as(c.getKey()).isEqualTo(400);
      assertThat(reply.contentType()).startsWith("application/problem+json");
      assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo(c.getKey().strip());
    }
    List<Double> infinite = new ArrayList<>();
    for (int i = 0; i < 384; i++) {
      infinite.add(i == 7 ? Double.MAX_VALUE : 0.0);
    }
    Api.Reply notFinite = similar(alice, Map.of("query_embedding", infinite));
    assertThat(notFinite.status()).isEqualTo(400);
    assertThat(notFinite.json().at("/errors/0/field").asText()).isEqualTo("query_embedding[7]");

    Map<String, Map<String, Object>> rankCases = new LinkedHashMap<>();
    rankCases.put("job_description", Map.of("ranking_method", "hybrid"));
    rankCases.put("ranking_method", Map.of("job_description", "x", "ranking_method", "magic"));
    rankCases.put("top_k", Map.of("job_description", "x", "top_k", 0));
    for (var c : rankCases.entrySet()) {
      Api.Reply reply = api.post("api/v1/artifacts/rank", alice, c.getValue());
      assertThat(reply.status()).as(c.getKey()).isEqualTo(400);
      assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo(c.getKey());
    }
  }
}
