package io.cvtailor.measure.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.measure.eval.CrossValidation.Figures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints and returns (as JSON) the leave-one-persona-out figures: per fusion family the held-out
 * figures, per persona the setting chosen without it and its figures there, the spread over
 * personas, the in-sample figure of the setting chosen on every persona (labelled as such), and the
 * same for the coverage threshold.
 */
final class CrossValidationReport {
  private CrossValidationReport() {}

  static ObjectNode report(
      List<CrossValidation.Posting> postings,
      List<CrossValidation.Requirement> requirements,
      boolean verbose) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    if (CrossValidation.personas(postings).size() < 2) {
      System.out.println("\n[eval] one persona only: no leave-one-persona-out figures");
      return root;
    }
    Map<String, List<Fusion>> families = new LinkedHashMap<>();
    families.put("semantic", List.of(Fusion.semantic()));
    families.put("keyword", List.of(Fusion.keyword()));
    families.put("rrf", Fusion.rrfFamily());
    families.put("blend", Fusion.blendFamily());
    List<Fusion> either = new ArrayList<>(Fusion.rrfFamily());
    either.addAll(Fusion.blendFamily());
    families.put("rrf_or_blend", either);

    System.out.printf(
        "%nleave-one-persona-out: each setting chosen on the other personas (by mean of NDCG@5 and"
            + " NDCG@10),%nfigures on the held-out persona's postings only (%d postings, %d"
            + " personas)%n",
        postings.size(), CrossValidation.personas(postings).size());
    System.out.printf(
        "%-13s %7s %7s %9s %6s   %s%n",
        "method", "NDCG@5", "NDCG@10", "recall@10", "MRR", "chosen per fold | in-sample choice");
    ObjectNode familiesNode = root.putObject("methods");
    Map<String, CrossValidation.Result<Fusion>> results = new LinkedHashMap<>();
    for (Map.Entry<String, List<Fusion>> family : families.entrySet()) {
      CrossValidation.Result<Fusion> result =
          CrossValidation.leaveOnePersonaOut(family.getValue(), postings);
      results.put(family.getKey(), result);
      Figures f = result.heldOut();
      String chosen =
          String.join(
              ", ", result.folds().stream().map(fold -> fold.chosen().label()).distinct().toList());
      System.out.printf(
          Locale.ROOT,
          "%-13s %7.3f %7.3f %9.3f %6.3f   %s | %s%n",
          family.getKey(),
          f.ndcg5(),
          f.ndcg10(),
          f.recall10(),
          f.mrr(),
          chosen,
          result.inSampleChoice().label());
      ObjectNode node = familiesNode.putObject(family.getKey());
      put(node.putObject("held_out"), f);
      ArrayNode folds = node.putArray("folds");
      for (CrossValidation.Fold<Fusion> fold : result.folds()) {
        ObjectNode foldNode =
            folds.addObject().put("persona", fold.persona()).put("chosen", fold.chosen().label());
        put(foldNode, fold.heldOut());
      }
      ObjectNode inSample =
          node.putObject("in_sample").put("chosen", result.inSampleChoice().label());
      put(inSample, result.inSample());
      inSample.put("note", "chosen and measured on every persona: not a held-out figure");
    }

    CrossValidation.Result<Fusion> hybrid = results.get("rrf_or_blend");
    System.out.printf(
        "%nper persona (hybrid, fusion and its constant chosen without the persona)%n"
            + "%-12s %-14s %7s %7s %9s %6s%n",
        "held out", "chosen", "NDCG@5", "NDCG@10", "recall@10", "MRR");
    for (CrossValidation.Fold<Fusion> fold : hybrid.folds()) {
      Figures f = fold.heldOut();
      System.out.printf(
          Locale.ROOT,
          "%-12s %-14s %7.3f %7.3f %9.3f %6.3f%n",
          fold.persona(),
          fold.chosen().label(),
          f.ndcg5(),
          f.ndcg10(),
          f.recall10(),
          f.mrr());
    }
    double[] n5 = hybrid.folds().stream().mapToDouble(f -> f.heldOut().ndcg5()).toArray();
    double[] n10 = hybrid.folds().stream().mapToDouble(f -> f.heldOut().ndcg10()).toArray();
    System.out.printf(
        Locale.ROOT,
        "spread over personas: NDCG@5 %.3f..%.3f (sd %.3f), NDCG@10 %.3f..%.3f (sd %.3f)%n",
        min(n5),
        max(n5),
        sd(n5),
        min(n10),
        max(n10),
        sd(n10));
    root.putObject("hybrid_spread")
        .put("ndcg_at_5_min", round(min(n5)))
        .put("ndcg_at_5_max", round(max(n5)))
        .put("ndcg_at_5_sd", round(sd(n5)))
        .put("ndcg_at_10_min", round(min(n10)))
        .put("ndcg_at_10_max", round(max(n10)))
        .put("ndcg_at_10_sd", round(sd(n10)));
    System.out.printf(
        Locale.ROOT,
        "in-sample (chosen on all personas and measured on them, NOT held out): %s  NDCG@5 %.3f"
            + "  NDCG@10 %.3f%n",
        hybrid.inSampleChoice().label(),
        hybrid.inSample().ndcg5(),
        hybrid.inSample().ndcg10());
    if (verbose) {
      System.out.printf("%nevery setting on every posting (in-sample sweep)%n");
      for (Fusion f : either) {
        Figures all = CrossValidation.figures(f, postings);
        System.out.printf(
            Locale.ROOT,
            "%-14s %7.3f %7.3f %9.3f %6.3f%n",
            f.label(),
            all.ndcg5(),
            all.ndcg10(),
            all.recall10(),
            all.mrr());
      }
    }

    if (!requirements.isEmpty()) {
      CrossValidation.CoverageResult coverage =
          CrossValidation.coverageLeaveOnePersonaOut(requirements);
      System.out.printf(
          "%ncoverage, leave-one-persona-out (threshold chosen by F1 on the other personas)%n"
              + "%-12s %9s %9s %7s %13s%n",
          "held out", "threshold", "precision", "recall", "best-evidence");
      ObjectNode coverageNode = root.putObject("coverage");
      ArrayNode folds = coverageNode.putArray("folds");
      for (CrossValidation.CoverageFold fold : coverage.folds()) {
        CrossValidation.Coverage c = fold.heldOut();
        System.out.printf(
            Locale.ROOT,
            "%-12s %9.4f %9.3f %7.3f %13.3f%n",
            fold.persona(),
            fold.threshold(),
            c.precision(),
            c.recall(),
            c.bestEvidence());
        folds
            .addObject()
            .put("persona", fold.persona())
            .put("threshold", round(fold.threshold()))
            .put("precision", round(c.precision()))
            .put("recall", round(c.recall()))
            .put("best_evidence_accuracy", round(c.bestEvidence()));
      }
      CrossValidation.Coverage h = coverage.heldOut();
      System.out.printf(
          Locale.ROOT,
          "%-12s %9s %9.3f %7.3f %13.3f   (%d requirements)%n",
          "held out",
          "",
          h.precision(),
          h.recall(),
          h.bestEvidence(),
          h.n());
      CrossValidation.Coverage in = coverage.inSample();
      System.out.printf(
          Locale.ROOT,
          "in-sample (NOT held out): threshold %.4f  precision %.3f  recall %.3f%n",
          coverage.inSampleThreshold(),
          in.precision(),
          in.recall());
      coverageNode
          .putObject("held_out")
          .put("precision", round(h.precision()))
          .put("recall", round(h.recall()))
          .put("best_evidence_accuracy", round(h.bestEvidence()))
          .put("requirements", h.n());
      coverageNode
          .putObject("in_sample")
          .put("threshold", round(coverage.inSampleThreshold()))
          .put("precision", round(in.precision()))
          .put("recall", round(in.recall()))
          .put("note", "chosen and measured on every persona: not a held-out figure");
    }
    // The raw scores, so that runs with other server settings can be cross-validated together
    // (./cvtailor eval --combine A.json B.json ...).
    String settings = System.getenv("EVAL_APP_OPTS");
    root.put("settings", settings == null || settings.isBlank() ? "defaults" : settings.trim());
    ArrayNode raw = root.putArray("postings");
    for (CrossValidation.Posting p : postings) {
      ObjectNode node = raw.addObject().put("job_id", p.jobId()).put("persona", p.persona());
      ObjectNode grades = node.putObject("grades");
      p.grades().forEach(grades::put);
      ArrayNode candidates = node.putArray("candidates");
      for (Fusion.Candidate c : p.candidates()) {
        candidates
            .addObject()
            .put("name", c.name())
            .put("id", c.id())
            .put("semantic", c.semantic())
            .put("keyword", c.keyword());
      }
    }
    ArrayNode rawRequirements = root.putArray("requirements");
    for (CrossValidation.Requirement r : requirements) {
      rawRequirements
          .addObject()
          .put("persona", r.persona())
          .put("key", r.key())
          .put("labelled_covered", r.labelledCovered())
          .put("score", r.score())
          .put("best_is_evidence", r.bestIsEvidence());
    }
    return root;
  }

  private static void put(ObjectNode node, Figures f) {
    node.put("ndcg_at_5", round(f.ndcg5()))
        .put("ndcg_at_10", round(f.ndcg10()))
        .put("recall_at_10", round(f.recall10()))
        .put("mrr", round(f.mrr()))
        .put("postings", f.postings());
  }

  private static double min(double[] values) {
    double m = Double.MAX_VALUE;
    for (double v : values) {
      m = Math.min(m, v);
    }
    return m;
  }

  private static double max(double[] values) {
    double m = -Double.MAX_VALUE;
    for (double v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  private static double sd(double[] values) {
    double mean = 0;
    for (double v : values) {
      mean += v / values.length;
    }
    double var = 0;
    for (double v : values) {
      var += (v - mean) * (v - mean) / values.length;
    }
    return Math.sqrt(var);
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
