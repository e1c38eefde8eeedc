package io.cvtailor.measure.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

  private static Fusion.Candidate c(String name, long id, double semantic, double keyword) {
    return new Fusion.Candidate(name, id, semantic, keyword);
  }

  @Test
  void rrfAndBlendReplayTheServersOrder() {
    List<Fusion.Candidate> candidates =
        List.of(c("a", 1, 0.9, 0.0), c("b", 2, 0.5, 1.0), c("c", 3, 0.4, 0.5));
    assertThat(Fusion.semantic().order(candidates)).containsExactly("a", "b", "c");
    assertThat(Fusion.keyword().order(candidates)).containsExactly("b", "c", "a");
    // b: 1/(60+2) + 1/(60+1) beats a: 1/(60+1) only (no keyword match counts nothing).
    assertThat(Fusion.rrf(60).order(candidates)).containsExactly("b", "c", "a");
    // Blend w=1 is semantic alone; w=0 keyword alone (min-max normalised).
    assertThat(Fusion.blend(1).order(candidates)).containsExactly("a", "b", "c");
    assertThat(Fusion.blend(0).order(candidates)).containsExactly("b", "c", "a");
    // w=0.7: a 0.7, b 0.7·0.2 + 0.3 = 0.44, c 0 + 0.15
    assertThat(Fusion.blend(0.7).order(candidates)).containsExactly("a", "b", "c");
  }

  /**
   * Persona p1 is best served by keyword-heavy settings, the others by semantic-heavy ones: the
   * fold holding out p1 must choose from the others (semantic-heavy) and so score p1 worse than the
   * in-sample optimum for p1 would.
   */
  @Test
  void eachFoldChoosesWithoutTheHeldOutPersona() {
    List<CrossValidation.Posting> postings = new ArrayList<>();
    // Relevant artifact "r" wins on keyword in p1, on semantic elsewhere.
    List<Fusion.Candidate> keywordWins = List.of(c("r", 2, 0.1, 1.0), c("x", 1, 0.9, 0.0));
    List<Fusion.Candidate> semanticWins = List.of(c("r", 1, 0.9, 0.0), c("x", 2, 0.1, 1.0));
    Map<String, Integer> grades = Map.of("r", 3, "x", 0);
    postings.add(new CrossValidation.Posting("j1", "p1", keywordWins, grades));
    for (String persona : List.of("p2", "p3", "p4")) {
      postings.add(new CrossValidation.Posting("j-" + persona, persona, semanticWins, grades));
    }
    CrossValidation.Result<Fusion> result =
        CrossValidation.leaveOnePersonaOut(Fusion.blendFamily(), postings);
    CrossValidation.Fold<Fusion> p1 =
        result.folds().stream().filter(f -> f.persona().equals("p1")).findFirst().orElseThrow();
    assertThat(p1.chosen().parameter()).isGreaterThanOrEqualTo(0.5);
    assertThat(p1.heldOut().ndcg5()).isLessThan(1.0);
    CrossValidation.Fold<Fusion> p2 =
        result.folds().stream().filter(f -> f.persona().equals("p2")).findFirst().orElseThrow();
    assertThat(p2.heldOut().ndcg5()).isEqualTo(1.0);
    assertThat(result.heldOut().postings()).isEqualTo(4);
  }

  @Test
  void coverageThresholdIsChosenOnTheOtherPersonas() {
    List<CrossValidation.Requirement> requirements = new ArrayList<>();
    for (String persona : List.of("p1", "p2", "p3")) {
      requirements.add(new CrossValidation.Requirement(persona, persona + "a", true, 0.5, true));
      requirements.add(new CrossValidation.Requirement(persona, persona + "b", false, 0.3, false));
    }
    CrossValidation.CoverageResult result =
        CrossValidation.coverageLeaveOnePersonaOut(requirements);
    for (CrossValidation.CoverageFold fold : result.folds()) {
      assertThat(fold.threshold()).isBetween(0.3 + 1e-9, 0.5);
      assertThat(fold.heldOut().precision()).isEqualTo(1.0);
      assertThat(fold.heldOut().recall()).isEqualTo(1.0);
    }
  }
}
