package io.cvtailor.measure.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One way to order a posting's candidates from their semantic and keyword scores, as the server's
 * ranking statement does (SqlArtifactRanking): semantic alone, keyword alone, Reciprocal Rank
 * Fusion with constant k, or a blend {@code w · minmax(semantic) + (1 − w) · minmax(keyword)}. The
 * eval asks the server once per posting for every candidate's two scores and replays each fusion
 * here, so every setting is swept without re-running the application.
 */
record Fusion(String kind, double parameter) {

  /** One candidate artifact of a posting: its eval label, id and the server's two scores. */
  record Candidate(String name, long id, double semantic, double keyword) {}

  static Fusion semantic() {
    return new Fusion("semantic", 0);
  }

  static Fusion keyword() {
    return new Fusion("keyword", 0);
  }

  static Fusion rrf(double k) {
    return new Fusion("rrf", k);
  }

  static Fusion blend(double semanticWeight) {
    return new Fusion("blend", semanticWeight);
  }

  /** The RRF constants and blend weights the eval sweeps. */
  static List<Fusion> rrfFamily() {
    List<Fusion> family = new ArrayList<>();
    for (double k : new double[] {1, 5, 10, 20, 30, 45, 60, 100}) {
      family.add(rrf(k));
    }
    return family;
  }

  static List<Fusion> blendFamily() {
    List<Fusion> family = new ArrayList<>();
    for (int step = 0; step <= 20; step++) {
      family.add(blend(step / 20.0));
    }
    return family;
  }

  String label() {
    return switch (kind) {
      case "rrf" -> String.format(Locale.ROOT, "rrf k=%.0f", parameter);
      case "blend" -> String.format(Locale.ROOT, "blend w=%.2f", parameter);
      default -> kind;
    };
  }

  /** The candidates' labels, best first; ties break on id as in the server. */
  List<String> order(List<Candidate> candidates) {
    Map<Long, Double> score = new HashMap<>();
    switch (kind) {
      case "semantic" -> candidates.forEach(c -> score.put(c.id(), c.semantic()));
      case "keyword" -> candidates.forEach(c -> score.put(c.id(), c.keyword()));
      case "rrf" -> {
        Map<Long, Integer> semanticRank = ranks(candidates, true);
        Map<Long, Integer> keywordRank = ranks(candidates, false);
        for (Candidate c : candidates) {
          score.put(
              c.id(),
              1.0 / (parameter + semanticRank.get(c.id()))
                  + (c.keyword() > 0 ? 1.0 / (parameter + keywordRank.get(c.id())) : 0));
        }
      }
      case "blend" -> {
        double[] s = range(candidates, true);
        double[] k = range(candidates, false);
        for (Candidate c : candidates) {
          score.put(
              c.id(),
              parameter * normalised(c.semantic(), s)
                  + (1 - parameter) * normalised(c.keyword(), k));
        }
      }
      default -> throw new IllegalStateException(kind);
    }
    return candidates.stream()
        .sorted(
            Comparator.comparingDouble((Candidate c) -> score.get(c.id()))
                .reversed()
                .thenComparingLong(Candidate::id))
        .map(Candidate::name)
        .toList();
  }

  /** 1-based ranks by one score, the other breaking ties, then the id (as the server does). */
  private static Map<Long, Integer> ranks(List<Candidate> candidates, boolean bySemantic) {
    Comparator<Candidate> semantic = Comparator.comparingDouble(Candidate::semantic).reversed();
    Comparator<Candidate> keyword = Comparator.comparingDouble(Candidate::keyword).reversed();
    Comparator<Candidate> order =
        bySemantic ? semantic.thenComparing(keyword) : keyword.thenComparing(semantic);
    List<Candidate> sorted =
        candidates.stream().sorted(order.thenComparingLong(Candidate::id)).toList();
    Map<Long, Integer> ranks = new HashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      ranks.put(sorted.get(i).id(), i + 1);
    }
    return ranks;
  }

  private static double[] range(List<Candidate> candidates, boolean semantic) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (Candidate c : candidates) {
      double v = semantic ? c.semantic() : c.keyword();
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new double[] {min, max};
  }

  private static double normalised(double value, double[] range) {
    return range[1] > range[0] ? (value - range[0]) / (range[1] - range[0]) : 0;
  }
}
