package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.artifacts.ArtifactCreated;
import io.cvtailor.artifacts.ArtifactUpdated;
import io.cvtailor.embeddings.EmbeddingProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Queues embedding work inside the transaction that changed the artifact, so the work commits or
 * rolls back with the change, and wakes the worker once that transaction has committed.
 */
@ApplicationScoped
public class EmbeddingQueue {
  static final String ENQUEUE =
      """
      INSERT INTO embeddings.embedding_jobs
          (artifact_id, artifact_version, model_version, force_regenerate, reindex_id)
      VALUES (?1, ?2, ?3, ?4, CAST(?5 AS uuid))
      """;

  @PersistenceContext(unitName = "embeddings")
  EntityManager em;

  @Inject EmbeddingProvider provider;
  @Inject EmbeddingWorker worker;

  void onCreated(@Observes ArtifactCreated created) {
    enqueue(created.artifactId(), created.version(), false, null);
  }

  void onUpdated(@Observes ArtifactUpdated updated) {
    if (updated.contentChanged()) {
      enqueue(updated.artifactId(), updated.version(), false, null);
    }
  }

  void wakeAfterCreate(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArtifactCreated created) {
    worker.wake();
  }

  void wakeAfterUpdate(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArtifactUpdated updated) {
    worker.wake();
  }

  /** Adds a job in the caller's transaction. */
  public void enqueue(long artifactId, long version, boolean force, String reindexId) {
    em.createNativeQuery(ENQUEUE)
        .setParameter(1, artifactId)
        .setParameter(2, version)
        .setParameter(3, provider.modelId())
        .setParameter(4, force)
        .setParameter(5, reindexId)
        .executeUpdate();
  }
}
