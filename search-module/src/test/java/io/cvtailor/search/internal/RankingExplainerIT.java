package io.cvtailor.search.internal;

import static io.cvtailor.search.internal.SearchData.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cvtailor.search.Fit;
import io.cvtailor.search.RankResult.Evidence;
import io.cvtailor.search.RequirementMatching;
import io.cvtailor.testsupport.ModuleDatabase;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RankingExplainer} reading an artifact's passages from the real schema: per requirement the
 * nearest passage of the active model (another model's passages are not read), its sentence that
 * shares most words with the requirement, the two best requirements first; the posting's words in
 * the posting's spelling and order, with posting filler ("experience", "strong") left out.
 */
class RankingExplainerIT {
  private static final String POSTING =
      "Strong experience with Terraform modules. Experience running Kubernetes clusters."
          + " Mentoring engineers.";
  private static final List<RequirementMatching.Requirement> REQUIREMENTS =
      List.of(
          new RequirementMatching.Requirement(
              "Strong experience with Terraform modules", unit(1, 0, 0)),
          new RequirementMatching.Requirement(
              "Experience running Kubernetes clusters", unit(0, 1, 0)),
          new RequirementMatching.Requirement("Mentoring engineers", unit(0, 0, 1)));

  private static final SearchData data = new SearchData("explain-test-model", 3);
  private static final SearchData otherModel = new SearchData("explain-other-model", 3);
  private static long user;
  private static long platform;
  private static long bare;

  private EntityManager em;
  private RankingExplainer explainer;

  @BeforeAll
  static void artifacts() throws Exception {
    user = ModuleDatabase.user("Explained");
    platform = data.artifact(user, "experience", "Platform engineer", "…", unit(1, 1, 0));
    data.chunk(
        platform,
        user,
        0,
        "Platform engineer — Acme\nWrote the Terraform modules for every team. Led the on-call.",
        unit(0.9, 0.1, 0));
    data.chunk(
        platform,
        user,
        1,
        "Platform engineer — Acme\nTags: kubernetes.\nUpgraded our Kubernetes clusters twice a"
            + " year. Cooked lunch.",
        unit(0.3, 0.7, 0.1));
    // the other model's passage would answer mentoring perfectly: it must not be read
    otherModel.chunk(platform, user, 2, "Platform\nMentored engineers.", unit(0, 0, 1));
    bare = data.artifact(user, "skill", "Go", "Go.", unit(0, 0, 1));
  }

  @BeforeEach
  void open() {
    em = ModuleDatabase.persistenceUnit("search").createEntityManager();
    explainer =
        new RankingExplainer() {
          @Override
          FitScale scale() {
            return FitScale.MINILM;
          }
        };
    explainer.em = em;
    explainer.pipeline = data.pipeline();
    explainer.matching = new SqlArtifactRankingIT.HandMadeRequirements(REQUIREMENTS);
  }

  @AfterEach
  void close() {
    em.close();
  }

  @Test
  void quotesTheNearestPassagesBestSentenceForTheTwoBestRequirements() {
    RankingExplainer.Explanation why =
        explainer
            .explain(user, POSTING, List.of(platform), Map.of(platform, List.of()))
            .get(platform);

    assertThat(why.evidence())
        .extracting(Evidence::requirement)
        .containsExactly(
            "Strong experience with Terraform modules", "Experience running Kubernetes clusters");
    assertThat(why.evidence())
        .extracting(Evidence::passage)
        .containsExactly(
            "Wrote the Terraform modules for every team.",
            "Upgraded our Kubernetes clusters twice a year.");
    assertThat(why.evidence().get(0).similarity()).isCloseTo(0.994, within(0.001));
    assertThat(why.text()).contains("Closest to \"Strong experience with Terraform modules\"");
  }

  @Test
  void namesSharedWordsInThePostingsSpellingAndOrderWithoutFiller() {
    // stems as the keyword score's intersection reports them
    RankingExplainer.Explanation why =
        explainer
            .explain(
                user,
                POSTING,
                List.of(platform),
                Map.of(platform, List.of("cluster", "experi", "terraform", "kubernet", "strong")))
            .get(platform);

    assertThat(why.keywords()).containsExactly("terraform", "kubernetes", "clusters");
    assertThat(why.text())
        .endsWith("Words in common with the posting: terraform, kubernetes, clusters.");
    assertThat(why.fit().level()).isEqualTo(Fit.STRONG);
  }

  @Test
  void anArtifactWithoutPassagesOfTheModelHasNoEvidence() {
    RankingExplainer.Explanation why =
        explainer.explain(user, POSTING, List.of(bare), Map.of()).get(bare);

    assertThat(why.evidence()).isEmpty();
    assertThat(why.keywords()).isEmpty();
    assertThat(why.fit().level()).isEqualTo(Fit.UNRELATED);
    assertThat(why.text())
        .isEqualTo(
            "Unrelated to this posting. Not embedded yet, so only its words were compared."
                + " No key words in common with the posting.");
  }
}
