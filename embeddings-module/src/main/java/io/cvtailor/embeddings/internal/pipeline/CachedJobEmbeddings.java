package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.artifacts.ArtifactContent;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.JobEmbeddings;
import io.cvtailor.embeddings.QueryEmbeddings;
import io.cvtailor.embeddings.QueryEmbeddings.Piece;
import io.cvtailor.embeddings.Vectors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/** Job-posting embeddings, cached per (user, posting hash, model). */
@ApplicationScoped
public class CachedJobEmbeddings implements JobEmbeddings {
  private static final String FIND =
      """
      SELECT source_text, CAST(embedding_vector AS text) FROM embeddings.job_embeddings
      WHERE user_id = ?1 AND job_description_hash = ?2 AND model_version = ?3
      ORDER BY chunk_ordinal
      """;

  private static final String COUNT_ACCESS =
      """
      UPDATE embeddings.job_embeddings SET access_count = access_count + 1
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

  @Inject EmbeddingProvider provider;
  @Inject QueryEmbeddings queries;

  @Override
  @Transactional
  public JobEmbedding forPosting(long userId, String jobDescription) {
    String hash = ArtifactContent.hash(jobDescription);
    @SuppressWarnings("unchecked")
    List<Object[]> cached =
        em.createNativeQuery(FIND)
            .setParameter(1, userId)
            .setParameter(2, hash)
            .setParameter(3, provider.modelId())
            .getResultList();
    if (!cached.isEmpty()) {
      em.createNativeQuery(COUNT_ACCESS)
          .setParameter(1, userId)
          .setParameter(2, hash)
          .setParameter(3, provider.modelId())
          .executeUpdate();
      List<Piece> pieces = new ArrayList<>(cached.size());
      for (Object[] row : cached) {
        pieces.add(new Piece((String) row[0], Vectors.fromText((String) row[1])));
      }
      return new JobEmbedding(pieces, mean(pieces), false);
    }
    List<Piece> pieces = queries.embedPieces(ArtifactContent.normalise(jobDescription));
    for (int i = 0; i < pieces.size(); i++) {
      em.createNativeQuery(INSERT)
          .setParameter(1, userId)
          .setParameter(2, hash)
          .setParameter(3, provider.modelId())
          .setParameter(4, i)
          .setParameter(5, pieces.get(i).text())
          .setParameter(6, Vectors.toText(pieces.get(i).vector()))
          .executeUpdate();
    }
    return new JobEmbedding(pieces, mean(pieces), true);
  }

  private static float[] mean(List<Piece> pieces) {
    return EmbeddingPlan.meanOf(pieces.stream().map(Piece::vector).toList());
  }
}
