package io.cvtailor.search;

import java.util.List;

/**
 * Rank the user's artifacts (or only {@code artifactIds}, when given) against a job posting. With
 * {@code explain} false the result carries scores only (no explanation, evidence or keywords): a
 * caller that ranks many artifacts to pick a few asks for the few's explanations afterwards, so the
 * passages of every candidate are never read.
 */
public record RankQuery(
    long userId,
    String jobDescription,
    List<Long> artifactIds,
    RankingMethod method,
    int topK,
    boolean explain) {

  /** With explanations. */
  public RankQuery(
      long userId, String jobDescription, List<Long> artifactIds, RankingMethod method, int topK) {
    this(userId, jobDescription, artifactIds, method, topK, true);
  }
}
