package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.Reindexing;
import io.cvtailor.kernel.NotFoundException;
import io.cvtailor.kernel.db.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * A re-index queues one job per artifact of the user, tagged with the run's id; the ordinary worker
 * does the work (artifacts whose text is already embedded with the active model cost no model
 * call). Progress is read from the queue: jobs still queued are pending, failed ones are failed,
 * the rest are done.
 */
@ApplicationScoped
public class DefaultReindexing implements Reindexing {
  private static final String CREATE_RUN =
      """
      INSERT INTO embeddings.reindex_runs (user_id, model_version, total)
      SELECT ?1, ?2, count(*) FROM artifacts.embeddable_artifacts WHERE user_id = ?1
      RETURNING id
      """;

  // One re-index per user at a time: concurrent requests queue up here (transaction-scoped lock).
  private static final String LOCK_USER =
      "SELECT pg_advisory_xact_lock(hashtextextended('embeddings.reindex:' || ?1, 0))";

  private static final String RUNNING =
      """
      SELECT r.id FROM embeddings.reindex_runs r
      WHERE r.user_id = ?1 AND r.model_version = ?2
        AND EXISTS (SELECT 1 FROM embeddings.embedding_jobs j
                    WHERE j.reindex_id = r.id AND j.status = 'queued')
      ORDER BY r.created_at DESC
      LIMIT 1
      """;

  // Jobs already queued for the user's artifacts join the run instead of being queued twice; the
  // rest are queued (their user and turn come from the trigger of migrations embeddings/V30-31).
  // Nothing here waits for the worker: the jobs it is embedding right now (locked) are skipped, and
  // their artifacts get no second job (they are being embedded already).
  private static final String ENQUEUE_ALL =
      """
      WITH adopted AS (
        UPDATE embeddings.embedding_jobs SET reindex_id = CAST(?3 AS uuid)
        WHERE id IN (SELECT id FROM embeddings.embedding_jobs
                     WHERE user_id = ?1 AND model_version = ?2 AND status = 'queued'
                     FOR UPDATE SKIP LOCKED)
        RETURNING artifact_id
      )
      INSERT INTO embeddings.embedding_jobs
          (artifact_id, artifact_version, model_version, reindex_id, user_id)
      SELECT a.id, a.version, ?2, CAST(?3 AS uuid), a.user_id FROM artifacts.embeddable_artifacts a
      WHERE a.user_id = ?1
        -- queued before this statement (adopted above, or held by the worker): not again
        AND NOT EXISTS (SELECT 1 FROM embeddings.embedding_jobs q
                        WHERE q.user_id = ?1 AND q.artifact_id = a.id AND q.model_version = ?2
                          AND q.status = 'queued')
      ORDER BY a.id
      """;

  // The artifacts without current vectors for this model; ArtifactCatalog marks them pending
  // (skipping any the worker is recording an outcome for right now: it sets their status itself).
  private static final String NOT_EMBEDDED =
      """
      SELECT a.id FROM artifacts.embeddable_artifacts a
      WHERE a.user_id = ?1 AND a.embedding_status <> 'pending'
        AND NOT EXISTS (SELECT 1 FROM embeddings.artifact_embeddings e
                        WHERE e.user_id = ?1 AND e.artifact_id = a.id AND e.model_version = ?2
                          AND e.content_hash = a.content_hash)
      """;

  // Pending counts every queued job of the user for the run's model, not only the run's own: the
  // jobs the worker held when the run started were neither adopted nor queued again, and a run
  // that counted only its own jobs read "completed" while those were still being embedded.
  private static final String PROGRESS =
      """
      SELECT r.model_version, r.total,
             (SELECT count(*) FROM embeddings.embedding_jobs q
              WHERE q.user_id = r.user_id AND q.model_version = r.model_version
                AND q.status = 'queued'),
             (SELECT count(*) FROM embeddings.embedding_jobs j
              WHERE j.reindex_id = r.id AND j.status = 'failed')
      FROM embeddings.reindex_runs r
      WHERE r.id = CAST(?1 AS uuid) AND r.user_id = ?2
      """;

  @PersistenceContext(unitName = "embeddings")
  EntityManager em;

  @Inject EmbeddingProvider provider;
  @Inject EmbeddingWorker worker;
  @Inject ArtifactCatalog catalog;

  /** Fired after the run's jobs commit, to wake the worker. */
  record RunQueued(UUID id) {}

  @Inject jakarta.enterprise.event.Event<RunQueued> queued;

  @Override
  @Transactional
  public UUID start(long userId) {
    em.createNativeQuery(LOCK_USER).setParameter(1, String.valueOf(userId)).getSingleResult();
    @SuppressWarnings("unchecked")
    List<Object> running =
        em.createNativeQuery(RUNNING)
            .setParameter(1, userId)
            .setParameter(2, provider.modelId())
            .getResultList();
    if (!running.isEmpty()) {
      // A second request while one runs gets the running one: nothing is queued twice.
      return (UUID) running.get(0);
    }
    UUID id =
        (UUID)
            em.createNativeQuery(CREATE_RUN)
                .setParameter(1, userId)
                .setParameter(2, provider.modelId())
                .getSingleResult();
    em.createNativeQuery(ENQUEUE_ALL)
        .setParameter(1, userId)
        .setParameter(2, provider.modelId())
        .setParameter(3, id.toString())
        .executeUpdate();
    // Only artifacts without current vectors for this model change status; the rest stay ready.
    @SuppressWarnings("unchecked")
    List<Number> notEmbedded =
        em.createNativeQuery(NOT_EMBEDDED)
            .setParameter(1, userId)
            .setParameter(2, provider.modelId())
            .getResultList();
    catalog.markEmbeddingPending(userId, notEmbedded.stream().map(Number::longValue).toList());
    queued.fire(new RunQueued(id));
    return id;
  }

  void wakeWorker(@Observes(during = TransactionPhase.AFTER_SUCCESS) RunQueued run) {
    worker.wake();
  }

  @Override
  @Transactional
  public Progress progress(long userId, UUID jobId) {
    return Rows.first(
            em.createNativeQuery(PROGRESS)
                .setParameter(1, jobId.toString())
                .setParameter(2, userId),
            row -> progress(jobId, row))
        .orElseThrow(() -> new NotFoundException("re-index job " + jobId));
  }

  /** A row of {@code PROGRESS}: model, total, pending and failed jobs. */
  private static Progress progress(UUID jobId, Rows.Row row) {
    long total = row.getLong(1);
    long pending = row.getLong(2);
    long failed = row.getLong(3);
    long done = Math.max(0, total - pending - failed);
    String status = pending > 0 ? "running" : failed > 0 ? "completed_with_failures" : "completed";
    return new Progress(jobId, row.getString(0), status, done, total, failed);
  }
}
