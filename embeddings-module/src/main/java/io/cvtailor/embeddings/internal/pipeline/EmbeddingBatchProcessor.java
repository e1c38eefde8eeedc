package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactContent;
import io.cvtailor.artifacts.EmbeddingStatus;
import io.cvtailor.embeddings.EmbeddingException;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.EmbeddingsReady;
import io.cvtailor.embeddings.internal.chunking.TextChunker.Chunk;
import io.cvtailor.embeddings.internal.store.ArtifactEmbeddingEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Claims a batch of queued embedding jobs and embeds them, all in one transaction: the claimed rows
 * stay locked ({@code FOR UPDATE SKIP LOCKED}) until the vectors are stored and the jobs deleted,
 * so a crash loses nothing and no two workers embed the same job.
 */
@ApplicationScoped
public class EmbeddingBatchProcessor {
  private static final Logger LOG = Logger.getLogger(EmbeddingBatchProcessor.class.getName());

  // Claimed by turn (migrations embeddings/V30, V31): users with queued work take turns, so one
  // user's
  // large re-index never keeps another user's new artifact waiting behind it.
  // The artifact rows are locked with the jobs, in one statement and skipping any that are taken:
  // a request deleting an artifact (or an account) locks the artifact first and its jobs next, so a
  // worker that waited for the artifact while holding the job would deadlock with it.
  static final String CLAIM_JOBS =
      """
      SELECT j.id, j.artifact_id, j.artifact_version, j.force_regenerate, j.attempts
      FROM embeddings.embedding_jobs j
      JOIN artifacts.artifacts a ON a.id = j.artifact_id
      WHERE j.status = 'queued' AND j.model_version = ?1 AND j.run_after <= now()
      ORDER BY j.fair_turn, j.id
      LIMIT ?2
      FOR UPDATE OF j SKIP LOCKED
      FOR NO KEY UPDATE OF a SKIP LOCKED
      """;

  private static final String DELETE_JOB = "DELETE FROM embeddings.embedding_jobs WHERE id = ?1";

  private static final String RETRY_JOB =
      """
      UPDATE embeddings.embedding_jobs
      SET attempts = attempts + 1, last_error = ?2,
          run_after = now() + make_interval(secs => ?3)
      WHERE id = ?1
      """;

  private static final String FAIL_JOB =
      """
      UPDATE embeddings.embedding_jobs
      SET attempts = attempts + 1, last_error = ?2, status = 'failed'
      WHERE id = ?1
      """;

  // Jobs made redundant by an embedding stored outside the queue (skipping rows a worker holds).
  private static final String SETTLE_JOBS =
      """
      DELETE FROM embeddings.embedding_jobs
      WHERE id IN (SELECT id FROM embeddings.embedding_jobs
                   WHERE artifact_id = ?1 AND model_version = ?2 AND artifact_version <= ?3
                   FOR UPDATE SKIP LOCKED)
      """;

  private static final String LOCK_ARTIFACT = "SELECT pg_advisory_xact_lock(?1)";

  private static final String STORED_STATE =
      """
      SELECT max(artifact_version), max(content_hash)
      FROM embeddings.artifact_embeddings
      WHERE artifact_id = ?1 AND model_version = ?2
      """;

  private static final String DELETE_STORED =
      """
      DELETE FROM embeddings.artifact_embeddings WHERE artifact_id = ?1 AND model_version = ?2
      """;

  private static final String ADVANCE_STORED_VERSION =
      """
      UPDATE embeddings.artifact_embeddings SET artifact_version = ?3
      WHERE artifact_id = ?1 AND model_version = ?2 AND artifact_version < ?3
      """;

  @PersistenceContext(unitName = "embeddings")
  EntityManager em;

  @Inject ArtifactCatalog catalog;
  @Inject EmbeddingProvider provider;
  @Inject Event<EmbeddingsReady> ready;

  @Inject
  @ConfigProperty(name = "embedding.worker.batch-size", defaultValue = "16")
  int batchSize;

  @Inject
  @ConfigProperty(name = "embedding.worker.max-attempts", defaultValue = "5")
  int maxAttempts;

  private record Job(long id, long artifactId, long version, boolean force, int attempts) {}

  private record Work(ArtifactContent content, EmbeddingPlan plan, List<Job> jobs) {}

  /** Processes one batch; returns how many jobs it took (0 when the queue is empty). */
  @Transactional
  public int processNextBatch() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(CLAIM_JOBS)
            .setParameter(1, provider.modelId())
            .setParameter(2, batchSize)
            .getResultList();
    Map<Long, List<Job>> byArtifact = new LinkedHashMap<>();
    for (Object[] row : rows) {
      Job job =
          new Job(
              ((Number) row[0]).longValue(),
              ((Number) row[1]).longValue(),
              ((Number) row[2]).longValue(),
              (Boolean) row[3],
              ((Number) row[4]).intValue());
      byArtifact.computeIfAbsent(job.artifactId(), id -> new ArrayList<>()).add(job);
    }
    List<Work> work = new ArrayList<>();
    byArtifact.forEach((artifactId, jobs) -> planOrSkip(artifactId, jobs).ifPresent(work::add));
    if (!work.isEmpty()) {
      embedAll(work);
    }
    return rows.size();
  }

  /** The work for an artifact, or empty when it is gone or its stored vectors are current. */
  private Optional<Work> planOrSkip(long artifactId, List<Job> jobs) {
    Optional<ArtifactContent> content = catalog.content(artifactId);
    if (content.isEmpty()) {
      jobs.forEach(this::delete);
      return Optional.empty();
    }
    ArtifactContent current = content.get();
    boolean force = jobs.stream().anyMatch(Job::force);
    Object[] stored = storedState(artifactId);
    String storedHash = stored[1] == null ? null : stored[1].toString().trim();
    if (!force && current.contentHash().equals(storedHash)) {
      // Same text as already embedded: no model call, only the version moves on.
      em.createNativeQuery(ADVANCE_STORED_VERSION)
          .setParameter(1, artifactId)
          .setParameter(2, provider.modelId())
          .setParameter(3, current.version())
          .executeUpdate();
      catalog.recordEmbeddingOutcome(artifactId, current.version(), EmbeddingStatus.READY, null);
      jobs.forEach(this::delete);
      return Optional.empty();
    }
    return Optional.of(new Work(current, EmbeddingPlan.of(current, provider), jobs));
  }

  private void embedAll(List<Work> work) {
    List<String> texts = new ArrayList<>();
    work.forEach(w -> texts.addAll(w.plan().allTexts()));
    List<float[]> vectors;
    try {
      vectors = provider.embed(texts);
    } catch (RuntimeException batchFailure) {
      if (work.size() == 1) {
        fail(work.get(0), batchFailure);
        return;
      }
      // One bad artifact must not hold back the others: retry them one by one.
      for (Work single : work) {
        try {
          store(single, provider.embed(single.plan().allTexts()));
        } catch (RuntimeException e) {
          fail(single, e);
        }
      }
      return;
    }
    int offset = 0;
    for (Work w : work) {
      int count = w.plan().allTexts().size();
      store(w, vectors.subList(offset, offset + count));
      offset += count;
    }
  }

  /**
   * Stores the vectors of the artifact's text, embedded by the caller outside any transaction, in
   * one short transaction, and settles its queued or failed jobs for this version. Returns false
   * when a newer version was stored meanwhile (its vectors stay).
   */
  @Transactional
  public boolean storeEmbedded(ArtifactContent content, EmbeddingPlan plan, List<float[]> vectors) {
    boolean stored = store(new Work(content, plan, List.of()), vectors);
    em.createNativeQuery(SETTLE_JOBS)
        .setParameter(1, content.artifactId())
        .setParameter(2, provider.modelId())
        .setParameter(3, content.version())
        .executeUpdate();
    return stored;
  }

  /** The content hash of the stored vectors of the artifact for the active model, if any. */
  public Optional<String> storedContentHash(long artifactId) {
    Object[] stored = storedState(artifactId);
    return Optional.ofNullable(stored[1]).map(hash -> hash.toString().trim());
  }

  private boolean store(Work work, List<float[]> vectors) {
    ArtifactContent content = work.content();
    long artifactId = content.artifactId();
    em.createNativeQuery(LOCK_ARTIFACT).setParameter(1, artifactId).getSingleResult();
    Object[] stored = storedState(artifactId);
    if (stored[0] != null && ((Number) stored[0]).longValue() > content.version()) {
      // A newer version was embedded meanwhile: this late result must not replace it.
      work.jobs().forEach(this::delete);
      return false;
    }
    em.createNativeQuery(DELETE_STORED)
        .setParameter(1, artifactId)
        .setParameter(2, provider.modelId())
        .executeUpdate();
    List<Chunk> chunks = work.plan().chunks();
    List<Chunk> summary = work.plan().summaryPieces();
    List<float[]> chunkVectors = vectors.subList(0, chunks.size());
    List<float[]> summaryVectors = vectors.subList(chunks.size(), vectors.size());
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int chunkTokens = chunks.stream().mapToInt(Chunk::tokenCount).sum();
    int summaryTokens = summary.stream().mapToInt(Chunk::tokenCount).sum();
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
    catalog.recordEmbeddingOutcome(artifactId, content.version(), EmbeddingStatus.READY, null);
    work.jobs().forEach(this::delete);
    ready.fire(new EmbeddingsReady(artifactId, content.userId(), provider.modelId()));
    return true;
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

  private void fail(Work work, RuntimeException error) {
    boolean retryable = !(error instanceof EmbeddingException e) || e.retryable();
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    for (Job job : work.jobs()) {
      if (retryable && job.attempts() + 1 < maxAttempts) {
        long backoffSeconds = (long) Math.min(300, Math.pow(2, job.attempts() + 1));
        em.createNativeQuery(RETRY_JOB)
            .setParameter(1, job.id())
            .setParameter(2, message)
            .setParameter(3, (double) backoffSeconds)
            .executeUpdate();
      } else {
        em.createNativeQuery(FAIL_JOB)
            .setParameter(1, job.id())
            .setParameter(2, message)
            .executeUpdate();
        catalog.recordEmbeddingOutcome(
            job.artifactId(), work.content().version(), EmbeddingStatus.FAILED, message);
      }
    }
    LOG.log(Level.WARNING, "embedding artifact " + work.content().artifactId() + " failed", error);
  }

  /**
   * {version, content hash} of the artifact's stored vectors for the active model (nulls if none).
   */
  private Object[] storedState(long artifactId) {
    return (Object[])
        em.createNativeQuery(STORED_STATE)
            .setParameter(1, artifactId)
            .setParameter(2, provider.modelId())
            .getSingleResult();
  }

  private void delete(Job job) {
    em.createNativeQuery(DELETE_JOB).setParameter(1, job.id()).executeUpdate();
  }
}
