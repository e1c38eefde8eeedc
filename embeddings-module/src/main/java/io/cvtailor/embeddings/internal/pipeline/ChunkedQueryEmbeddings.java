package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.QueryEmbeddings;
import io.cvtailor.embeddings.internal.chunking.TextChunker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds a query in model-sized pieces, so a long text is never cut to its first tokens.
 *
 * <p>Never inside a transaction: a request waiting on the model must not hold a pooled connection
 * or row locks meanwhile (read first in a short transaction, embed, then write in another). Called
 * inside one, it fails at once rather than let such a path slip in.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NEVER)
public class ChunkedQueryEmbeddings implements QueryEmbeddings {
  @Inject EmbeddingProvider provider;

  @Override
  public List<Piece> embedPieces(String text) {
    List<TextChunker.Chunk> chunks =
        new TextChunker(provider, EmbeddingPlan.CHUNK_OVERLAP).chunk(null, text);
    List<float[]> vectors =
        provider.embedQueries(chunks.stream().map(TextChunker.Chunk::text).toList());
    List<Piece> pieces = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      pieces.add(new Piece(chunks.get(i).text(), vectors.get(i)));
    }
    return pieces;
  }

  @Override
  public List<float[]> embedEach(List<String> texts) {
    boolean allFit =
        texts.stream().allMatch(t -> provider.countTokens(t) <= provider.maxInputTokens());
    if (allFit) {
      return provider.embedQueries(texts);
    }
    return texts.stream().map(this::embed).toList();
  }

  @Override
  public float[] embed(String text) {
    return EmbeddingPlan.meanOf(embedPieces(text).stream().map(Piece::vector).toList());
  }
}
