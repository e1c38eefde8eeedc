package io.cvtailor.search.internal;

import static io.cvtailor.search.internal.SearchData.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.search.DistanceMethod;
import io.cvtailor.search.SimilarQuery;
import io.cvtailor.search.SimilarResult;
import io.cvtailor.testsupport.ModuleDatabase;
import jakarta.persistence.EntityManager;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link SqlSimilaritySearch} on the real schema and EclipseLink, without the WAR: exact neighbour
 * order by every operator, a passage deep in an artifact finds it, the threshold and the limit cut
 * where they should, and one user never sees another's private artifacts.
 */
class SqlSimilaritySearchIT {
  private static final float[] QUERY = unit(1, 0, 0);
  private static final SearchData data = new SearchData("similar-test-model", 3);
  private static long alice;
  private static long bob;
  private static long kafka;
  private static long ledger;
  private static long talk;
  private static long unrelated;
  private static long bobsPrivate;
  private static long bobsPublic;

  private SqlSimilaritySearch search;
  private EntityManager em;

  @BeforeAll
  static void artifacts() throws Exception {
    alice = ModuleDatabase.user("Alice");
    bob = ModuleDatabase.user("Bob");
    kafka = data.artifact(alice, "project", "Kafka consumers", "Ran Kafka.", unit(1, 0, 0.1));
    ledger = data.artifact(alice, "experience", "Ledger", "Double entry.", unit(0.8, 0.6, 0));
    // whole artifact far off; one of its passages is close (cosine 0.6)
    talk = data.artifact(alice, "talk", "Gardening and more", "Roses. Streams.", unit(0, 0, 1));
    data.chunk(talk, alice, 0, "Roses.", unit(0, 0, 1));
    data.chunk(talk, alice, 1, "Streams.", unit(0.6, 0, 0.8));
    unrelated = data.artifact(alice, "project", "Pottery", "Clay.", unit(0, 1, 0));
    // Bob's are nearer to the query than all of Alice's
    bobsPrivate = data.artifact(bob, "project", "Bob's Kafka", "Kafka.", "private", unit(1, 0, 0));
    bobsPublic =
        data.artifact(bob, "project", "Bob's streams", "Kafka.", "public", unit(1, 0.05, 0));
  }

  @BeforeEach
  void open() {
    em = ModuleDatabase.persistenceUnit("search").createEntityManager();
    search = new SqlSimilaritySearch();
    search.em = em;
    search.pipeline = data.pipeline();
  }

  @AfterEach
  void close() {
    em.close();
  }

  private SimilarResult find(
      long user, int limit, double threshold, Set<ArtifactType> types, DistanceMethod method) {
    return search.findSimilar(new SimilarQuery(user, QUERY, limit, threshold, types, true, method));
  }

  @Test
  void ordersTheCallersArtifactsByCosineAndLeavesOutThoseBelowTheThreshold() {
    SimilarResult result = find(alice, 10, 0.3, null, DistanceMethod.COSINE);

    assertThat(result.results())
        .extracting(SimilarResult.Match::artifactId)
        .containsExactly(kafka, ledger, talk);
    assertThat(result.results().get(0).similarityScore()).isCloseTo(0.995, within(0.001));
    assertThat(result.results().get(1).similarityScore()).isCloseTo(0.8, within(0.001));
    // the talk is found by its passage (0.6), not by its whole text (0.0)
    assertThat(result.results().get(2).similarityScore()).isCloseTo(0.6, within(0.001));
    assertThat(result.results().get(2).distance()).isCloseTo(0.4, within(0.001));
    assertThat(result.results().get(0).artifact().title()).isEqualTo("Kafka consumers");
    assertThat(result.results().get(0).artifact().type()).isEqualTo("project");
    assertThat(result.queryInfo().totalCandidates()).isEqualTo(3);
    assertThat(result.queryInfo().method()).isEqualTo("cosine");
  }

  @Test
  void neverReturnsAnotherUsersArtifactsPerUser() {
    SimilarResult all = find(alice, 100, -1, null, DistanceMethod.COSINE);

    assertThat(all.results())
        .extracting(SimilarResult.Match::artifactId)
        .containsExactly(kafka, ledger, talk, unrelated)
        .doesNotContain(bobsPrivate, bobsPublic);
    assertThat(find(bob, 100, -1, null, DistanceMethod.COSINE).results())
        .extracting(SimilarResult.Match::artifactId)
        .containsExactly(bobsPrivate, bobsPublic);
  }

  @Test
  void theLimitCutsTheListButNotTheCandidateCount() {
    SimilarResult result = find(alice, 2, 0.3, null, DistanceMethod.COSINE);

    assertThat(result.results())
        .extracting(SimilarResult.Match::artifactId)
        .containsExactly(kafka, ledger);
    assertThat(result.queryInfo().totalCandidates()).isEqualTo(3);
  }

  @Test
  void filtersByArtifactType() {
    assertThat(find(alice, 10, -1, Set.of(ArtifactType.TALK), DistanceMethod.COSINE).results())
        .extracting(SimilarResult.Match::artifactId)
        .containsExactly(talk);
    assertThat(
            find(
                    alice,
                    10,
                    -1,
                    Set.of(ArtifactType.EXPERIENCE, ArtifactType.PROJECT),
                    DistanceMethod.COSINE)
                .results())
        .extracting(SimilarResult.Match::artifactId)
        .containsExactly(kafka, ledger, unrelated);
  }

  /** Unit vectors: every operator orders as cosine does, each reporting its own distance. */
  @ParameterizedTest
  @EnumSource(DistanceMethod.class)
  void everyOperatorGivesTheSameOrderOnUnitVectors(DistanceMethod method) {
    SimilarResult result = find(alice, 10, -10, null, method);

    assertThat(result.results())
        .extracting(SimilarResult.Match::artifactId)
        .containsExactly(kafka, ledger, talk, unrelated);
    SimilarResult.Match ledgerMatch = result.results().get(1);
    double expectedDistance =
        switch (method) {
          case COSINE -> 0.2;
          case L2 -> Math.sqrt(0.4);
          case INNER_PRODUCT -> -0.8;
        };
    assertThat(ledgerMatch.distance()).isCloseTo(expectedDistance, within(0.001));
    assertThat(ledgerMatch.similarityScore())
        .isCloseTo(method.similarity(expectedDistance), within(0.001));
  }

  @Test
  void collectionWideAddsOtherUsersPublicArtifactsOnly() {
    em.getTransaction().begin(); // the HNSW settings are SET LOCAL
    try {
      SimilarResult result =
          search.findSimilar(
              new SimilarQuery(alice, QUERY, 10, 0.3, null, false, DistanceMethod.COSINE));

      // whole-artifact vectors only: the talk's close passage does not count here
      assertThat(result.results())
          .extracting(SimilarResult.Match::artifactId)
          .containsExactly(bobsPublic, kafka, ledger)
          .doesNotContain(bobsPrivate, talk);
    } finally {
      em.getTransaction().rollback();
    }
  }
}
