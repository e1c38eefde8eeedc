package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.embeddings.EmbeddingRetention;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

@ApplicationScoped
@Transactional
public class SqlEmbeddingRetention implements EmbeddingRetention {
  // A batch by ctid through the last_used_at index: one short statement whatever the table's size.
  private static final String FORGET_POSTINGS =
      """
      -- fans out: retention, by age over every user
      DELETE FROM embeddings.job_embeddings
      WHERE ctid IN (SELECT ctid FROM embeddings.job_embeddings
                     WHERE last_used_at < now() - make_interval(days => ?1)
                     LIMIT ?2)
      """;

  // A run still referenced by a queued job is in progress (its progress is read from those jobs).
  private static final String FORGET_RUNS =
      """
      -- fans out: retention, by age over every user
      DELETE FROM embeddings.reindex_runs
      WHERE (user_id, id) IN (SELECT r.user_id, r.id FROM embeddings.reindex_runs r
                   WHERE r.created_at < now() - make_interval(days => ?1)
                     AND NOT EXISTS (SELECT 1 FROM embeddings.embedding_jobs j
                                     WHERE j.reindex_id = r.id AND j.status = 'queued')
                   LIMIT ?2)
      """;

  @PersistenceContext(unitName = "embeddings")
  EntityManager em;

  @Override
  public int forgetUnusedPostingEmbeddings(int days, int limit) {
    return em.createNativeQuery(FORGET_POSTINGS)
        .setParameter(1, days)
        .setParameter(2, limit)
        .executeUpdate();
  }

  @Override
  public int forgetFinishedReindexRuns(int days, int limit) {
    return em.createNativeQuery(FORGET_RUNS)
        .setParameter(1, days)
        .setParameter(2, limit)
        .executeUpdate();
  }
}
