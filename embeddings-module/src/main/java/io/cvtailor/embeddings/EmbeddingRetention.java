package io.cvtailor.embeddings;

/**
 * What the embeddings module keeps only for a while: cached posting embeddings nobody uses any
 * more, and finished re-index runs. Each call deletes at most {@code limit} rows in the caller's
 * transaction (so one statement stays short) and returns how many it deleted.
 */
public interface EmbeddingRetention {

  /** Cached posting embeddings not used for {@code days} days. */
  int forgetUnusedPostingEmbeddings(int days, int limit);

  /** Re-index runs older than {@code days} days that have no queued job left. */
  int forgetFinishedReindexRuns(int days, int limit);
}
