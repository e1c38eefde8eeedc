package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.kernel.db.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The rows of the embedding queue ({@code embeddings.embedding_jobs}): leasing jobs to a batch,
 * taking them back, and ending them. Every statement runs in its caller's transaction.
 */
@ApplicationScoped
class QueuedJobs {
  // Claimed by turn (migrations embeddings/V30, V31): users with queued work take turns, so one
  // user's large re-index never keeps another user's new artifact waiting behind it. Jobs another
  // worker is claiming right now are skipped, and so are jobs whose lease has not run out.
  static final String CLAIM_JOBS =
      """
      UPDATE embeddings.embedding_jobs
      SET claimed_by = CAST(?3 AS uuid), lease_until = now() + make_interval(secs => ?4)
      WHERE id IN (SELECT j.id FROM embeddings.embedding_jobs j
                   WHERE j.status = 'queued' AND j.model_version = ?1 AND j.run_after <= now()
                     AND (j.lease_until IS NULL OR j.lease_until <= now())
                   ORDER BY j.fair_turn, j.id
                   LIMIT ?2
                   FOR UPDATE SKIP LOCKED)
      RETURNING id, artifact_id, artifact_version, force_regenerate, attempts, user_id
      """;

  // The jobs still leased to the batch, locked with their artifacts in one statement and skipping
  // any that are taken: a request deleting an artifact (or an account) locks the artifact first and
  // its jobs next, so waiting here for the artifact while holding the job could deadlock with it.
  // The artifact is locked through the view the artifacts module publishes (a lock on a view locks
  // the rows of its table).
  static final String HOLD_LEASED =
      """
      SELECT j.id FROM embeddings.embedding_jobs j
      JOIN artifacts.embeddable_artifacts a ON a.user_id = j.user_id AND a.id = j.artifact_id
      WHERE j.claimed_by = CAST(?1 AS uuid)
      FOR UPDATE OF j SKIP LOCKED
      FOR NO KEY UPDATE OF a SKIP LOCKED
      """;

  // A leased job that settle could not lock (its artifact is being changed right now) is handed
  // back, so that a claim takes it again in a second instead of when the lease runs out (not at
  // once: the worker would call the model in a loop while the artifact stays locked).
  private static final String RELEASE_JOB =
      """
      UPDATE embeddings.embedding_jobs
      SET claimed_by = NULL, lease_until = now() + make_interval(secs => 1)
      WHERE id IN (SELECT id FROM embeddings.embedding_jobs
                   WHERE id = ?1 AND claimed_by = CAST(?2 AS uuid)
                   FOR UPDATE SKIP LOCKED)
      """;

  private static final String DELETE_JOB = "DELETE FROM embeddings.embedding_jobs WHERE id = ?1";

  private static final String RETRY_JOB =
      """
      UPDATE embeddings.embedding_jobs
      SET attempts = attempts + 1, last_error = ?2,
          run_after = now() + make_interval(secs => ?3), claimed_by = NULL, lease_until = NULL
      WHERE id = ?1
      """;

  private static final String FAIL_JOB =
      """
      UPDATE embeddings.embedding_jobs
      SET attempts = attempts + 1, last_error = ?2, status = 'failed',
          claimed_by = NULL, lease_until = NULL
      WHERE id = ?1
      """;

  // Jobs made redundant by an embedding stored outside the queue (skipping rows a worker holds).
  private static final String SETTLE_JOBS =
      """
      DELETE FROM embeddings.embedding_jobs
      WHERE id IN (SELECT id FROM embeddings.embedding_jobs
                   WHERE artifact_id = ?1 AND model_version = ?2 AND artifact_version <= ?3
                   FOR UPDATE SKIP LOCKED)
      """;

  /** One queued job as claimed: {@code attempts} is how many times it has failed so far. */
  record Job(long id, long artifactId, long version, boolean force, int attempts, long userId) {
    static Job of(Rows.Row row) {
      return new Job(
          row.getLong(0),
          row.getLong(1),
          row.getLong(2),
          row.getBoolean(3),
          row.getInt(4),
          row.getLong(5));
    }
  }

  @PersistenceContext(unitName = "embeddings")
  EntityManager em;

  /** Leases up to {@code limit} due jobs of the model to {@code token}. */
  public List<Job> claim(String model, int limit, UUID token, int leaseSeconds) {
    return Rows.list(
        em.createNativeQuery(CLAIM_JOBS)
            .setParameter(1, model)
            .setParameter(2, limit)
            .setParameter(3, token.toString())
            .setParameter(4, (double) leaseSeconds),
        Job::of);
  }

  /** Locks the jobs still leased to {@code token} (and their artifacts); returns their ids. */
  public Set<Long> holdLeased(UUID token) {
    return new HashSet<>(
        Rows.list(
            em.createNativeQuery(HOLD_LEASED).setParameter(1, token.toString()),
            row -> row.getLong(0)));
  }

  /** Hands a job leased to {@code token} back to the queue, due again in a second. */
  public void release(Job job, UUID token) {
    em.createNativeQuery(RELEASE_JOB)
        .setParameter(1, job.id())
        .setParameter(2, token.toString())
        .executeUpdate();
  }

  /** The job is done (or moot): it leaves the queue. */
  public void delete(Job job) {
    em.createNativeQuery(DELETE_JOB).setParameter(1, job.id()).executeUpdate();
  }

  /** One more failed attempt; the job is due again after {@code wait}. */
  public void retryAfter(Job job, String error, Duration wait) {
    em.createNativeQuery(RETRY_JOB)
        .setParameter(1, job.id())
        .setParameter(2, error)
        .setParameter(3, wait.toMillis() / 1000.0)
        .executeUpdate();
  }

  /** One more failed attempt, the last: the job stays in the queue as {@code failed}. */
  public void fail(Job job, String error) {
    em.createNativeQuery(FAIL_JOB).setParameter(1, job.id()).setParameter(2, error).executeUpdate();
  }

  /** Deletes the artifact's jobs up to {@code version}, made moot by vectors stored directly. */
  public void settleUpTo(long artifactId, String model, long version) {
    em.createNativeQuery(SETTLE_JOBS)
        .setParameter(1, artifactId)
        .setParameter(2, model)
        .setParameter(3, version)
        .executeUpdate();
  }
}
