package io.cvtailor.search;

import java.util.List;

/** Similar artifacts, best first, and how the query ran. */
public record SimilarResult(List<Match> results, QueryInfo queryInfo) {

  /** One artifact found: its similarity (higher is better) and the operator's raw distance. */
  public record Match(
      long artifactId, double similarityScore, double distance, ArtifactSummary artifact) {}

  public record ArtifactSummary(String title, String type, String description) {}

  public record QueryInfo(String method, long totalCandidates, double processingTimeMs) {}
}
