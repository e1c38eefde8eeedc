package io.cvtailor.measure.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code ./cvtailor eval --combine A.json B.json ...}: cross-validates settings that need the
 * server restarted (the keyword score, the coverage's lexical weight) together with those swept
 * offline. Each file is the {@code --json} output of one eval run with one server setting ({@code
 * EVAL_APP_OPTS}); a setting here is a (run, fusion) or (run, threshold) pair, chosen on four
 * personas and scored on the fifth, exactly as within one run.
 */
final class CombinedRuns {
  private CombinedRuns() {}

  /** A (run, fusion) setting. */
  record RunFusion(int run, Fusion fusion) {}

  /** A (run, threshold) setting of the coverage. */
  record RunThreshold(int run, double threshold) {}

  static void run(List<Path> files, Path jsonOut) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> labels = new ArrayList<>();
    List<Map<String, CrossValidation.Posting>> postings = new ArrayList<>();
    List<Map<String, CrossValidation.Requirement>> requirements = new ArrayList<>();
    for (Path file : files) {
      JsonNode cv = json.readTree(file.toFile()).path("leave_one_persona_out");
      labels.add(cv.path("settings").asText(file.getFileName().toString()));
      Map<String, CrossValidation.Posting> byJob = new HashMap<>();
      for (JsonNode p : cv.path("postings")) {
        Map<String, Integer> grades = new HashMap<>();
        p.get("grades")
            .fields()
            .forEachRemaining(e -> grades.put(e.getKey(), e.getValue().asInt()));
        List<Fusion.Candidate> candidates = new ArrayList<>();
        for (JsonNode c : p.get("candidates")) {
          candidates.add(
              new Fusion.Candidate(
                  c.get("name").asText(),
                  c.get("id").asLong(),
                  c.get("semantic").asDouble(),
                  c.get("keyword").asDouble()));
        }
        byJob.put(
            p.get("job_id").asText(),
            new CrossValidation.Posting(
                p.get("job_id").asText(), p.get("persona").asText(), candidates, grades));
      }
      postings.add(byJob);
      Map<String, CrossValidation.Requirement> byKey = new HashMap<>();
      for (JsonNode r : cv.path("requirements")) {
        byKey.put(
            r.get("key").asText(),
            new CrossValidation.Requirement(
                r.get("persona").asText(),
                r.get("key").asText(),
                r.get("labelled_covered").asBoolean(),
                r.get("score").asDouble(),
                r.get("best_is_evidence").asBoolean()));
      }
      requirements.add(byKey);
    }
    ObjectNode root = json.createObjectNode();
    ArrayNode runs = root.putArray("runs");
    labels.forEach(runs::add);
    for (int i = 0; i < labels.size(); i++) {
      System.out.printf("run %d: %s%n", i, labels.get(i));
    }

    // Ranking: postings every run has.
    List<CrossValidation.Posting> common =
        postings.get(0).values().stream()
            .filter(p -> postings.stream().allMatch(run -> run.containsKey(p.jobId())))
            .sorted((a, b) -> a.jobId().compareTo(b.jobId()))
            .toList();
    if (!common.isEmpty()) {
      List<Fusion> fusions = new ArrayList<>(Fusion.rrfFamily());
      fusions.addAll(Fusion.blendFamily());
      Map<String, List<RunFusion>> families = new java.util.LinkedHashMap<>();
      for (int run = 0; run < labels.size(); run++) {
        final int r = run;
        families.put("run " + run + " keyword", List.of(new RunFusion(r, Fusion.keyword())));
        families.put(
            "run " + run + " hybrid", fusions.stream().map(f -> new RunFusion(r, f)).toList());
      }
      List<RunFusion> keywords = new ArrayList<>();
      List<RunFusion> all = new ArrayList<>();
      for (int run = 0; run < labels.size(); run++) {
        keywords.add(new RunFusion(run, Fusion.keyword()));
        for (Fusion f : fusions) {
          all.add(new RunFusion(run, f));
        }
      }
      families.put("keyword, run chosen", keywords);
      families.put("hybrid, run and fusion chosen", all);
      System.out.printf(
          "%nleave-one-persona-out over the runs (%d postings)%n%-30s %7s %7s %9s %6s   %s%n",
          common.size(),
          "setting family",
          "NDCG@5",
          "NDCG@10",
          "recall@10",
          "MRR",
          "chosen per fold | in-sample choice");
      ObjectNode ranking = root.putObject("ranking");
      for (Map.Entry<String, List<RunFusion>> family : families.entrySet()) {
        CrossValidation.Result<RunFusion> result =
            CrossValidation.leaveOnePersonaOut(
                family.getValue(),
                common,
                (s, p) -> s.fusion().order(postings.get(s.run()).get(p.jobId()).candidates()));
        CrossValidation.Figures f = result.heldOut();
        String chosen =
            String.join(
                ", ",
                result.folds().stream().map(fold -> label(fold.chosen())).distinct().toList());
        System.out.printf(
            Locale.ROOT,
            "%-30s %7.3f %7.3f %9.3f %6.3f   %s | %s%n",
            family.getKey(),
            f.ndcg5(),
            f.ndcg10(),
            f.recall10(),
            f.mrr(),
            chosen,
            label(result.inSampleChoice()));
        ObjectNode node =
            ranking
                .putObject(family.getKey())
                .put("ndcg_at_5", round(f.ndcg5()))
                .put("ndcg_at_10", round(f.ndcg10()))
                .put("recall_at_10", round(f.recall10()))
                .put("mrr", round(f.mrr()))
                .put("in_sample_choice", label(result.inSampleChoice()));
        ArrayNode folds = node.putArray("folds");
        for (CrossValidation.Fold<RunFusion> fold : result.folds()) {
          folds
              .addObject()
              .put("persona", fold.persona())
              .put("chosen", label(fold.chosen()))
              .put("ndcg_at_5", round(fold.heldOut().ndcg5()))
              .put("ndcg_at_10", round(fold.heldOut().ndcg10()));
        }
      }
    }

    // Coverage: requirements every run has.
    List<CrossValidation.Requirement> base =
        requirements.get(0).values().stream()
            .filter(r -> requirements.stream().allMatch(run -> run.containsKey(r.key())))
            .sorted((a, b) -> a.key().compareTo(b.key()))
            .toList();
    if (!base.isEmpty()) {
      List<RunThreshold> settings = new ArrayList<>();
      for (int run = 0; run < labels.size(); run++) {
        for (double t : CrossValidation.thresholds()) {
          settings.add(new RunThreshold(run, t));
        }
      }
      System.out.printf(
          "%ncoverage, leave-one-persona-out over the runs (run and threshold chosen by"
              + " (F1 + best-evidence) / 2)%n%-12s %-22s %9s %7s %13s%n",
          "held out", "chosen", "precision", "recall", "best-evidence");
      TreeSet<String> personas =
          new TreeSet<>(base.stream().map(CrossValidation.Requirement::persona).toList());
      List<CrossValidation.Requirement> heldOut = new ArrayList<>();
      ArrayNode folds = root.putObject("coverage").putArray("folds");
      for (String persona : personas) {
        List<CrossValidation.Requirement> train =
            base.stream().filter(r -> !r.persona().equals(persona)).toList();
        List<CrossValidation.Requirement> test =
            base.stream().filter(r -> r.persona().equals(persona)).toList();
        RunThreshold chosen = chooseCoverage(settings, train, requirements);
        List<CrossValidation.Requirement> mine = inRun(test, chosen, requirements);
        CrossValidation.Coverage c = CrossValidation.coverage(chosen.threshold(), mine);
        System.out.printf(
            Locale.ROOT,
            "%-12s %-22s %9.3f %7.3f %13.3f%n",
            persona,
            String.format(Locale.ROOT, "run %d, t=%.4f", chosen.run(), chosen.threshold()),
            c.precision(),
            c.recall(),
            c.bestEvidence());
        folds
            .addObject()
            .put("persona", persona)
            .put("run", chosen.run())
            .put("threshold", round(chosen.threshold()))
            .put("precision", round(c.precision()))
            .put("recall", round(c.recall()))
            .put("best_evidence_accuracy", round(c.bestEvidence()));
        // Each held-out requirement judged at its fold's threshold: covered iff score >= 0.
        for (CrossValidation.Requirement r : mine) {
          heldOut.add(
              new CrossValidation.Requirement(
                  r.persona(),
                  r.key(),
                  r.labelledCovered(),
                  r.score() - chosen.threshold(),
                  r.bestIsEvidence()));
        }
      }
      CrossValidation.Coverage h = CrossValidation.coverage(0, heldOut);
      System.out.printf(
          Locale.ROOT,
          "%-12s %-22s %9.3f %7.3f %13.3f   (%d requirements)%n",
          "held out",
          "",
          h.precision(),
          h.recall(),
          h.bestEvidence(),
          h.n());
      RunThreshold all = chooseCoverage(settings, base, requirements);
      CrossValidation.Coverage in =
          CrossValidation.coverage(all.threshold(), inRun(base, all, requirements));
      System.out.printf(
          Locale.ROOT,
          "in-sample (NOT held out): run %d, threshold %.4f: precision %.3f  recall %.3f"
              + "  best-evidence %.3f%n",
          all.run(),
          all.threshold(),
          in.precision(),
          in.recall(),
          in.bestEvidence());
      ((ObjectNode) root.get("coverage"))
          .put("precision", round(h.precision()))
          .put("recall", round(h.recall()))
          .put("best_evidence_accuracy", round(h.bestEvidence()))
          .put("in_sample_run", all.run())
          .put("in_sample_threshold", round(all.threshold()));
    }
    if (jsonOut != null) {
      json.writerWithDefaultPrettyPrinter().writeValue(jsonOut.toFile(), root);
      System.out.println("[eval] figures written to " + jsonOut);
    }
  }

  private static RunThreshold chooseCoverage(
      List<RunThreshold> settings,
      List<CrossValidation.Requirement> requirements,
      List<Map<String, CrossValidation.Requirement>> runs) {
    RunThreshold best = settings.get(0);
    double bestObjective = -1;
    for (RunThreshold s : settings) {
      double objective =
          CrossValidation.coverage(s.threshold(), inRun(requirements, s, runs)).objective();
      if (objective > bestObjective + 1e-12) {
        best = s;
        bestObjective = objective;
      }
    }
    return best;
  }

  private static List<CrossValidation.Requirement> inRun(
      List<CrossValidation.Requirement> requirements,
      RunThreshold setting,
      List<Map<String, CrossValidation.Requirement>> runs) {
    return requirements.stream().map(r -> runs.get(setting.run()).get(r.key())).toList();
  }

  private static String label(RunFusion s) {
    return "run " + s.run() + " " + s.fusion().label();
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
