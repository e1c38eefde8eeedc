package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactCreated;
import io.cvtailor.artifacts.ArtifactDeleted;
import io.cvtailor.artifacts.ArtifactUpdated;
import io.cvtailor.embeddings.EmbeddingProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Queues embedding work inside the transaction that changed the artifact, so the work commits or
 * rolls back with the change, and wakes the worker once that transaction has committed.
 */
@ApplicationScoped
public class EmbeddingQueue {
  static final String ENQUEUE =
      """
      INSERT INTO embeddings.embedding_jobs
          (artifact_id, user_id, artifact_version, model_version, force_regenerate, reindex_id)
      VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS uuid))
      """;

  // The queue is a plain table with no key into artifacts (Citus: a local table may not reference
  // a distributed one, embeddings/V90), so a deleted artifact's jobs are deleted here, in the
  // deleting transaction, after the artifact (the order the cascade had).
  private static final String FORGET_ARTIFACT =
      "DELETE FROM embeddings.embedding_jobs WHERE user_id = ?1 AND artifact_id = ?2";

  // A job for every artifact whose current text the model has not embedded yet (a new model, or
  // stale vectors after a migration). Start-up maintenance: it reads every user.
  private static final String BACKFILL =
      """
      -- fans out: start-up maintenance over every artifact of every user
      INSERT INTO embeddings.embedding_jobs (artifact_id, user_id, artifact_version, model_version)
      SELECT a.id, a.user_id, a.version, ?1 FROM artifacts.embeddable_artifacts a
      WHERE NOT EXISTS (SELECT 1 FROM embeddings.artifact_embeddings e
                        WHERE e.user_id = a.user_id AND e.artifact_id = a.id
                          AND e.model_version = ?1 AND e.content_type = 'full'
                          AND e.content_hash = a.content_hash)
        AND NOT EXISTS (SELECT 1 FROM embeddings.embedding_jobs j
                        WHERE j.artifact_id = a.id AND j.model_version = ?1)
      RETURNING user_id, artifact_id
      """;

  private static final String NO_STATEMENT_TIMEOUT =
      "SELECT set_config('statement_timeout', '0', true)";

  @PersistenceContext(unitName = "embeddings")
  EntityManager em;

  @Inject EmbeddingProvider provider;
  @Inject EmbeddingWorker worker;
  @Inject ArtifactCatalog catalog;

  void onCreated(@Observes ArtifactCreated created) {
    enqueue(created.userId(), created.artifactId(), created.version(), false, null);
  }

  void onUpdated(@Observes ArtifactUpdated updated) {
    if (updated.contentChanged()) {
      enqueue(updated.userId(), updated.artifactId(), updated.version(), false, null);
    }
  }

  void onDeleted(@Observes ArtifactDeleted deleted) {
    em.createNativeQuery(FORGET_ARTIFACT)
        .setParameter(1, deleted.userId())
        .setParameter(2, deleted.artifactId())
        .executeUpdate();
  }

  void wakeAfterCreate(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArtifactCreated created) {
    worker.wake();
  }

  void wakeAfterUpdate(@Observes(during = TransactionPhase.AFTER_SUCCESS) ArtifactUpdated updated) {
    worker.wake();
  }

  /** Adds a job in the caller's transaction. */
  public void enqueue(long userId, long artifactId, long version, boolean force, String reindexId) {
    em.createNativeQuery(ENQUEUE)
        .setParameter(1, artifactId)
        .setParameter(2, userId)
        .setParameter(3, version)
        .setParameter(4, provider.modelId())
        .setParameter(5, force)
        .setParameter(6, reindexId)
        .executeUpdate();
  }

  /**
   * Queues every artifact the active model has not embedded in its current version and marks them
   * pending through the artifacts module, in one transaction (a worker never sees the jobs before
   * the marks, so it cannot finish one and then have it marked pending again). Start-up maintenance
   * over every artifact: no statement timeout. Returns how many were queued.
   */
  @Transactional
  public int backfill() {
    em.createNativeQuery(NO_STATEMENT_TIMEOUT).getSingleResult();
    @SuppressWarnings("unchecked")
    List<Object[]> queued =
        em.createNativeQuery(BACKFILL).setParameter(1, provider.modelId()).getResultList();
    Map<Long, List<Long>> byUser = new TreeMap<>();
    for (Object[] row : queued) {
      byUser
          .computeIfAbsent(((Number) row[0]).longValue(), user -> new ArrayList<>())
          .add(((Number) row[1]).longValue());
    }
    byUser.forEach(catalog::markEmbeddingPending);
    return queued.size();
  }
}
