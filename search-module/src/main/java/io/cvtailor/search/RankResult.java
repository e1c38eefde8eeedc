package io.cvtailor.search;

import java.util.List;
import java.util.Map;

/**
 * Ranked artifacts, best first, per the seed's rank response, plus {@code fit}: the best fit among
 * them on the fixed scale ({@link Fit}), i.e. how well the person fits the posting at all (null
 * when asked without explanations).
 */
public record RankResult(
    List<RankedArtifact> rankedArtifacts,
    boolean jobEmbeddingGenerated,
    Map<String, Object> processingMetadata,
    Fit fit) {

  /**
   * One artifact's scores (each in 0..1) and why it matters: the posting requirement it answers
   * best, with the artifact's sentence that answers it, and the posting's words it contains. The
   * scores order the list (relative: the top item of a method is near 1 whatever it is); {@code
   * fit} says how well it fits on the fixed scale, the same for every method (null when asked
   * without explanations).
   */
  public record RankedArtifact(
      long artifactId,
      double relevanceScore,
      double semanticSimilarity,
      double keywordMatchScore,
      String explanation,
      List<Evidence> evidence,
      List<String> matchedKeywords,
      Fit fit) {}

  /** A requirement (or phrase) of the posting and the artifact passage that matches it. */
  public record Evidence(String requirement, String passage, double similarity) {}
}
