package io.cvtailor.embeddings;

/** How many artifacts have current embeddings for the active model. */
public interface EmbeddingCoverage {

  /** Counts for one user, or for everyone when {@code userId} is null. */
  Coverage of(Long userId);

  record Coverage(String model, long artifacts, long ready, long pending, long failed) {
    /** Share of artifacts with ready embeddings (1.0 when there are none). */
    public double share() {
      return artifacts == 0 ? 1.0 : (double) ready / artifacts;
    }
  }
}
