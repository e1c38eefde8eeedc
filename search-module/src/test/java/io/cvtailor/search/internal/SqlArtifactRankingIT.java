package io.cvtailor.search.internal;

import static io.cvtailor.search.internal.SearchData.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cvtailor.embeddings.JobEmbeddings;
import io.cvtailor.embeddings.QueryEmbeddings;
import io.cvtailor.search.Fit;
import io.cvtailor.search.RankQuery;
import io.cvtailor.search.RankResult;
import io.cvtailor.search.RankResult.RankedArtifact;
import io.cvtailor.search.RankingMethod;
import io.cvtailor.search.RequirementMatching;
import io.cvtailor.testsupport.ConfigDefaults;
import io.cvtailor.testsupport.ModuleDatabase;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlArtifactRanking} with its default settings on the real schema and EclipseLink, without
 * the WAR. The model is replaced by hand-made vectors (two requirements on two axes), so each
 * method's order is known: semantic follows the best passage per requirement blended with the whole
 * artifact, keyword follows the posting's words, hybrid fuses both ranks, an artifact that is not
 * embedded yet still ranks by its words, and another user's artifacts never take part.
 */
class SqlArtifactRankingIT {
  static final String POSTING =
      "Requirements:\n- Kafka stream processing\n- PostgreSQL performance tuning";
  static final List<RequirementMatching.Requirement> REQUIREMENTS =
      List.of(
          new RequirementMatching.Requirement("Kafka stream processing", unit(1, 0, 0, 0)),
          new RequirementMatching.Requirement("PostgreSQL performance tuning", unit(0, 1, 0, 0)));
  static final float[] WHOLE_POSTING = unit(1, 1, 0, 0);

  private static final SearchData data = new SearchData("rank-test-model", 4);
  private static long alice;
  private static long kafka;
  private static long postgres;
  private static long garden;
  private static long notEmbedded;
  private static long bobs;

  private EntityManager em;
  private SqlArtifactRanking ranking;

  @BeforeAll
  static void artifacts() throws Exception {
    alice = ModuleDatabase.user("Alice");
    long bob = ModuleDatabase.user("Bob");
    kafka =
        data.artifact(
            alice,
            "project",
            "Kafka pipelines",
            "Built Kafka stream processing for billing.",
            unit(1, 0.2, 0, 0));
    data.chunk(
        kafka,
        alice,
        0,
        "Kafka pipelines\nBuilt Kafka stream processing for billing.",
        unit(1, 0, 0, 0));
    postgres =
        data.artifact(
            alice,
            "experience",
            "Database work",
            "Tuned PostgreSQL queries for speed.",
            unit(0, 1, 0.2, 0));
    data.chunk(
        postgres,
        alice,
        0,
        "Database work\nTuned PostgreSQL queries for speed.",
        unit(0.1, 0.9, 0.4, 0));
    garden = data.artifact(alice, "talk", "Gardening", "Grew roses.", unit(0, 0, 0, 1));
    data.chunk(garden, alice, 0, "Gardening\nGrew roses.", unit(0, 0, 1, 0));
    // Imported a moment ago: no vectors yet, but every word of the posting.
    notEmbedded =
        data.artifact(
            alice,
            "project",
            "Kafka performance tuning notes",
            "Kafka stream processing and PostgreSQL performance tuning.",
            null);
    bobs =
        data.artifact(
            bob,
            "project",
            "Kafka stream processing, PostgreSQL performance tuning",
            "Kafka stream processing. PostgreSQL performance tuning.",
            unit(1, 1, 0, 0));
    data.chunk(bobs, bob, 0, "Kafka\nKafka stream processing.", unit(1, 0, 0, 0));
    data.chunk(bobs, bob, 1, "PostgreSQL\nPostgreSQL performance tuning.", unit(0, 1, 0, 0));
  }

  /** The model's part, answered with hand-made vectors. */
  record HandMadeRequirements(List<RequirementMatching.Requirement> requirements)
      implements RequirementMatching {
    @Override
    public List<Requirement> requirements(String posting) {
      return requirements;
    }

    @Override
    public List<Match> bestEvidence(long userId, List<Requirement> requirements) {
      throw new UnsupportedOperationException("not used by ranking");
    }

    @Override
    public List<Double> relevance(List<String> sentences, List<Requirement> requirements) {
      throw new UnsupportedOperationException("not used by ranking");
    }
  }

  @BeforeEach
  void open() {
    em = ModuleDatabase.persistenceUnit("search").createEntityManager();
    ranking = ConfigDefaults.apply(new SqlArtifactRanking());
    ranking.em = em;
    ranking.pipeline = data.pipeline();
    ranking.matching = new HandMadeRequirements(REQUIREMENTS);
    ranking.jobEmbeddings =
        (user, posting) ->
            new JobEmbeddings.JobEmbedding(
                List.of(new QueryEmbeddings.Piece(posting, WHOLE_POSTING)), WHOLE_POSTING, true);
    RankingExplainer explainer =
        new RankingExplainer() {
          @Override
          FitScale scale() {
            return FitScale.MINILM; // no MicroProfile Config in a module test
          }
        };
    explainer.em = em;
    explainer.pipeline = ranking.pipeline;
    explainer.matching = ranking.matching;
    ranking.explainer = explainer;
  }

  @AfterEach
  void close() {
    em.close();
  }

  private RankResult rank(RankingMethod method, List<Long> ids, int topK, boolean explain) {
    return ranking.rank(new RankQuery(alice, POSTING, ids, method, topK, explain));
  }

  private static List<Long> ids(RankResult result) {
    return result.rankedArtifacts().stream().map(RankedArtifact::artifactId).toList();
  }

  @Test
  void semanticFollowsTheBestPassagePerRequirementBlendedWithTheWholeArtifact() {
    RankResult result = rank(RankingMethod.SEMANTIC, null, 10, false);

    // the two semantic zeros tie and break on the keyword score
    assertThat(ids(result)).containsExactly(kafka, postgres, notEmbedded, garden);
    // 0.8 x best passage (1.0) + 0.2 x whole artifact (cosine 0.832)
    assertThat(result.rankedArtifacts().get(0).semanticSimilarity())
        .isCloseTo(0.8 + 0.2 * 0.83205, within(0.0002));
    // 0.8 x 0.909 + 0.2 x 0.693
    assertThat(result.rankedArtifacts().get(1).semanticSimilarity())
        .isCloseTo(0.8 * 0.90914 + 0.2 * 0.69338, within(0.0002));
    assertThat(result.rankedArtifacts().get(2).semanticSimilarity()).isZero();
    assertThat(result.processingMetadata())
        .containsEntry("ranking_method", "semantic")
        .containsEntry("model", "rank-test-model")
        .containsEntry("total_candidates", 4)
        .containsEntry("job_pieces", 2);
  }

  @Test
  void keywordFollowsThePostingsWordsAndScoresNoSharedWordZero() {
    RankResult result = rank(RankingMethod.KEYWORD, null, 10, false);

    assertThat(ids(result)).hasSize(4).startsWith(notEmbedded).endsWith(garden);
    List<RankedArtifact> ranked = result.rankedArtifacts();
    assertThat(ranked.get(0).keywordMatchScore()).isGreaterThan(ranked.get(1).keywordMatchScore());
    assertThat(ranked.get(2).keywordMatchScore()).isPositive();
    assertThat(ranked.get(3).keywordMatchScore()).isZero();
  }

  /**
   * Reciprocal Rank Fusion (k = 1): the Kafka project is first by meaning and second by words, the
   * database work second and third, the unembedded notes only count by words, the garden talk is
   * last in both.
   */
  @Test
  void hybridFusesBothRanks() {
    RankResult result = rank(RankingMethod.HYBRID, null, 10, false);

    assertThat(ids(result)).containsExactly(kafka, postgres, notEmbedded, garden);
    List<Double> scores =
        result.rankedArtifacts().stream().map(RankedArtifact::relevanceScore).toList();
    assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(scores.get(0)).isLessThan(1.0).isGreaterThan(0.5);
    assertThat(scores.get(3)).isZero(); // last in both lists
  }

  @Test
  void anotherUsersArtifactsNeverTakePartEvenWhenAskedForById() {
    RankResult all = rank(RankingMethod.HYBRID, null, 10, false);
    RankResult asked = rank(RankingMethod.HYBRID, List.of(bobs, postgres), 10, false);

    assertThat(ids(all)).doesNotContain(bobs);
    assertThat(ids(asked)).containsExactly(postgres);
    assertThat(asked.processingMetadata()).containsEntry("total_candidates", 1);
  }

  @Test
  void ranksOnlyTheArtifactsAskedForAndCutsAtTopK() {
    assertThat(ids(rank(RankingMethod.SEMANTIC, List.of(garden, postgres), 10, false)))
        .containsExactly(postgres, garden);
    RankResult top2 = rank(RankingMethod.SEMANTIC, null, 2, false);
    assertThat(ids(top2)).containsExactly(kafka, postgres);
    assertThat(top2.processingMetadata()).containsEntry("total_candidates", 4);
  }

  @Test
  void explainsWithThePersonsOwnSentenceAndThePostingsWords() {
    RankResult result = rank(RankingMethod.HYBRID, null, 10, true);

    RankedArtifact first = result.rankedArtifacts().get(0);
    assertThat(first.evidence()).isNotEmpty();
    assertThat(first.evidence().get(0).requirement()).isEqualTo("Kafka stream processing");
    assertThat(first.evidence().get(0).passage())
        .isEqualTo("Built Kafka stream processing for billing.");
    assertThat(first.evidence().get(0).similarity()).isCloseTo(1.0, within(0.001));
    assertThat(first.matchedKeywords()).contains("kafka", "stream", "processing");
    assertThat(first.fit().level()).isEqualTo(Fit.STRONG);
    assertThat(first.explanation()).startsWith("Strong fit.");
    RankedArtifact notYet =
        result.rankedArtifacts().stream()
            .filter(r -> r.artifactId() == notEmbedded)
            .findFirst()
            .orElseThrow();
    assertThat(notYet.evidence()).isEmpty();
    assertThat(notYet.explanation()).contains("Not embedded yet");
    assertThat(result.fit().level()).isEqualTo(Fit.STRONG);
  }
}
