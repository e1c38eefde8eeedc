package io.cvtailor.search;

/** Ranks a user's artifacts against a job posting, with explanations. */
public interface ArtifactRanking {
  RankResult rank(RankQuery query);
}
