package io.cvtailor.measure.eval;

import java.util.List;
import java.util.Map;

/** Ranking quality measures over graded relevance labels (grades 0..3). */
public final class RankingMetrics {
  private RankingMetrics() {}

  /** NDCG@k with gain 2^grade - 1 and log2 discount; 1.0 when nothing is relevant. */
  public static double ndcg(List<String> ranking, Map<String, Integer> grades, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, ranking.size()); i++) {
      dcg += gain(grades.getOrDefault(ranking.get(i), 0)) / log2(i + 2);
    }
    List<Integer> ideal =
        grades.values().stream().sorted((a, b) -> Integer.compare(b, a)).limit(k).toList();
    double idcg = 0;
    for (int i = 0; i < ideal.size(); i++) {
      idcg += gain(ideal.get(i)) / log2(i + 2);
    }
    return idcg == 0 ? 1.0 : dcg / idcg;
  }

  /** Share of the items graded at least {@code minGrade} that appear in the top k. */
  public static double recall(
      List<String> ranking, Map<String, Integer> grades, int k, int minGrade) {
    long relevant = grades.values().stream().filter(g -> g >= minGrade).count();
    if (relevant == 0) {
      return 1.0;
    }
    long found =
        ranking.stream().limit(k).filter(id -> grades.getOrDefault(id, 0) >= minGrade).count();
    return (double) found / relevant;
  }

  /** 1 / rank of the first item graded {@code grade} (0 when none appears). */
  public static double reciprocalRank(
      List<String> ranking, Map<String, Integer> grades, int grade) {
    for (int i = 0; i < ranking.size(); i++) {
      if (grades.getOrDefault(ranking.get(i), 0) >= grade) {
        return 1.0 / (i + 1);
      }
    }
    return 0;
  }

  private static double gain(int grade) {
    return Math.pow(2, grade) - 1;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
