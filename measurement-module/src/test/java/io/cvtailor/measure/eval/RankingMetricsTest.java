package io.cvtailor.measure.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {
  private final Map<String, Integer> grades = Map.of("a", 3, "b", 2, "c", 0, "d", 1);

  @Test
  void idealOrderingScoresOne() {
    assertThat(RankingMetrics.ndcg(List.of("a", "b", "d", "c"), grades, 10))
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void ndcgMatchesAHandComputedValue() {
    // DCG = 0/log2(2) + 7/log2(3) + 3/log2(4); IDCG = 7/1 + 3/log2(3) + 1/log2(4)
    double dcg = 0 + 7 / (Math.log(3) / Math.log(2)) + 3 / 2.0;
    double idcg = 7 + 3 / (Math.log(3) / Math.log(2)) + 1 / 2.0;
    assertThat(RankingMetrics.ndcg(List.of("c", "a", "b", "d"), grades, 3))
        .isCloseTo(dcg / idcg, within(1e-12));
  }

  @Test
  void recallCountsItemsAtOrAboveTheGradeInTheTopK() {
    assertThat(RankingMetrics.recall(List.of("c", "d", "a", "b"), grades, 3, 2)).isEqualTo(0.5);
    assertThat(RankingMetrics.recall(List.of("c", "d", "a", "b"), grades, 4, 2)).isEqualTo(1.0);
  }

  @Test
  void reciprocalRankOfTheFirstTopGradeItem() {
    assertThat(RankingMetrics.reciprocalRank(List.of("c", "d", "a"), grades, 3)).isEqualTo(1.0 / 3);
    assertThat(RankingMetrics.reciprocalRank(List.of("c", "d"), grades, 3)).isZero();
  }
}
