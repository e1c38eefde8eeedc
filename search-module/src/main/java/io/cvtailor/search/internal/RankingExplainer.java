package io.cvtailor.search.internal;

import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.kernel.Deadline;
import io.cvtailor.kernel.text.Sentences;
import io.cvtailor.search.RankResult.Evidence;
import io.cvtailor.search.RequirementMatching;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
      FROM embeddings.artifact_embeddings
      WHERE artifact_id = ANY (CAST(?1 AS bigint[])) AND model_version = ?2 AND content_type = 'chunk'
      ORDER BY artifact_id, chunk_ordinal
      """;

  private static final String STEMS =
      """
      SELECT w, array_to_string(tsvector_to_array(to_tsvector('english', w)), ' ')
      FROM unnest(CAST(?1 AS text[])) AS w
      """;

  @PersistenceContext(unitName = "search")
  EntityManager em;

  @Inject RequirementMatching matching;
  @Inject EmbeddingPipeline pipeline;

  /** The explanation of one artifact. */
  public record Explanation(String text, List<Evidence> evidence, List<String> keywords) {
    /** For a ranking asked without explanations. */
    static final Explanation NONE = new Explanation(null, List.of(), List.of());
  }

  /** A word of the posting (lower case) and where it first occurs. */
  private record Surface(String word, int position) {}

  private record Chunk(String text, float[] vector) {}

  public Map<Long, Explanation> explain(
      String posting, List<Long> artifactIds, Map<Long, List<String>> matchedStems) {
    Map<Long, Explanation> result = new HashMap<>();
    if (artifactIds.isEmpty()) {
      return result;
    }
    List<RequirementMatching.Requirement> embedded = matching.requirements(posting);
    List<String> requirements =
        embedded.stream().map(RequirementMatching.Requirement::text).toList();
    List<float[]> requirementVectors =
        embedded.stream().map(RequirementMatching.Requirement::vector).toList();
    Map<Long, List<Chunk>> chunks = chunksOf(artifactIds);
    Map<String, Surface> surfaceByStem = surfaceWords(posting);
    for (long id : artifactIds) {
      Deadline.checkCurrent();
      List<Evidence> evidence =
          evidence(requirements, requirementVectors, chunks.getOrDefault(id, List.of()));
      // Positions were found in the one pass over the posting: no scan per comparison.
      List<String> keywords =
          matchedStems.getOrDefault(id, List.of()).stream()
              .map(surfaceByStem::get)
              .filter(w -> w != null)
              .distinct()
              .sorted(Comparator.comparingInt(Surface::position))
              .limit(MAX_KEYWORDS)
              .map(Surface::word)
              .toList();
      result.put(
          id,
          new Explanation(text(evidence, keywords, chunks.containsKey(id)), evidence, keywords));
    }
    return result;
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

  /** The sentence of the passage sharing most words with the requirement (the headline skipped). */
  static String bestSentence(String chunkText, String requirement) {
    int newline = chunkText.indexOf('\n');
    String body = newline >= 0 ? chunkText.substring(newline + 1) : chunkText;
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
    String passage = best == null ? body.strip() : best;
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

  private static String text(List<Evidence> evidence, List<String> keywords, boolean embedded) {
    StringBuilder text = new StringBuilder();
    if (!evidence.isEmpty()) {
      Evidence top = evidence.get(0);
      text.append("Answers \"")
          .append(top.requirement())
          .append("\" (similarity ")
          .append(String.format(Locale.ROOT, "%.2f", top.similarity()))
          .append("): \"")
          .append(top.passage())
          .append("\"");
      if (evidence.size() > 1) {
        text.append(". Also relates to \"").append(evidence.get(1).requirement()).append("\"");
      }
      text.append('.');
    } else if (!embedded) {
      text.append("Not embedded yet, so only its words were compared.");
    }
    if (!keywords.isEmpty()) {
      text.append(text.length() > 0 ? " " : "")
          .append("Shares the posting's terms: ")
          .append(String.join(", ", keywords))
          .append('.');
    } else if (text.length() > 0) {
      text.append(" Shares none of the posting's key terms.");
    } else {
      text.append("Neither its passages nor its words match the posting.");
    }
    return text.toString();
  }

  private Map<Long, List<Chunk>> chunksOf(List<Long> artifactIds) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(CHUNKS)
            .setParameter(
                1,
                artifactIds.stream()
                    .map(String::valueOf)
                    .collect(Collectors.joining(",", "{", "}")))
            .setParameter(2, pipeline.activeModel())
            .getResultList();
    Map<Long, List<Chunk>> chunks = new LinkedHashMap<>();
    for (Object[] row : rows) {
      chunks
          .computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
          .add(new Chunk((String) row[1], Vectors.fromText((String) row[2])));
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
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(STEMS)
            .setParameter(
                1,
                words.stream().map(w -> "\"" + w + "\"").collect(Collectors.joining(",", "{", "}")))
            .getResultList();
    for (Object[] row : rows) {
      String stems = (String) row[1];
      if (stems != null) {
        for (String stem : stems.split(" ")) {
          if (!stem.isBlank()) {
            String word = (String) row[0];
            byStem.putIfAbsent(stem, new Surface(word, firstPosition.get(word)));
          }
        }
      }
    }
    return byStem;
  }
}
