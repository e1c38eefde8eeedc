package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactContent;
import io.cvtailor.artifacts.EmbeddingStatus;
import io.cvtailor.embeddings.EmbeddingException;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.EmbeddingsReady;
import io.cvtailor.embeddings.internal.chunking.TextChunker.Chunk;
import io.cvtailor.embeddings.internal.provider.RetryPolicy;
import io.cvtailor.embeddings.internal.provider.TransientEmbeddingException;
import io.cvtailor.embeddings.internal.store.ArtifactEmbeddingEntity;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The embedding queue's transactions, each one short, around a model call made with none open
 * (issue 11: a model call must not hold row locks or a pooled connection).
 *
 * <ol>
 *   <li>{@link #claim} leases a batch of queued jobs to a token ({@code claimed_by}, {@code
 *       lease_until}; migration embeddings/V50), reads their artifacts, and commits.
 *   <li>{@link #embed} calls the model with no transaction (it refuses to run inside one).
 *   <li>{@link #settle} stores the vectors (or the failure) of the jobs whose lease is still the
 *       batch's token, and deletes those jobs. A job claimed again meanwhile by another worker (its
 *       lease ran out) is left to that worker: this result is dropped.
 * </ol>
 *
 * A worker killed between the steps loses nothing: its jobs stay queued and are claimed again once
 * their lease runs out.
 */
@ApplicationScoped
public class EmbeddingBatchProcessor {
  private static final Logger LOG = RequestIds.logger(EmbeddingBatchProcessor.class);

  // Claimed by turn (migrations embeddings/V30, V31): users with queued work take turns, so one
  // user's large re-index never keeps another user's new artifact waiting behind it. Jobs another
  // worker is claiming right now are skipped, and so are jobs whose lease has not run out.
  static final String CLAIM_JOBS =
      """
      UPDATE embeddings.embedding_jobs
      SET claimed_by = CAST(?3 AS uuid), lease_until = now() + make_interval(secs => ?4)
      WHERE id IN (SELECT j.id FROM embeddings.embedding_jobs j
                   WHERE j.status = 'queued' AND j.model_version = ?1 AND j.run_after <= now()
                     AND (j.lease_until IS NULL OR j.lease_until <= now())
                   ORDER BY j.fair_turn, j.id
                   LIMIT ?2
                   FOR UPDATE SKIP LOCKED)
      RETURNING id, artifact_id, artifact_version, force_regenerate, attempts
      """;

  // The jobs still leased to the batch, locked with their artifacts in one statement and skipping
  // any that are taken: a request deleting an artifact (or an account) locks the artifact first and
  // its jobs next, so waiting here for the artifact while holding the job could deadlock with it.
  static final String HOLD_LEASED =
      """
      SELECT j.id FROM embeddings.embedding_jobs j
      JOIN artifacts.artifacts a ON a.id = j.artifact_id
      WHERE j.claimed_by = CAST(?1 AS uuid)
      FOR UPDATE OF j SKIP LOCKED
      FOR NO KEY UPDATE OF a SKIP LOCKED
      """;

  // A leased job that settle could not lock (its artifact is being changed right now) is handed
  // back, so that a claim takes it again in a second instead of when the lease runs out (not at
  // once: the worker would call the model in a loop while the artifact stays locked).
  private static final String RELEASE_JOB =
      """
      UPDATE embeddings.embedding_jobs
      SET claimed_by = NULL, lease_until = now() + make_interval(secs => 1)
      WHERE id IN (SELECT id FROM embeddings.embedding_jobs
                   WHERE id = ?1 AND claimed_by = CAST(?2 AS uuid)
                   FOR UPDATE SKIP LOCKED)
      """;

  private static final String DELETE_JOB = "DELETE FROM embeddings.embedding_jobs WHERE id = ?1";

  private static final String RETRY_JOB =
      """
      UPDATE embeddings.embedding_jobs
      SET attempts = attempts + 1, last_error = ?2,
          run_after = now() + make_interval(secs => ?3), claimed_by = NULL, lease_until = NULL
      WHERE id = ?1
      """;

  private static final String FAIL_JOB =
      """
      UPDATE embeddings.embedding_jobs
      SET attempts = attempts + 1, last_error = ?2, status = 'failed',
          claimed_by = NULL, lease_until = NULL
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

  @Inject
  @ConfigProperty(name = "embedding.worker.lease-seconds", defaultValue = "120")
  int leaseSeconds;

  private RetryPolicy retries;

  @PostConstruct
  void init() {
    retries = RetryPolicy.forQueue(maxAttempts);
  }

  record Job(long id, long artifactId, long version, boolean force, int attempts) {}

  private record Work(ArtifactContent content, EmbeddingPlan plan, List<Job> jobs) {}

  /**
   * The jobs of one artifact in a claimed batch, with the artifact as it was read at the claim
   * (empty when it is gone) and whether its stored vectors already match that text.
   */
  public record Claimed(
      long artifactId, Optional<ArtifactContent> content, List<Job> jobs, boolean current) {
    boolean needsModel() {
      return content.isPresent() && !current;
    }
  }

  /** Jobs leased to {@code token}, by artifact. */
  public record Batch(UUID token, List<Claimed> artifacts) {
    public int jobCount() {
      return artifacts.stream().mapToInt(a -> a.jobs().size()).sum();
    }
  }

  /** What the model gave for one artifact: vectors for its plan, or the failure. */
  public record Outcome(
      long artifactId, EmbeddingPlan plan, List<float[]> vectors, RuntimeException failure) {}

  /**
   * Leases the next batch of due jobs to {@code token} and reads their artifacts, in one short
   * transaction.
   */
  @Transactional
  public Batch claim(UUID token) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(CLAIM_JOBS)
            .setParameter(1, provider.modelId())
            .setParameter(2, batchSize)
            .setParameter(3, token.toString())
            .setParameter(4, (double) leaseSeconds)
            .getResultList();
    Map<Long, List<Job>> byArtifact = new TreeMap<>();
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
    List<Claimed> claimed = new ArrayList<>();
    byArtifact.forEach(
        (artifactId, jobs) -> {
          Optional<ArtifactContent> content = catalog.content(artifactId);
          boolean force = jobs.stream().anyMatch(Job::force);
          boolean current =
              !force
                  && content.isPresent()
                  && content.get().contentHash().equals(storedHash(artifactId));
          claimed.add(new Claimed(artifactId, content, jobs, current));
        });
    return new Batch(token, claimed);
  }

  /**
   * Embeds the artifacts of the batch that need the model, all in one call and, when that fails,
   * one by one (one bad artifact must not hold back the others). Never inside a transaction.
   */
  @Transactional(Transactional.TxType.NEVER)
  public List<Outcome> embed(Batch batch) {
    List<Claimed> needed = batch.artifacts().stream().filter(Claimed::needsModel).toList();
    List<EmbeddingPlan> plans = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Claimed c : needed) {
      EmbeddingPlan plan = EmbeddingPlan.of(c.content().orElseThrow(), provider);
      plans.add(plan);
      texts.addAll(plan.allTexts());
    }
    List<Outcome> outcomes = new ArrayList<>();
    if (needed.isEmpty()) {
      return outcomes;
    }
    List<float[]> vectors;
    try {
      vectors = provider.embed(texts);
    } catch (RuntimeException batchFailure) {
      for (int i = 0; i < needed.size(); i++) {
        EmbeddingPlan plan = plans.get(i);
        long artifactId = needed.get(i).artifactId();
        if (needed.size() == 1) {
          outcomes.add(new Outcome(artifactId, plan, null, batchFailure));
          continue;
        }
        try {
          outcomes.add(new Outcome(artifactId, plan, provider.embed(plan.allTexts()), null));
        } catch (RuntimeException e) {
          outcomes.add(new Outcome(artifactId, plan, null, e));
        }
      }
      return outcomes;
    }
    int offset = 0;
    for (int i = 0; i < needed.size(); i++) {
      int count = plans.get(i).allTexts().size();
      outcomes.add(
          new Outcome(
              needed.get(i).artifactId(),
              plans.get(i),
              vectors.subList(offset, offset + count),
              null));
      offset += count;
    }
    return outcomes;
  }

  /**
   * Stores the outcomes of the jobs still leased to the batch, in one short transaction; the
   * results of jobs claimed again by another worker meanwhile, or deleted, are dropped.
   */
  @Transactional
  public void settle(Batch batch, List<Outcome> outcomes) {
    @SuppressWarnings("unchecked")
    List<Object> heldRows =
        em.createNativeQuery(HOLD_LEASED).setParameter(1, batch.token().toString()).getResultList();
    Set<Long> held = new HashSet<>();
    heldRows.forEach(id -> held.add(((Number) id).longValue()));
    Map<Long, Outcome> byArtifact = new HashMap<>();
    outcomes.forEach(o -> byArtifact.put(o.artifactId(), o));
    for (Claimed claimed : batch.artifacts()) {
      List<Job> mine = claimed.jobs().stream().filter(j -> held.contains(j.id())).toList();
      claimed.jobs().stream()
          .filter(j -> !held.contains(j.id()))
          .forEach(
              j ->
                  em.createNativeQuery(RELEASE_JOB)
                      .setParameter(1, j.id())
                      .setParameter(2, batch.token().toString())
                      .executeUpdate());
      if (mine.isEmpty()) {
        continue;
      }
      if (claimed.content().isEmpty()) {
        mine.forEach(this::delete);
        continue;
      }
      ArtifactContent content = claimed.content().get();
      if (claimed.current()) {
        // Same text as already embedded: no model call, only the version moves on.
        em.createNativeQuery(ADVANCE_STORED_VERSION)
            .setParameter(1, claimed.artifactId())
            .setParameter(2, provider.modelId())
            .setParameter(3, content.version())
            .executeUpdate();
        catalog.recordEmbeddingOutcome(
            claimed.artifactId(), content.version(), EmbeddingStatus.READY, null);
        mine.forEach(this::delete);
        continue;
      }
      Outcome outcome = byArtifact.get(claimed.artifactId());
      Work work = new Work(content, outcome.plan(), mine);
      if (outcome.failure() != null) {
        fail(work, outcome.failure());
      } else {
        store(work, outcome.vectors());
      }
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
    Duration retryAfter = retryAfter(error);
    for (Job job : work.jobs()) {
      if (retryable && job.attempts() + 1 < retries.maxAttempts()) {
        Duration backoff = retries.backoff(job.attempts() + 1, retryAfter);
        em.createNativeQuery(RETRY_JOB)
            .setParameter(1, job.id())
            .setParameter(2, message)
            .setParameter(3, backoff.toMillis() / 1000.0)
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

  /** The provider's Retry-After anywhere in the failure's causes (zero when none). */
  private static Duration retryAfter(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TransientEmbeddingException transient_
          && transient_.retryAfter().isPresent()) {
        return transient_.retryAfter().get();
      }
    }
    return Duration.ZERO;
  }

  /**
   * {version, content hash} of the artifact's stored vectors for the active model (nulls if none).
   */
  private String storedHash(long artifactId) {
    Object hash = storedState(artifactId)[1];
    return hash == null ? null : hash.toString().trim();
  }

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
