package io.cvtailor.measure.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.measure.app.ApiClient;
import io.cvtailor.measure.app.RunningApp;
import io.cvtailor.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./cvtailor eval}: loads every persona of a dataset into a fresh database through the REST
 * API of a real cvtailor (Payara Micro + the built WAR), waits for the embeddings, ranks every job
 * posting with every method and prints NDCG@5, NDCG@10, recall@10 (grade >= 2) and MRR (first
 * grade-3 artifact) per method. The database is dropped afterwards. With {@code --imports DIR} it
 * scores document imports instead ({@link ImportEval}).
 *
 * <pre>
 * usage: EvalCommand [--set DIR | --imports DIR | --combine RUN.json...] [--verbose] [--json FILE]
 * </pre>
 */
public final class EvalCommand {
  private static final ObjectMapper JSON = ApiClient.JSON;
  private static final List<String> METHODS = List.of("semantic", "keyword", "hybrid");

  private final ApiClient api;

  EvalCommand(ApiClient api) {
    this.api = api;
  }

  /** A labelled requirement: the CV's verdict, its score, and whether the evidence agrees. */
  record RequirementOutcome(
      boolean labelledCovered, boolean predictedCovered, double score, boolean bestIsEvidence) {}

  /** Every labelled requirement's outcome with its persona, for the cross-validated threshold. */
  private final List<CrossValidation.Requirement> requirementsByPersona = new ArrayList<>();

  /** Generates a CV for the job and compares its coverage with the labelled evidence. */
  private List<RequirementOutcome> coverage(JsonNode job, String token, Map<String, Long> ids)
      throws Exception {
    Map<Long, String> names = new HashMap<>();
    ids.forEach((label, id) -> names.put(id, label));
    JsonNode cv;
    try {
      cv =
          api.call(
              "POST",
              "api/v1/cvs",
              token,
              Map.of("job_description", job.get("description").asText()),
              201);
    } catch (IllegalStateException e) {
      if (!e.getMessage().contains(" -> 422")) {
        throw e;
      }
      // A refused CV (nothing relevant, issue 12) covers none of the requirements.
      List<RequirementOutcome> refused = new ArrayList<>();
      for (JsonNode labelled : job.get("requirements")) {
        refused.add(new RequirementOutcome(!labelled.get("evidence").isEmpty(), false, 0, false));
        requirementsByPersona.add(
            new CrossValidation.Requirement(
                job.get("persona").asText(),
                job.get("job_id").asText() + "\n" + labelled.get("text").asText().strip(),
                !labelled.get("evidence").isEmpty(),
                0,
                false));
      }
      return refused;
    }
    Map<String, JsonNode> predicted = new HashMap<>();
    cv.at("/coverage/requirements").forEach(r -> predicted.put(r.get("text").asText().strip(), r));
    List<RequirementOutcome> outcomes = new ArrayList<>();
    for (JsonNode labelled : job.get("requirements")) {
      JsonNode p = predicted.get(labelled.get("text").asText().strip());
      if (p == null) {
        System.out.println(
            "[eval] requirement not found in the CV's coverage: " + labelled.get("text").asText());
        continue;
      }
      List<String> evidence = new ArrayList<>();
      labelled.get("evidence").forEach(e -> evidence.add(e.asText()));
      String best =
          p.hasNonNull("best_artifact_id") ? names.get(p.get("best_artifact_id").asLong()) : null;
      outcomes.add(
          new RequirementOutcome(
              !evidence.isEmpty(),
              p.get("covered").asBoolean(),
              p.get("score").asDouble(),
              best != null && evidence.contains(best)));
      requirementsByPersona.add(
          new CrossValidation.Requirement(
              job.get("persona").asText(),
              job.get("job_id").asText() + "\n" + labelled.get("text").asText().strip(),
              !evidence.isEmpty(),
              p.get("score").asDouble(),
              best != null && evidence.contains(best)));
    }
    return outcomes;
  }

  record JobScores(
      String jobId, String method, double ndcg5, double ndcg10, double recall10, double mrr) {}

  public static void main(String[] args) throws Exception {
    Path set = Path.of("eval/sample");
    Path imports = null;
    boolean verbose = false;
    Path jsonOut = null;
    List<Path> combine = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--set" -> set = Path.of(args[++i]);
        case "--imports" -> imports = Path.of(args[++i]);
        case "--verbose" -> verbose = true;
        case "--json" -> jsonOut = Path.of(args[++i]);
        case "--combine" -> {
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            combine.add(Path.of(args[++i]));
          }
        }
        default -> {
          System.err.println(
              "usage: ./cvtailor eval [--set DIR | --imports DIR | --combine RUN.json...]"
                  + " [--verbose] [--json FILE]");
          System.exit(2);
        }
      }
    }
    if (!combine.isEmpty()) {
      // Offline: cross-validates settings across earlier runs' --json outputs; no server.
      CombinedRuns.run(combine, jsonOut);
      System.exit(0);
    }
    if (imports != null) {
      if (!Files.isDirectory(imports)) {
        System.err.println(imports + " is not a directory of labelled documents");
        System.exit(2);
      }
      try (RunningApp app = RunningApp.start(TestDatabase.get(), List.of())) {
        new ImportEval(app.client()).run(imports, verbose, jsonOut);
      } finally {
        TestDatabase.dropIfCreated();
      }
      System.exit(0);
    }
    if (!Files.isRegularFile(set.resolve("jobs.json"))
        || !Files.isDirectory(set.resolve("personas"))) {
      System.err.println(set + " is not an evaluation set: it needs jobs.json and personas/*.json");
      System.exit(2);
    }
    try (RunningApp app = RunningApp.start(TestDatabase.get(), List.of())) {
      new EvalCommand(app.client()).run(set, verbose, jsonOut);
    } finally {
      TestDatabase.dropIfCreated();
    }
    System.exit(0);
  }

  void run(Path set, boolean verbose, Path jsonOut) throws Exception {

    Map<String, Map<String, Long>> idsByPersona = new HashMap<>();
    Map<String, String> tokens = new HashMap<>();
    long loading = System.nanoTime();
    try (Stream<Path> files = Files.list(set.resolve("personas"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode persona = JSON.readTree(file.toFile());
        String name = persona.get("persona").asText();
        String token = api.register(name);
        tokens.put(name, token);
        idsByPersona.put(name, load(persona, token));
        System.out.printf("[eval] loaded %s: %d artifacts%n", name, idsByPersona.get(name).size());
      }
    }
    for (String token : tokens.values()) {
      api.awaitEmbedded(token);
    }
    // The model's cost: from the first artifact sent to the last one embedded (the worker embeds
    // while the personas load), per artifact. On a shared machine this includes waiting for CPU.
    double embedSeconds = (System.nanoTime() - loading) / 1e9;
    int artifactCount = idsByPersona.values().stream().mapToInt(Map::size).sum();
    System.out.printf(
        "[eval] all %d artifacts embedded in %.1f s (%.0f ms per artifact, load included)%n",
        artifactCount, embedSeconds, embedSeconds * 1000 / artifactCount);

    JsonNode jobs = JSON.readTree(set.resolve("jobs.json").toFile());
    List<JobScores> scores = new ArrayList<>();
    List<CrossValidation.Posting> postings = new ArrayList<>();
    List<GradedSimilarity> similarities = new ArrayList<>();
    for (JsonNode job : jobs) {
      String persona = job.get("persona").asText();
      Map<Long, String> names = new HashMap<>();
      idsByPersona.get(persona).forEach((label, id) -> names.put(id, label));
      Map<String, Integer> grades = new HashMap<>();
      job.get("labels")
          .fields()
          .forEachRemaining(e -> grades.put(e.getKey(), e.getValue().asInt()));
      for (String method : METHODS) {
        JsonNode result = rank(tokens.get(persona), job.get("description").asText(), method);
        List<String> ranking = new ArrayList<>();
        result
            .get("ranked_artifacts")
            .forEach(r -> ranking.add(names.get(r.get("artifact_id").asLong())));
        if (method.equals("hybrid")) {
          // Every candidate's two scores, so each fusion setting is replayed offline.
          List<Fusion.Candidate> candidates = new ArrayList<>();
          result
              .get("ranked_artifacts")
              .forEach(
                  r ->
                      candidates.add(
                          new Fusion.Candidate(
                              names.get(r.get("artifact_id").asLong()),
                              r.get("artifact_id").asLong(),
                              r.get("semantic_similarity").asDouble(),
                              r.get("keyword_match_score").asDouble())));
          postings.add(
              new CrossValidation.Posting(job.get("job_id").asText(), persona, candidates, grades));
        }
        scores.add(
            new JobScores(
                job.get("job_id").asText(),
                method,
                RankingMetrics.ndcg(ranking, grades, 5),
                RankingMetrics.ndcg(ranking, grades, 10),
                RankingMetrics.recall(ranking, grades, 10, 2),
                RankingMetrics.reciprocalRank(ranking, grades, 3)));
      }
      similarities.addAll(
          similarities(tokens.get(persona), job.get("description").asText(), names, grades));
    }
    List<RequirementOutcome> outcomes = new ArrayList<>();
    for (JsonNode job : jobs) {
      if (job.has("requirements")) {
        outcomes.addAll(
            coverage(
                job,
                tokens.get(job.get("persona").asText()),
                idsByPersona.get(job.get("persona").asText())));
      }
    }
    ObjectNode threshold = thresholdCalibration(similarities, verbose);
    new FitCalibration(api).run(jobs, tokens, idsByPersona); // docs/tailoring.md
    report(
        scores,
        jobs.size(),
        verbose,
        jsonOut,
        outcomes,
        threshold,
        CrossValidationReport.report(postings, requirementsByPersona, verbose));
  }

  /** An artifact's similar-search similarity to a posting, and its labelled grade. */
  record GradedSimilarity(double similarity, int grade) {}

  /** Similar search with the posting as query_text, no threshold, every artifact graded. */
  private List<GradedSimilarity> similarities(
      String token, String posting, Map<Long, String> names, Map<String, Integer> grades)
      throws Exception {
    JsonNode result =
        api.call(
            "POST",
            "api/v1/artifacts/search/similar",
            token,
            Map.of("query_text", posting, "limit", 100, "similarity_threshold", -1),
            200);
    List<GradedSimilarity> graded = new ArrayList<>();
    result
        .get("results")
        .forEach(
            r ->
                graded.add(
                    new GradedSimilarity(
                        r.get("similarity_score").asDouble(),
                        grades.getOrDefault(names.get(r.get("artifact_id").asLong()), 0))));
    return graded;
  }

  /**
   * Calibrates the model's default similar-search threshold: the highest threshold (in steps of
   * 0.05) that still keeps 95 % of the artifacts graded relevant (≥ 2), and how many of the
   * unrelated ones (grade 0) each threshold lets through.
   */
  private static ObjectNode thresholdCalibration(
      List<GradedSimilarity> similarities, boolean verbose) {
    ObjectNode node = JSON.createObjectNode();
    List<GradedSimilarity> relevant = similarities.stream().filter(g -> g.grade() >= 2).toList();
    List<GradedSimilarity> unrelated = similarities.stream().filter(g -> g.grade() == 0).toList();
    if (relevant.isEmpty() || unrelated.isEmpty()) {
      return node;
    }
    if (verbose) {
      System.out.printf("%n%-10s %18s %18s%n", "threshold", "relevant kept", "unrelated kept");
    }
    double suggested = 0;
    ArrayNode sweep = node.putArray("sweep");
    for (int step = 0; step <= 12; step++) {
      double t = step * 0.05;
      double keptRelevant = share(relevant, t);
      double keptUnrelated = share(unrelated, t);
      if (keptRelevant >= 0.95) {
        suggested = t;
      }
      sweep
          .addObject()
          .put("threshold", round(t))
          .put("relevant_kept", round(keptRelevant))
          .put("unrelated_kept", round(keptUnrelated));
      if (verbose) {
        System.out.printf(Locale.ROOT, "%-10.2f %18.3f %18.3f%n", t, keptRelevant, keptUnrelated);
      }
    }
    node.put("suggested", round(suggested));
    System.out.printf(
        Locale.ROOT,
        "%nsimilar-search threshold  suggested %.2f: keeps %.3f of relevant (grade >= 2) and %.3f"
            + " of unrelated (grade 0) artifacts   (%d + %d graded pairs)%n",
        suggested,
        share(relevant, suggested),
        share(unrelated, suggested),
        relevant.size(),
        unrelated.size());
    return node;
  }

  private static double share(List<GradedSimilarity> graded, double threshold) {
    return (double) graded.stream().filter(g -> g.similarity() >= threshold - 1e-9).count()
        / graded.size();
  }

  /** Creates the persona's artifacts; returns label id -> created id. */
  Map<String, Long> load(JsonNode persona, String token) throws Exception {
    Map<String, Long> ids = new LinkedHashMap<>();
    JsonNode profile = persona.get("profile");
    if (profile != null) {
      ObjectNode body = JSON.createObjectNode();
      for (String field : List.of("name", "headline", "email", "phone", "location", "summary")) {
        if (profile.hasNonNull(field)) {
          body.set(field, profile.get(field));
        }
      }
      api.call("PUT", "api/v1/me/profile", token, body, 200);
    }
    for (JsonNode artifact : persona.get("artifacts")) {
      ObjectNode body = JSON.createObjectNode();
      for (String field :
          List.of(
              "title",
              "artifact_type",
              "description",
              "content",
              "organization",
              "url",
              "started_on",
              "ended_on",
              "tags")) {
        if (artifact.hasNonNull(field)) {
          body.set(field, artifact.get(field));
        }
      }
      ids.put(
          artifact.get("id").asText(),
          api.call("POST", "api/v1/artifacts", token, body, 201).get("id").asLong());
    }
    return ids;
  }

  private JsonNode rank(String token, String posting, String method) throws Exception {
    return api.call(
        "POST",
        "api/v1/artifacts/rank",
        token,
        Map.of("job_description", posting, "ranking_method", method, "top_k", 100),
        200);
  }

  private static void report(
      List<JobScores> scores,
      int jobs,
      boolean verbose,
      Path jsonOut,
      List<RequirementOutcome> outcomes,
      ObjectNode similarityThreshold,
      ObjectNode crossValidated)
      throws IOException {
    if (verbose) {
      System.out.printf(
          "%n%-16s %-9s %7s %7s %9s %6s%n",
          "job", "method", "NDCG@5", "NDCG@10", "recall@10", "MRR");
      for (JobScores s : scores) {
        System.out.printf(
            Locale.ROOT,
            "%-16s %-9s %7.3f %7.3f %9.3f %6.3f%n",
            s.jobId(),
            s.method(),
            s.ndcg5(),
            s.ndcg10(),
            s.recall10(),
            s.mrr());
      }
    }
    ObjectNode methods = JSON.createObjectNode();
    System.out.printf(
        "%nas served (the shipped settings; chosen on ../shared/eval, so in-sample there)%n"
            + "%-9s %7s %7s %9s %6s   (%d jobs)%n",
        "method", "NDCG@5", "NDCG@10", "recall@10", "MRR", jobs);
    for (String method : METHODS) {
      List<JobScores> mine = scores.stream().filter(s -> s.method().equals(method)).toList();
      double ndcg5 = mine.stream().mapToDouble(JobScores::ndcg5).average().orElse(0);
      double ndcg10 = mine.stream().mapToDouble(JobScores::ndcg10).average().orElse(0);
      double recall = mine.stream().mapToDouble(JobScores::recall10).average().orElse(0);
      double mrr = mine.stream().mapToDouble(JobScores::mrr).average().orElse(0);
      System.out.printf(
          Locale.ROOT, "%-9s %7.3f %7.3f %9.3f %6.3f%n", method, ndcg5, ndcg10, recall, mrr);
      ObjectNode figures = methods.putObject(method);
      figures.put("ndcg_at_5", round(ndcg5));
      figures.put("ndcg_at_10", round(ndcg10));
      figures.put("recall_at_10", round(recall));
      figures.put("mrr", round(mrr));
    }
    ObjectNode coverage = JSON.createObjectNode();
    if (!outcomes.isEmpty()) {
      long truePositives =
          outcomes.stream().filter(o -> o.predictedCovered() && o.labelledCovered()).count();
      long predicted = outcomes.stream().filter(RequirementOutcome::predictedCovered).count();
      long labelled = outcomes.stream().filter(RequirementOutcome::labelledCovered).count();
      List<RequirementOutcome> withEvidence =
          outcomes.stream().filter(RequirementOutcome::labelledCovered).toList();
      double precision = predicted == 0 ? 1 : (double) truePositives / predicted;
      double recall = labelled == 0 ? 1 : (double) truePositives / labelled;
      double bestEvidence =
          withEvidence.isEmpty()
              ? 1
              : (double) withEvidence.stream().filter(RequirementOutcome::bestIsEvidence).count()
                  / withEvidence.size();
      System.out.printf(
          Locale.ROOT,
          "%ncoverage  precision %.3f  recall %.3f  best-evidence accuracy %.3f   (%d requirements)%n",
          precision,
          recall,
          bestEvidence,
          outcomes.size());
      coverage.put("precision", round(precision));
      coverage.put("recall", round(recall));
      coverage.put("best_evidence_accuracy", round(bestEvidence));
      if (verbose) {
        System.out.printf("%n%-10s %9s %7s%n", "threshold", "precision", "recall");
        for (double t = 0.30; t <= 0.601; t += 0.025) {
          final double threshold = t;
          long tp =
              outcomes.stream().filter(o -> o.score() >= threshold && o.labelledCovered()).count();
          long p = outcomes.stream().filter(o -> o.score() >= threshold).count();
          System.out.printf(
              Locale.ROOT,
              "%-10.3f %9.3f %7.3f%n",
              t,
              p == 0 ? 1.0 : (double) tp / p,
              labelled == 0 ? 1.0 : (double) tp / labelled);
        }
      }
    }
    if (jsonOut != null) {
      ObjectNode root = JSON.createObjectNode();
      root.set("methods", methods);
      if (!outcomes.isEmpty()) {
        root.set("coverage", coverage);
      }
      if (similarityThreshold.has("suggested")) {
        root.set("similarity_threshold", similarityThreshold);
      }
      root.set("leave_one_persona_out", crossValidated);
      root.put("jobs", jobs);
      JSON.writerWithDefaultPrettyPrinter().writeValue(jsonOut.toFile(), root);
      System.out.println("[eval] figures written to " + jsonOut);
    }
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
