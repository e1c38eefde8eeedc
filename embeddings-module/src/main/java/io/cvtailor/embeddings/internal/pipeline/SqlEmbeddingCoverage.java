package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.embeddings.EmbeddingCoverage;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.kernel.db.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Ready means: the artifact's current text has a whole-artifact vector of the active model. */
@ApplicationScoped
public class SqlEmbeddingCoverage implements EmbeddingCoverage {
  private static final String COUNTS =
      """
      SELECT count(*),
             count(*) FILTER (WHERE EXISTS (
                 SELECT 1 FROM embeddings.artifact_embeddings e
                 WHERE e.user_id = a.user_id AND e.artifact_id = a.id AND e.model_version = ?1
                   AND e.content_type = 'full'
                   AND e.content_hash = a.content_hash)),
             count(*) FILTER (WHERE a.embedding_status = 'pending'),
             count(*) FILTER (WHERE a.embedding_status = 'failed')
      FROM artifacts.embeddable_artifacts a
      WHERE CAST(?2 AS bigint) IS NULL OR a.user_id = CAST(?2 AS bigint)
      """;

  @PersistenceContext(unitName = "embeddings")
  EntityManager em;

  @Inject EmbeddingProvider provider;

  @Override
  @Transactional
  public Coverage of(Long userId) {
    return Rows.single(
        em.createNativeQuery(COUNTS).setParameter(1, provider.modelId()).setParameter(2, userId),
        row ->
            new Coverage(
                provider.modelId(),
                row.getLong(0),
                row.getLong(1),
                row.getLong(2),
                row.getLong(3)));
  }
}
