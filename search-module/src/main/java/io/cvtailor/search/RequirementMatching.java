package io.cvtailor.search;

import java.util.List;

/** Matches a posting's requirements to a user's artifacts and sentences, with the active model. */
public interface RequirementMatching {

  /** A requirement of the posting and its embedding. */
  record Requirement(String text, float[] vector) {}

  /** The artifact whose passage answers the requirement best, and how well (cosine). */
  record Match(String text, Long bestArtifactId, double score) {}

  /** The posting's requirements (see {@link JobRequirements}), embedded. */
  List<Requirement> requirements(String posting);

  /** For each requirement, the best passage among all of the user's artifacts (exact search). */
  List<Match> bestEvidence(long userId, List<Requirement> requirements);

  /** For each sentence, its best cosine similarity to any of the requirements. */
  List<Double> relevance(List<String> sentences, List<Requirement> requirements);
}
