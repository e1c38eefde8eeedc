package io.cvtailor.embeddings;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The stored embeddings of a user's artifacts, per the seed's embedding endpoints. */
public interface ArtifactEmbeddings {

  /** Which embeddings a caller asks for: the whole artifact, its summary, or one per chunk. */
  enum Kind {
    FULL,
    SUMMARY,
    CHUNKS
  }

  /** One stored embedding. */
  record EmbeddingInfo(
      UUID id,
      String contentType,
      int chunkOrdinal,
      int dimensions,
      String modelVersion,
      int tokenCount,
      Instant createdAt) {}

  /** The result of a generate call; {@code created} is false when stored vectors were current. */
  record Generated(
      long artifactId,
      UUID embeddingId,
      List<UUID> embeddingIds,
      int dimensions,
      Instant generatedAt,
      String contentHash,
      boolean created) {}

  /** Embeddings of the artifact for the active model; 404 for another user's artifact. */
  List<EmbeddingInfo> list(long userId, long artifactId);

  /**
   * Embeds the artifact now unless its current text is already embedded with the active model (then
   * the stored embeddings are returned without calling the model), or {@code force} is set.
   */
  Generated generate(long userId, long artifactId, Kind kind, boolean force);
}
