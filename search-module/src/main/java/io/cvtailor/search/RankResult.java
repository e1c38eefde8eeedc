package io.cvtailor.search;

import java.util.List;
import java.util.Map;

/** Ranked artifacts, best first, per the seed's rank response. */
public record RankResult(
    List<RankedArtifact> rankedArtifacts,
    boolean jobEmbeddingGenerated,
    Map<String, Object> processingMetadata) {

  /**
   * One artifact's scores (each in 0..1) and why it matters: the posting requirement it answers
   * best, with the artifact's sentence that answers it, and the posting's words it contains.
   */
  public record RankedArtifact(
      long artifactId,
      double relevanceScore,
      double semanticSimilarity,
      double keywordMatchScore,
      String explanation,
      List<Evidence> evidence,
      List<String> matchedKeywords) {}

  /** A requirement (or phrase) of the posting and the artifact passage that matches it. */
  public record Evidence(String requirement, String passage, double similarity) {}
}
