package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.embeddings.QueryEmbeddings.Piece;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.kernel.db.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The rows of the job-posting embedding cache, each access its own short transaction. */
@ApplicationScoped
class JobEmbeddingRows {
  private static final String FIND =
      """
      SELECT source_text, CAST(embedding_vector AS text) FROM embeddings.job_embeddings
      WHERE user_id = ?1 AND job_description_hash = ?2 AND model_version = ?3
      ORDER BY chunk_ordinal
      """;

  private static final String COUNT_ACCESS =
      """
      UPDATE embeddings.job_embeddings SET access_count = access_count + 1, last_used_at = now()
      WHERE user_id = ?1 AND job_description_hash = ?2 AND model_version = ?3
      """;

  private static final String INSERT =
      """
      INSERT INTO embeddings.job_embeddings
          (user_id, job_description_hash, model_version, chunk_ordinal, source_text, embedding_vector)
      VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS vector))
      ON CONFLICT (user_id, job_description_hash, model_version, chunk_ordinal) DO NOTHING
      """;

  @PersistenceContext(unitName = "embeddings")
  EntityManager em;

  /** The cached pieces, in order (empty when not cached); a hit is counted. */
  @Transactional
  public List<Piece> findAndCount(long userId, String hash, String model) {
    List<Piece> cached =
        Rows.list(
            em.createNativeQuery(FIND)
                .setParameter(1, userId)
                .setParameter(2, hash)
                .setParameter(3, model),
            row -> new Piece(row.getString(0), Vectors.fromText(row.getString(1))));
    if (cached.isEmpty()) {
      return List.of();
    }
    em.createNativeQuery(COUNT_ACCESS)
        .setParameter(1, userId)
        .setParameter(2, hash)
        .setParameter(3, model)
        .executeUpdate();
    return cached;
  }

  @Transactional
  public void store(long userId, String hash, String model, List<Piece> pieces) {
    for (int i = 0; i < pieces.size(); i++) {
      em.createNativeQuery(INSERT)
          .setParameter(1, userId)
          .setParameter(2, hash)
          .setParameter(3, model)
          .setParameter(4, i)
          .setParameter(5, pieces.get(i).text())
          .setParameter(6, Vectors.toText(pieces.get(i).vector()))
          .executeUpdate();
    }
  }
}
