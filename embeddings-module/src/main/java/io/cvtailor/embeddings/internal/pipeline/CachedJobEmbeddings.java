package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.artifacts.ArtifactContent;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.JobEmbeddings;
import io.cvtailor.embeddings.QueryEmbeddings;
import io.cvtailor.embeddings.QueryEmbeddings.Piece;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Job-posting embeddings, cached per (user, posting hash, model). The cache is read in one short
 * transaction, the posting embedded with no transaction (so no pooled connection or row lock waits
 * on the model), and the result written in another short transaction.
 *
 * <p>Not an in-process cache: the rows are in PostgreSQL ({@code embeddings.job_embeddings}), so
 * every instance sees the same ones. Keyed by a hash of the posting's content, so coherent by
 * construction: an entry is never out of date, only absent; two instances embedding the same new
 * posting at once store the same rows, and the second insert is a no-op (ON CONFLICT DO NOTHING).
 */
@ApplicationScoped
public class CachedJobEmbeddings implements JobEmbeddings {
  @Inject EmbeddingProvider provider;
  @Inject QueryEmbeddings queries;
  @Inject JobEmbeddingRows rows;

  @Override
  @Transactional(Transactional.TxType.NEVER)
  public JobEmbedding forPosting(long userId, String jobDescription) {
    String hash = ArtifactContent.hash(jobDescription);
    List<Piece> cached = rows.findAndCount(userId, hash, provider.modelId());
    if (!cached.isEmpty()) {
      return new JobEmbedding(cached, mean(cached), false);
    }
    List<Piece> pieces = queries.embedPieces(ArtifactContent.normalise(jobDescription));
    rows.store(userId, hash, provider.modelId(), pieces);
    return new JobEmbedding(pieces, mean(pieces), true);
  }

  private static float[] mean(List<Piece> pieces) {
    return EmbeddingPlan.meanOf(pieces.stream().map(Piece::vector).toList());
  }
}
