package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.embeddings.EmbeddingProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * One model call for the texts of several artifacts, and, when it fails, one call per artifact: a
 * single bad artifact (too long for the model, rejected by a provider's filter) must not hold back
 * the others of its batch.
 */
final class BatchEmbedding {
  private BatchEmbedding() {}

  /** An artifact's plan to embed. */
  record Pending(long artifactId, EmbeddingPlan plan) {}

  /** What the model gave for one artifact: vectors for its plan, or the failure. */
  record Outcome(
      long artifactId, EmbeddingPlan plan, List<float[]> vectors, RuntimeException failure) {}

  /** The outcome of each pending artifact, in order. */
  static List<Outcome> embed(EmbeddingProvider provider, List<Pending> pending) {
    List<Outcome> outcomes = new ArrayList<>(pending.size());
    if (pending.isEmpty()) {
      return outcomes;
    }
    List<String> texts = new ArrayList<>();
    pending.forEach(p -> texts.addAll(p.plan().allTexts()));
    List<float[]> vectors;
    try {
      vectors = provider.embed(texts);
    } catch (RuntimeException batchFailure) {
      if (pending.size() == 1) {
        Pending only = pending.get(0);
        return List.of(new Outcome(only.artifactId(), only.plan(), null, batchFailure));
      }
      for (Pending p : pending) {
        try {
          outcomes.add(
              new Outcome(p.artifactId(), p.plan(), provider.embed(p.plan().allTexts()), null));
        } catch (RuntimeException e) {
          outcomes.add(new Outcome(p.artifactId(), p.plan(), null, e));
        }
      }
      return outcomes;
    }
    int offset = 0;
    for (Pending p : pending) {
      int count = p.plan().allTexts().size();
      outcomes.add(
          new Outcome(p.artifactId(), p.plan(), vectors.subList(offset, offset + count), null));
      offset += count;
    }
    return outcomes;
  }
}
