package io.cvtailor.measure.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.measure.app.ApiClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Calibrates the fixed fit scale (strong / partial / weak / unrelated, docs/tailoring.md) on a
 * graded set, leave-one-persona-out: for each persona the scale is chosen on the other personas'
 * pairs and applied to the held-out one's, so the figures printed are on postings that were not
 * tuned on. The scale is evidence = best_similarity + w × term_share (both read from the rank API's
 * {@code fit}), cut at three points; it is chosen to minimise the distance between level (0..3) and
 * grade (0..3), an overstatement counting twice (a fit that says more than is true is the harm).
 * The scale chosen on every persona is printed as the configuration line for the model.
 */
final class FitCalibration {
  private static final double[] TERM_WEIGHTS = {0, 0.25, 0.5, 0.75, 1.0, 1.5};
  private static final double STEP = 0.01;
  private static final int BINS = 151; // evidence 0.00 .. 1.50
  private static final String[] LEVELS = {"unrelated", "weak", "partial", "strong"};

  private final ApiClient api;

  FitCalibration(ApiClient api) {
    this.api = api;
  }

  /** One graded (posting, artifact) pair with the fit evidence the API reported. */
  record Pair(String persona, int grade, double similarity, double termShare) {}

  record Scale(double termWeight, double weak, double partial, double strong) {
    int level(Pair p) {
      double e = p.similarity() + termWeight * p.termShare();
      return e >= strong - 1e-9 ? 3 : e >= partial - 1e-9 ? 2 : e >= weak - 1e-9 ? 1 : 0;
    }
  }

  /** The hook {@link EvalCommand} calls once the personas are loaded and embedded. */
  void run(JsonNode jobs, Map<String, String> tokens, Map<String, Map<String, Long>> ids)
      throws Exception {
    List<Pair> pairs = new ArrayList<>();
    String model = "model";
    for (JsonNode job : jobs) {
      String persona = job.get("persona").asText();
      Map<Long, String> names = new HashMap<>();
      ids.get(persona).forEach((label, id) -> names.put(id, label));
      JsonNode result =
          api.call(
              "POST",
              "api/v1/artifacts/rank",
              tokens.get(persona),
              Map.of(
                  "job_description",
                  job.get("description").asText(),
                  "ranking_method",
                  "hybrid",
                  "top_k",
                  100),
              200);
      model = result.at("/processing_metadata/model").asText(model);
      for (JsonNode r : result.get("ranked_artifacts")) {
        JsonNode fit = r.get("fit");
        if (fit == null || fit.isNull()) {
          continue;
        }
        String label = names.get(r.get("artifact_id").asLong());
        JsonNode grade = job.get("labels").get(label);
        pairs.add(
            new Pair(
                persona,
                grade == null ? 0 : grade.asInt(),
                fit.get("best_similarity").asDouble(),
                fit.get("term_share").asDouble()));
      }
    }
    if (pairs.isEmpty()) {
      System.out.println("[eval] fit calibration: the rank API reported no fit");
      return;
    }
    TreeSet<String> personas = new TreeSet<>();
    pairs.forEach(p -> personas.add(p.persona()));
    int[][] heldOut = new int[4][4]; // [grade][level]
    System.out.printf(
        "%nfit scale, leave-one-persona-out (chosen on the others, applied to one)%n");
    for (String persona : personas) {
      Scale scale = choose(pairs.stream().filter(p -> !p.persona().equals(persona)).toList());
      for (Pair p : pairs) {
        if (p.persona().equals(persona)) {
          heldOut[Math.min(3, Math.max(0, p.grade()))][scale.level(p)]++;
        }
      }
      System.out.printf(
          Locale.ROOT,
          "  held out %-12s scale w=%.2f cuts %.2f / %.2f / %.2f%n",
          persona,
          scale.termWeight(),
          scale.weak(),
          scale.partial(),
          scale.strong());
    }
    System.out.printf(
        "%n%-8s %10s %10s %10s %10s %7s%n",
        "grade", LEVELS[0], LEVELS[1], LEVELS[2], LEVELS[3], "pairs");
    for (int g = 0; g < 4; g++) {
      int n = heldOut[g][0] + heldOut[g][1] + heldOut[g][2] + heldOut[g][3];
      System.out.printf(
          Locale.ROOT,
          "%-8d %10.3f %10.3f %10.3f %10.3f %7d%n",
          g,
          share(heldOut[g][0], n),
          share(heldOut[g][1], n),
          share(heldOut[g][2], n),
          share(heldOut[g][3], n),
          n);
    }
    int g0 = sum(heldOut[0]);
    int g3 = sum(heldOut[3]);
    int exact = 0;
    int within1 = 0;
    int total = 0;
    for (int g = 0; g < 4; g++) {
      for (int l = 0; l < 4; l++) {
        total += heldOut[g][l];
        exact += g == l ? heldOut[g][l] : 0;
        within1 += Math.abs(g - l) <= 1 ? heldOut[g][l] : 0;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%nfit (held out)  grade 0 shown strong %.3f, strong or partial %.3f; grade 3 shown strong"
            + " or partial %.3f, strong %.3f; level = grade %.3f, within one %.3f   (%d pairs)%n",
        share(heldOut[0][3], g0),
        share(heldOut[0][3] + heldOut[0][2], g0),
        share(heldOut[3][3] + heldOut[3][2], g3),
        share(heldOut[3][3], g3),
        share(exact, total),
        share(within1, total),
        total);
    Scale all = choose(pairs);
    System.out.printf(
        Locale.ROOT,
        "fit scale chosen on every persona: search.fit.scale.%s=%.2f,%.2f,%.2f,%.2f%n",
        model,
        all.termWeight(),
        all.weak(),
        all.partial(),
        all.strong());
  }

  /**
   * The scale with the least cost on the pairs. Per term weight, the pairs are counted per grade in
   * evidence bins of 0.01, so each of the ~550,000 ordered cut triples costs 16 look-ups.
   */
  static Scale choose(List<Pair> pairs) {
    Scale best = null;
    double bestCost = Double.MAX_VALUE;
    for (double w : TERM_WEIGHTS) {
      // below[g][b] = pairs of grade g with evidence bin < b
      int[][] below = new int[4][BINS + 1];
      for (Pair p : pairs) {
        int bin = (int) Math.floor((p.similarity() + w * p.termShare()) / STEP + 1e-9);
        bin = Math.max(0, Math.min(BINS - 1, bin));
        below[Math.min(3, Math.max(0, p.grade()))][bin + 1]++;
      }
      for (int g = 0; g < 4; g++) {
        for (int b = 1; b <= BINS; b++) {
          below[g][b] += below[g][b - 1];
        }
      }
      for (int a = 0; a <= BINS; a++) {
        for (int b = a; b <= BINS; b++) {
          for (int c = b; c <= BINS; c++) {
            int[] cuts = {0, a, b, c, BINS};
            double cost = 0;
            for (int g = 0; g < 4; g++) {
              for (int l = 0; l < 4; l++) {
                int n = below[g][cuts[l + 1]] - below[g][cuts[l]];
                cost += n * Math.abs(g - l) * (l > g ? 2.0 : 1.0);
              }
            }
            if (cost < bestCost - 1e-9) {
              bestCost = cost;
              best = new Scale(w, a * STEP, b * STEP, c * STEP);
            }
          }
        }
      }
    }
    return best;
  }

  private static int sum(int[] counts) {
    int n = 0;
    for (int c : counts) {
      n += c;
    }
    return n;
  }

  private static double share(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
