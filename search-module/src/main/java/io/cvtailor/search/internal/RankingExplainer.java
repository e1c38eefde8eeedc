package io.cvtailor.search.internal;

import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.kernel.Deadline;
import io.cvtailor.kernel.db.ReadRoute;
import io.cvtailor.kernel.db.Rows;
import io.cvtailor.kernel.text.Sentences;
import io.cvtailor.search.Fit;
import io.cvtailor.search.RankResult.Evidence;
import io.cvtailor.search.RequirementMatching;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Says why an artifact matters for a posting, in the person's own words: which requirement of the
 * posting its passages answer best (and the sentence that answers it), and which of the posting's
 * words it shares.
 */
@ApplicationScoped
public class RankingExplainer {
  private static final int EVIDENCE_PER_ARTIFACT = 2;
  private static final int MAX_KEYWORDS = 8;
  private static final Pattern WORD =
      Pattern.compile("[A-Za-z][A-Za-z0-9+#]*+(?:[.-][A-Za-z0-9+#]++)*+");

  private static final String CHUNKS =
      """
      SELECT artifact_id, source_text, CAST(embedding_vector AS text)
      FROM embeddings.artifact_vectors
      WHERE user_id = ?3 AND artifact_id = ANY (CAST(?1 AS bigint[])) AND model_version = ?2
        AND content_type = 'chunk'
      ORDER BY artifact_id, chunk_ordinal
      """;

  private static final String STEMS =
      """
      SELECT w, array_to_string(tsvector_to_array(to_tsvector('english', w)), ' ')
      FROM unnest(CAST(?1 AS text[])) AS w
      """;

  /**
   * Row 0: the stems of the filler stop-list; row n: the stems of the posting's n-th requirement
   * line. One statement, the database's own English stemmer (the one the keyword score uses).
   */
  private static final String LINE_STEMS =
      """
      SELECT l.ord, array_to_string(tsvector_to_array(to_tsvector('english', l.line)), ' ')
      FROM unnest(CAST(?1 AS text[])) WITH ORDINALITY AS l(line, ord)
      ORDER BY l.ord
      """;

  @PersistenceContext(unitName = "search")
  EntityManager em;

  /** The standby's copy (db.read-url), only for reads a stale-tolerant request routed there. */
  @PersistenceContext(unitName = "search-read")
  EntityManager readEm;

  private EntityManager em() {
    return ReadRoute.replica() ? readEm : em;
  }

  @Inject RequirementMatching matching;
  @Inject EmbeddingPipeline pipeline;

  /** The explanation of one artifact. */
  public record Explanation(String text, List<Evidence> evidence, List<String> keywords, Fit fit) {
    /** For a ranking asked without explanations. */
    static final Explanation NONE = new Explanation(null, List.of(), List.of(), null);
  }

  /** A word of the posting (lower case) and where it first occurs. */
  private record Surface(String word, int position) {}

  private record Chunk(String text, float[] vector) {}

  /** Why each of the user's {@code artifactIds} matters for the posting. */
  public Map<Long, Explanation> explain(
      long userId, String posting, List<Long> artifactIds, Map<Long, List<String>> matchedStems) {
    Map<Long, Explanation> result = new HashMap<>();
    if (artifactIds.isEmpty()) {
      return result;
    }
    List<RequirementMatching.Requirement> embedded = matching.requirements(posting);
    List<String> requirements =
        embedded.stream().map(RequirementMatching.Requirement::text).toList();
    List<float[]> requirementVectors =
        embedded.stream().map(RequirementMatching.Requirement::vector).toList();
    Map<Long, List<Chunk>> chunks = chunksOf(userId, artifactIds);
    Map<String, Surface> surfaceByStem = surfaceWords(posting);
    Set<String> content = contentStems(requirements.isEmpty() ? List.of(posting) : requirements);
    FitScale scale = scale();
    for (long id : artifactIds) {
      Deadline.checkCurrent();
      List<Evidence> evidence =
          evidence(requirements, requirementVectors, chunks.getOrDefault(id, List.of()));
      List<String> shared =
          matchedStems.getOrDefault(id, List.of()).stream().filter(content::contains).toList();
      // Positions were found in the one pass over the posting: no scan per comparison.
      List<String> keywords =
          shared.stream()
              .map(surfaceByStem::get)
              .filter(w -> w != null)
              .distinct()
              .sorted(Comparator.comparingInt(Surface::position))
              .limit(MAX_KEYWORDS)
              .map(Surface::word)
              .toList();
      double best = evidence.isEmpty() ? 0 : Math.max(0, evidence.get(0).similarity());
      double termShare =
          content.isEmpty() ? 0 : (double) new LinkedHashSet<>(shared).size() / content.size();
      Fit fit = scale.fit(best, termShare);
      result.put(
          id,
          new Explanation(
              text(evidence, keywords, chunks.containsKey(id), fit), evidence, keywords, fit));
    }
    return result;
  }

  /** The fit scale of the active model ({@code search.fit.scale.<model>}), MiniLM's otherwise. */
  FitScale scale() {
    return FitScale.forModel(pipeline.activeModel());
  }

  /** The posting's content stems (see {@link PlainTerms}) of its requirement lines. */
  private Set<String> contentStems(List<String> lines) {
    List<String> texts = new ArrayList<>(lines.size() + 1);
    texts.add(PlainTerms.FILLER);
    texts.addAll(lines);
    Set<String> filler = new HashSet<>();
    List<Set<String>> lineStems = new ArrayList<>();
    for (LineStems line :
        Rows.list(
            em().createNativeQuery(LINE_STEMS).setParameter(1, textArray(texts)), LineStems::of)) {
      if (line.ordinal() == 1) {
        filler = line.stems();
      } else {
        lineStems.add(line.stems());
      }
    }
    return PlainTerms.contentStems(filler, lineStems);
  }

  /** A PostgreSQL text[] literal: every element quoted, quotes and backslashes escaped. */
  static String textArray(List<String> texts) {
    return texts.stream()
        .map(t -> "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  /** The requirements this artifact answers best, each with the best sentence of its best chunk. */
  static List<Evidence> evidence(
      List<String> requirements, List<float[]> vectors, List<Chunk> chunks) {
    if (chunks.isEmpty() || requirements.isEmpty()) {
      return List.of();
    }
    List<Evidence> candidates = new ArrayList<>();
    for (int r = 0; r < requirements.size(); r++) {
      Chunk best = null;
      double bestSimilarity = -2;
      for (Chunk chunk : chunks) {
        double similarity = Vectors.cosine(vectors.get(r), chunk.vector());
        if (similarity > bestSimilarity) {
          bestSimilarity = similarity;
          best = chunk;
        }
      }
      candidates.add(
          new Evidence(
              requirements.get(r),
              bestSentence(best.text(), requirements.get(r)),
              Math.round(bestSimilarity * 1000) / 1000.0));
    }
    candidates.sort(Comparator.comparingDouble(Evidence::similarity).reversed());
    return candidates.subList(0, Math.min(EVIDENCE_PER_ARTIFACT, candidates.size()));
  }

  /**
   * The sentence of the passage sharing most words with the requirement, in the person's own words:
   * the headline and the "Tags: …" line the chunker adds are skipped (quoting them read as
   * "Leadership Tags: mentoring…"). A passage with nothing else quotes nothing.
   */
  static String bestSentence(String chunkText, String requirement) {
    int newline = chunkText.indexOf('\n');
    String body = newline >= 0 ? chunkText.substring(newline + 1) : "";
    StringBuilder own = new StringBuilder();
    for (String line : body.split("\n")) {
      if (!line.startsWith("Tags: ")) {
        own.append(line).append('\n');
      }
    }
    body = own.toString().strip();
    if (body.isEmpty()) {
      return null;
    }
    Set<String> wanted = words(requirement);
    String best = null;
    int bestOverlap = -1;
    for (String s : Sentences.of(body)) {
      if (s.length() < 3) {
        continue;
      }
      Set<String> shared = words(s);
      shared.retainAll(wanted);
      if (shared.size() > bestOverlap) {
        bestOverlap = shared.size();
        best = s;
      }
    }
    String passage = best == null ? body : best;
    return passage.length() > 300 ? passage.substring(0, 297) + "…" : passage;
  }

  private static Set<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      if (m.group().length() > 2) {
        words.add(m.group());
      }
    }
    return words;
  }

  /**
   * In plain words, with one notation: the fit level (never a percentage or a similarity next to
   * it), the requirement it comes closest to with the person's own sentence, and the posting's
   * words it shares (filler left out).
   */
  static String text(List<Evidence> evidence, List<String> keywords, boolean embedded, Fit fit) {
    StringBuilder text = new StringBuilder();
    text.append(
        switch (fit.level()) {
          case Fit.STRONG -> "Strong fit.";
          case Fit.PARTIAL -> "Partial fit.";
          case Fit.WEAK -> "Weak fit.";
          default -> "Unrelated to this posting.";
        });
    if (!evidence.isEmpty() && Fit.order(fit.level()) > 0) {
      Evidence top = evidence.get(0);
      text.append(" Closest to \"").append(top.requirement()).append('"');
      if (top.passage() != null) {
        text.append(": \"").append(top.passage()).append('"');
      }
      text.append('.');
    } else if (!embedded) {
      text.append(" Not embedded yet, so only its words were compared.");
    }
    if (!keywords.isEmpty()) {
      text.append(" Words in common with the posting: ")
          .append(String.join(", ", keywords))
          .append('.');
    } else {
      text.append(" No key words in common with the posting.");
    }
    return text.toString();
  }

  private Map<Long, List<Chunk>> chunksOf(long userId, List<Long> artifactIds) {
    List<StoredChunk> rows =
        Rows.list(
            em().createNativeQuery(CHUNKS)
                .setParameter(
                    1,
                    artifactIds.stream()
                        .map(String::valueOf)
                        .collect(Collectors.joining(",", "{", "}")))
                .setParameter(2, pipeline.activeModel())
                .setParameter(3, userId),
            row ->
                new StoredChunk(
                    row.getLong(0),
                    new Chunk(row.getString(1), Vectors.fromText(row.getString(2)))));
    Map<Long, List<Chunk>> chunks = new LinkedHashMap<>();
    for (StoredChunk row : rows) {
      chunks.computeIfAbsent(row.artifactId(), id -> new ArrayList<>()).add(row.chunk());
    }
    return chunks;
  }

  /**
   * Stem → the posting's own spelling of a word with that stem and where it first occurs. The
   * posting is lower-cased and scanned once.
   */
  private Map<String, Surface> surfaceWords(String posting) {
    Map<String, Integer> firstPosition = new LinkedHashMap<>();
    Matcher m = WORD.matcher(posting.toLowerCase(Locale.ROOT));
    while (m.find()) {
      firstPosition.putIfAbsent(m.group(), m.start());
    }
    Set<String> words = firstPosition.keySet();
    Map<String, Surface> byStem = new HashMap<>();
    if (words.isEmpty()) {
      return byStem;
    }
    List<WordStems> rows =
        Rows.list(
            em().createNativeQuery(STEMS)
                .setParameter(
                    1,
                    words.stream()
                        .map(w -> "\"" + w + "\"")
                        .collect(Collectors.joining(",", "{", "}"))),
            row -> new WordStems(row.getString(0), row.getString(1)));
    for (WordStems row : rows) {
      if (row.stems() != null) {
        for (String stem : row.stems().split(" ")) {
          if (!stem.isBlank()) {
            byStem.putIfAbsent(stem, new Surface(row.word(), firstPosition.get(row.word())));
          }
        }
      }
    }
    return byStem;
  }

  /** A row of {@code LINE_STEMS}: the line's ordinal (1 = the filler text) and its stems. */
  private record LineStems(int ordinal, Set<String> stems) {
    static LineStems of(Rows.Row row) {
      String stems = row.getString(1);
      return new LineStems(
          row.getInt(0),
          stems == null || stems.isBlank()
              ? new HashSet<>()
              : new HashSet<>(Arrays.asList(stems.split(" "))));
    }
  }

  /** A row of {@code CHUNKS}. */
  private record StoredChunk(long artifactId, Chunk chunk) {}

  /** A row of {@code STEMS}: a word and its stems separated by spaces (null when none). */
  private record WordStems(String word, String stems) {}
}
