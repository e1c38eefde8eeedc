package io.cvtailor.measure.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.documents.fixtures.EntryMatching;
import io.cvtailor.measure.app.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ./cvtailor eval --imports DIR}: uploads every labelled document of DIR ({@code NAME.EXT}
 * beside {@code NAME.labels.json}: {@code {media_type, layout, labels: [{artifact_type, title,
 * organization, started_on, ended_on}]}}) to {@code POST /api/v1/imports} of a real cvtailor and
 * scores the proposals: entries found (precision and recall; an entry is found when a proposed item
 * has the same title, or shares at least half of its words) and, over the entries found,
 * exact-match accuracy of type, title, organization, start and end (case and whitespace aside) —
 * the matching of {@link EntryMatching}, which the tests that score imports use too. Figures per
 * layout and overall.
 */
final class ImportEval {
  private static final ObjectMapper JSON = ApiClient.JSON;
  static final List<String> FIELDS =
      List.of("artifact_type", "title", "organization", "started_on", "ended_on");

  /** Counts for one group of documents. */
  static final class Score {
    int labels;
    int proposed;
    int found;
    final Map<String, Integer> correct = new LinkedHashMap<>();

    void add(Score other) {
      labels += other.labels;
      proposed += other.proposed;
      found += other.found;
      other.correct.forEach((k, v) -> correct.merge(k, v, Integer::sum));
    }

    double recall() {
      return labels == 0 ? 0 : (double) found / labels;
    }

    double precision() {
      return proposed == 0 ? 0 : (double) found / proposed;
    }

    double accuracy(String field) {
      return found == 0 ? 0 : (double) correct.getOrDefault(field, 0) / found;
    }
  }

  private final ApiClient api;

  ImportEval(ApiClient api) {
    this.api = api;
  }

  void run(Path dir, boolean verbose, Path jsonOut) throws Exception {
    List<Path> labelFiles;
    try (Stream<Path> files = Files.list(dir)) {
      labelFiles = files.filter(f -> f.toString().endsWith(".labels.json")).sorted().toList();
    }
    if (labelFiles.isEmpty()) {
      throw new IllegalArgumentException(dir + " has no *.labels.json files");
    }
    String token = api.register("imports-eval");
    Map<String, Score> byLayout = new LinkedHashMap<>();
    Score all = new Score();
    ArrayNode documents = JSON.createArrayNode();
    for (Path labelsFile : labelFiles) {
      JsonNode labelled = JSON.readTree(labelsFile.toFile());
      String base = labelsFile.getFileName().toString().replace(".labels.json", "");
      Path document = dir.resolve(labelled.get("file").asText());
      long started = System.nanoTime();
      JsonNode proposal =
          api.upload(
              "api/v1/imports",
              token,
              Files.readAllBytes(document),
              labelled.get("media_type").asText(),
              201);
      long millis = (System.nanoTime() - started) / 1_000_000;
      Score score = score(labelled.get("labels"), proposal.get("items"), verbose ? base : null);
      byLayout.computeIfAbsent(labelled.get("layout").asText(), k -> new Score()).add(score);
      all.add(score);
      System.out.printf(
          Locale.ROOT,
          "[eval] %-32s labels %3d proposed %3d found %3d  (%d ms)%n",
          base,
          score.labels,
          score.proposed,
          score.found,
          millis);
      ObjectNode d = documents.addObject();
      d.put("document", base);
      d.put("labels", score.labels);
      d.put("proposed", score.proposed);
      d.put("found", score.found);
      d.put("ms", millis);
    }
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "%-14s %6s %6s %8s %9s %6s %6s %6s %6s %6s%n",
        "layout",
        "docs",
        "labels",
        "recall",
        "precision",
        "type",
        "title",
        "org",
        "start",
        "end");
    ObjectNode json = JSON.createObjectNode();
    ObjectNode layouts = json.putObject("layouts");
    Map<String, Integer> docs = new LinkedHashMap<>();
    for (Path labelsFile : labelFiles) {
      docs.merge(JSON.readTree(labelsFile.toFile()).get("layout").asText(), 1, Integer::sum);
    }
    for (Map.Entry<String, Score> e : byLayout.entrySet()) {
      print(e.getKey(), docs.get(e.getKey()), e.getValue());
      layouts.set(e.getKey(), toJson(e.getValue()));
    }
    print("all", labelFiles.size(), all);
    json.set("all", toJson(all));
    json.set("documents", documents);
    if (jsonOut != null) {
      JSON.writerWithDefaultPrettyPrinter().writeValue(jsonOut.toFile(), json);
      System.out.println("[eval] figures written to " + jsonOut);
    }
  }

  private static void print(String name, int docs, Score s) {
    System.out.printf(
        Locale.ROOT,
        "%-14s %6d %6d %8.3f %9.3f %6.3f %6.3f %6.3f %6.3f %6.3f%n",
        name,
        docs,
        s.labels,
        s.recall(),
        s.precision(),
        s.accuracy("artifact_type"),
        s.accuracy("title"),
        s.accuracy("organization"),
        s.accuracy("started_on"),
        s.accuracy("ended_on"));
  }

  private static ObjectNode toJson(Score s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("labels", s.labels);
    o.put("proposed", s.proposed);
    o.put("found", s.found);
    o.put("recall", s.recall());
    o.put("precision", s.precision());
    ObjectNode accuracy = o.putObject("accuracy");
    for (String field : FIELDS) {
      accuracy.put(field, s.accuracy(field));
    }
    return o;
  }

  /**
   * Matches labels to proposed items the way every import scorer does ({@link EntryMatching}: same
   * title first, then most shared words, at least half) and counts the fields that agree.
   */
  static Score score(JsonNode labels, JsonNode items, String verboseName) {
    Score score = new Score();
    score.labels = labels.size();
    score.proposed = items.size();
    List<String> labelTitles = new ArrayList<>();
    labels.forEach(l -> labelTitles.add(text(l, "title")));
    List<String> itemTitles = new ArrayList<>();
    items.forEach(i -> itemTitles.add(text(i, "title")));
    int[] matched = EntryMatching.match(labelTitles, itemTitles);
    for (int l = 0; l < labels.size(); l++) {
      JsonNode label = labels.get(l);
      if (matched[l] < 0) {
        if (verboseName != null) {
          System.out.println("[eval]   " + verboseName + " missed: " + label);
        }
        continue;
      }
      score.found++;
      JsonNode item = items.get(matched[l]);
      for (String field : FIELDS) {
        if (EntryMatching.same(text(label, field), text(item, field))) {
          score.correct.merge(field, 1, Integer::sum);
        } else if (verboseName != null) {
          System.out.printf(
              "[eval]   %s %s: expected \"%s\", proposed \"%s\"%n",
              verboseName, field, text(label, field), text(item, field));
        }
      }
    }
    if (verboseName != null) {
      for (int i : EntryMatching.unmatched(matched, items.size())) {
        System.out.println("[eval]   " + verboseName + " extra: " + items.get(i).get("title"));
      }
    }
    return score;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
