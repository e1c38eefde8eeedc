package io.cvtailor.search;

import java.util.List;

/** Matches a posting's requirements to a user's artifacts and sentences, with the active model. */
public interface RequirementMatching {

  /** A requirement of the posting and its embedding. */
  record Requirement(String text, float[] vector) {}

  /**
   * The artifact whose passage answers the requirement best, and how well: {@code score} is the
   * coverage score (nearest passages blended with the share of the requirement's key terms the
   * artifact names; "covered" is decided on it), {@code fit} the same evidence on the fixed fit
   * scale ({@link Fit}: the best artifact's nearest passage and its key-term share), so a
   * requirement reads in the words every artifact and posting reads in.
   */
  record Match(String text, Long bestArtifactId, double score, Fit fit) {}

  /** The posting's requirements (see {@link JobRequirements}), embedded. */
  List<Requirement> requirements(String posting);

  /** For each requirement, the best passage among all of the user's artifacts (exact search). */
  List<Match> bestEvidence(long userId, List<Requirement> requirements);

  /** For each sentence, its best cosine similarity to any of the requirements. */
  List<Double> relevance(List<String> sentences, List<Requirement> requirements);
}
