package io.cvtailor.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cvtailor.search.Fit;
import org.junit.jupiter.api.Test;

class FitScaleTest {
  private final FitScale scale = new FitScale(0.5, 0.30, 0.45, 0.60);

  @Test
  void levelsFollowTheEvidenceAndAreTheSameWhateverTheRanking() {
    assertThat(scale.fit(0.62, 0.0).level()).isEqualTo(Fit.STRONG);
    assertThat(scale.fit(0.50, 0.20).level()).isEqualTo(Fit.STRONG);
    assertThat(scale.fit(0.50, 0.0).level()).isEqualTo(Fit.PARTIAL);
    assertThat(scale.fit(0.31, 0.0).level()).isEqualTo(Fit.WEAK);
    assertThat(scale.fit(0.22, 0.02).level()).isEqualTo(Fit.UNRELATED);
  }

  /** The case: a lone artifact that is about something else is not "100 %". */
  @Test
  void aLoneUnrelatedArtifactIsUnrelatedNotTheBestMatch() {
    Fit fit = scale.fit(0.22, 0.08);
    assertThat(fit.level()).isEqualTo(Fit.UNRELATED);
    assertThat(fit.bestSimilarity()).isEqualTo(0.22);
    assertThat(fit.termShare()).isEqualTo(0.08);
  }

  @Test
  void parsesTheConfiguredScaleAndRefusesCutPointsOutOfOrder() {
    assertThat(FitScale.parse(" 0.4, 0.3 ,0.4,0.5")).isEqualTo(new FitScale(0.4, 0.3, 0.4, 0.5));
    assertThatThrownBy(() -> FitScale.parse("0.4,0.5,0.4,0.6"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FitScale.parse("0.4,0.5"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
