package io.cvtailor.measure.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Leave-one-persona-out cross-validation: for each persona, every tuned constant is chosen on the
 * other personas' postings and the choice is scored on the held-out persona's postings only. The
 * figures that matter are the held-out ones; the setting chosen on all personas is what ships, and
 * its in-sample figure is reported only as such.
 */
final class CrossValidation {
  private CrossValidation() {}

  /** A labelled posting of one persona, with every candidate's semantic and keyword score. */
  record Posting(
      String jobId,
      String persona,
      List<Fusion.Candidate> candidates,
      Map<String, Integer> grades) {}

  /** Mean ranking figures over some postings. */
  record Figures(double ndcg5, double ndcg10, double recall10, double mrr, int postings) {
    /** What a setting is chosen by: NDCG@5 and NDCG@10 equally (the targets' two figures). */
    double objective() {
      return (ndcg5 + ndcg10) / 2;
    }
  }

  /** One fold: the held-out persona, the setting chosen without it, and its held-out figures. */
  record Fold<S>(String persona, S chosen, Figures heldOut) {}

  /** All folds, the held-out figures over every posting, and the all-persona (in-sample) choice. */
  record Result<S>(List<Fold<S>> folds, Figures heldOut, S inSampleChoice, Figures inSample) {}

  static Figures figures(Fusion fusion, List<Posting> postings) {
    return figures(fusion, postings, (f, p) -> f.order(p.candidates()));
  }

  static <S> Figures figures(
      S setting, List<Posting> postings, BiFunction<S, Posting, List<String>> rankingOf) {
    double n5 = 0;
    double n10 = 0;
    double r10 = 0;
    double mrr = 0;
    for (Posting p : postings) {
      List<String> ranking = rankingOf.apply(setting, p);
      n5 += RankingMetrics.ndcg(ranking, p.grades(), 5);
      n10 += RankingMetrics.ndcg(ranking, p.grades(), 10);
      r10 += RankingMetrics.recall(ranking, p.grades(), 10, 2);
      mrr += RankingMetrics.reciprocalRank(ranking, p.grades(), 3);
    }
    int n = Math.max(1, postings.size());
    return new Figures(n5 / n, n10 / n, r10 / n, mrr / n, postings.size());
  }

  /** The setting of {@code family} with the best objective on {@code postings}; first on ties. */
  static <S> S choose(
      List<S> family, List<Posting> postings, BiFunction<S, Posting, List<String>> rankingOf) {
    S best = family.get(0);
    double bestObjective = -1;
    for (S f : family) {
      double objective = figures(f, postings, rankingOf).objective();
      if (objective > bestObjective + 1e-12) {
        best = f;
        bestObjective = objective;
      }
    }
    return best;
  }

  static Result<Fusion> leaveOnePersonaOut(List<Fusion> family, List<Posting> postings) {
    return leaveOnePersonaOut(family, postings, (f, p) -> f.order(p.candidates()));
  }

  /**
   * {@code rankingOf} orders one posting's candidates by one setting (a setting may also name one
   * of several eval runs, e.g. with another keyword score).
   */
  static <S> Result<S> leaveOnePersonaOut(
      List<S> family, List<Posting> postings, BiFunction<S, Posting, List<String>> rankingOf) {
    List<Fold<S>> folds = new ArrayList<>();
    List<Posting> scored = new ArrayList<>();
    List<S> used = new ArrayList<>();
    for (String persona : personas(postings)) {
      Predicate<Posting> mine = p -> p.persona().equals(persona);
      List<Posting> train = postings.stream().filter(mine.negate()).toList();
      List<Posting> test = postings.stream().filter(mine).toList();
      S chosen = choose(family, train, rankingOf);
      folds.add(new Fold<>(persona, chosen, figures(chosen, test, rankingOf)));
      scored.addAll(test);
      test.forEach(t -> used.add(chosen));
    }
    // Held-out figures over every posting, each scored by the fold that did not see it.
    double n5 = 0;
    double n10 = 0;
    double r10 = 0;
    double mrr = 0;
    for (int i = 0; i < scored.size(); i++) {
      Figures one = figures(used.get(i), List.of(scored.get(i)), rankingOf);
      n5 += one.ndcg5();
      n10 += one.ndcg10();
      r10 += one.recall10();
      mrr += one.mrr();
    }
    int n = Math.max(1, scored.size());
    S all = choose(family, postings, rankingOf);
    return new Result<>(
        folds,
        new Figures(n5 / n, n10 / n, r10 / n, mrr / n, scored.size()),
        all,
        figures(all, postings, rankingOf));
  }

  static List<String> personas(List<Posting> postings) {
    return List.copyOf(new TreeSet<>(postings.stream().map(Posting::persona).toList()));
  }

  // ---- coverage ----

  /** A labelled requirement of one persona's posting: the CV's score, and the labels' verdicts. */
  record Requirement(
      String persona, String key, boolean labelledCovered, double score, boolean bestIsEvidence) {}

  /** Coverage figures at one threshold. */
  record Coverage(double threshold, double precision, double recall, double bestEvidence, int n) {
    double f1() {
      return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    /**
     * What coverage settings are chosen by: F1 of "covered" and best-evidence accuracy equally (a
     * threshold alone does not move the latter; a scoring setting compared across runs does).
     */
    double objective() {
      return (f1() + bestEvidence) / 2;
    }
  }

  record CoverageFold(String persona, double threshold, Coverage heldOut) {}

  record CoverageResult(
      List<CoverageFold> folds, Coverage heldOut, double inSampleThreshold, Coverage inSample) {}

  /** Thresholds swept for "covered": 0.20 to 0.70 in steps of 0.0125. */
  static List<Double> thresholds() {
    List<Double> thresholds = new ArrayList<>();
    for (int step = 0; step <= 40; step++) {
      thresholds.add(0.20 + step * 0.0125);
    }
    return thresholds;
  }

  static Coverage coverage(double threshold, List<Requirement> requirements) {
    long tp = 0;
    long predicted = 0;
    long labelled = 0;
    long bestRight = 0;
    for (Requirement r : requirements) {
      boolean covered = r.score() >= threshold - 1e-9;
      if (covered) {
        predicted++;
      }
      if (r.labelledCovered()) {
        labelled++;
        if (covered) {
          tp++;
        }
        if (r.bestIsEvidence()) {
          bestRight++;
        }
      }
    }
    return new Coverage(
        threshold,
        predicted == 0 ? 1 : (double) tp / predicted,
        labelled == 0 ? 1 : (double) tp / labelled,
        labelled == 0 ? 1 : (double) bestRight / labelled,
        requirements.size());
  }

  /** The threshold with the best F1 on {@code requirements}; the higher one on ties. */
  static double chooseThreshold(List<Requirement> requirements) {
    double best = thresholds().get(0);
    double bestF1 = -1;
    for (double t : thresholds()) {
      double f1 = coverage(t, requirements).objective();
      if (f1 >= bestF1 - 1e-12) {
        best = t;
        bestF1 = f1;
      }
    }
    return best;
  }

  static CoverageResult coverageLeaveOnePersonaOut(List<Requirement> requirements) {
    List<CoverageFold> folds = new ArrayList<>();
    long tp = 0;
    long predicted = 0;
    long labelled = 0;
    long bestRight = 0;
    TreeSet<String> personas =
        new TreeSet<>(requirements.stream().map(Requirement::persona).toList());
    for (String persona : personas) {
      List<Requirement> train =
          requirements.stream().filter(r -> !r.persona().equals(persona)).toList();
      List<Requirement> test =
          requirements.stream().filter(r -> r.persona().equals(persona)).toList();
      double t = chooseThreshold(train);
      folds.add(new CoverageFold(persona, t, coverage(t, test)));
      for (Requirement r : test) {
        boolean covered = r.score() >= t - 1e-9;
        predicted += covered ? 1 : 0;
        if (r.labelledCovered()) {
          labelled++;
          tp += covered ? 1 : 0;
          bestRight += r.bestIsEvidence() ? 1 : 0;
        }
      }
    }
    Coverage heldOut =
        new Coverage(
            Double.NaN,
            predicted == 0 ? 1 : (double) tp / predicted,
            labelled == 0 ? 1 : (double) tp / labelled,
            labelled == 0 ? 1 : (double) bestRight / labelled,
            requirements.size());
    double all = chooseThreshold(requirements);
    return new CoverageResult(folds, heldOut, all, coverage(all, requirements));
  }
}
