package io.cvtailor.embeddings;

import java.util.UUID;

/** Background re-embedding of a user's artifacts with the active model, with progress. */
public interface Reindexing {

  record Progress(UUID jobId, String model, String status, long done, long total, long failed) {}

  /**
   * Queues every artifact of the user and returns at once; while a run of the user is still going,
   * returns that run instead (nothing is queued twice).
   */
  UUID start(long userId);

  /** Progress of one of the user's runs; 404 for another user's run. */
  Progress progress(long userId, UUID jobId);
}
