package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.artifacts.ArtifactContent;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.internal.chunking.TextChunker.Chunk;
import io.cvtailor.embeddings.internal.store.ArtifactEmbeddingEntity;
import io.cvtailor.kernel.db.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An artifact's stored vectors for the active model ({@code embeddings.artifact_embeddings}): what
 * is stored, and replacing it. Every statement runs in its caller's transaction.
 */
@ApplicationScoped
class StoredVectors {
  // Writers of one artifact's vectors (the worker, a direct generate) take turns: the check of the
  // stored version and the replacement must not interleave.
  private static final String LOCK_ARTIFACT = "SELECT pg_advisory_xact_lock(?1)";

  private static final String STORED_STATE =
      """
      SELECT max(artifact_version), max(content_hash)
      FROM embeddings.artifact_embeddings
      WHERE user_id = ?3 AND artifact_id = ?1 AND model_version = ?2
      """;

  private static final String DELETE_STORED =
      """
      DELETE FROM embeddings.artifact_embeddings
      WHERE user_id = ?3 AND artifact_id = ?1 AND model_version = ?2
      """;

  private static final String ADVANCE_STORED_VERSION =
      """
      UPDATE embeddings.artifact_embeddings SET artifact_version = ?3
      WHERE user_id = ?4 AND artifact_id = ?1 AND model_version = ?2 AND artifact_version < ?3
      """;

  /** The version and content hash of the stored vectors (both null when there are none). */
  record State(Long version, String contentHash) {
    static State of(Rows.Row row) {
      String hash = row.getString(1);
      return new State(row.getLongOrNull(0), hash == null ? null : hash.trim());
    }

    /** Whether a version newer than {@code version} is stored. */
    boolean newerThan(long version) {
      return this.version != null && this.version > version;
    }
  }

  @PersistenceContext(unitName = "embeddings")
  EntityManager em;

  @Inject EmbeddingProvider provider;

  /** What is stored for the artifact (read without a lock). */
  public State state(long userId, long artifactId) {
    return Rows.single(
        em.createNativeQuery(STORED_STATE)
            .setParameter(1, artifactId)
            .setParameter(2, provider.modelId())
            .setParameter(3, userId),
        State::of);
  }

  /** The content hash of the stored vectors, if any. */
  public Optional<String> contentHash(long userId, long artifactId) {
    return Optional.ofNullable(state(userId, artifactId).contentHash());
  }

  /**
   * Takes the artifact's writer lock until the transaction ends, then reads what is stored: a
   * caller that finds a newer version must leave it.
   */
  public State lock(long userId, long artifactId) {
    em.createNativeQuery(LOCK_ARTIFACT).setParameter(1, artifactId).getSingleResult();
    return state(userId, artifactId);
  }

  /** The stored vectors were made from the same text: only their version moves on. */
  public void advanceVersion(long userId, long artifactId, long version) {
    em.createNativeQuery(ADVANCE_STORED_VERSION)
        .setParameter(1, artifactId)
        .setParameter(2, provider.modelId())
        .setParameter(3, version)
        .setParameter(4, userId)
        .executeUpdate();
  }

  /**
   * Replaces the artifact's vectors with those of {@code plan}: {@code vectors} holds the chunks'
   * and then the summary pieces' vectors, in the plan's order. Written rows: {@code full} (mean of
   * the chunks), {@code summary} (mean of the summary pieces) and one per chunk.
   */
  public void replace(ArtifactContent content, EmbeddingPlan plan, List<float[]> vectors) {
    em.createNativeQuery(DELETE_STORED)
        .setParameter(1, content.artifactId())
        .setParameter(2, provider.modelId())
        .setParameter(3, content.userId())
        .executeUpdate();
    List<Chunk> chunks = plan.chunks();
    List<Chunk> summary = plan.summaryPieces();
    List<float[]> chunkVectors = vectors.subList(0, chunks.size());
    List<float[]> summaryVectors = vectors.subList(chunks.size(), vectors.size());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int chunkTokens = chunks.stream().mapToInt(Chunk::tokenCount).sum();
    int summaryTokens = summary.stream().mapToInt(Chunk::tokenCount).sum();
    // The full vector costs nothing: it is the mean of the chunks, which are paid for below.
    persist(
        content,
        "full",
        0,
        content.embeddableText(),
        EmbeddingPlan.meanOf(chunkVectors),
        chunkTokens,
        BigDecimal.ZERO,
        now);
    persist(
        content,
        "summary",
        0,
        content.summaryText(),
        EmbeddingPlan.meanOf(summaryVectors),
        summaryTokens,
        cost(summaryTokens),
        now);
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      persist(
          content,
          "chunk",
          chunk.ordinal(),
          chunk.text(),
          chunkVectors.get(i),
          chunk.tokenCount(),
          cost(chunk.tokenCount()),
          now);
    }
    em.flush();
  }

  private void persist(
      ArtifactContent content,
      String contentType,
      int ordinal,
      String text,
      float[] vector,
      int tokens,
      BigDecimal cost,
      OffsetDateTime now) {
    ArtifactEmbeddingEntity row = new ArtifactEmbeddingEntity();
    row.id = UUID.randomUUID();
    row.artifactId = content.artifactId();
    row.userId = content.userId();
    row.artifactVersion = content.version();
    row.contentType = contentType;
    row.chunkOrdinal = ordinal;
    row.sourceText = text;
    row.embeddingVector = vector;
    row.contentHash = content.contentHash();
    row.modelVersion = provider.modelId();
    row.modelDimensions = provider.dimensions();
    row.tokenCount = tokens;
    row.processingCostUsd = cost;
    row.generatedAt = now;
    em.persist(row);
  }

  private BigDecimal cost(int tokens) {
    return provider.pricePerToken().multiply(BigDecimal.valueOf(tokens));
  }
}
