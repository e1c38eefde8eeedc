package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactContent;
import io.cvtailor.artifacts.EmbeddingStatus;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.EmbeddingsReady;
import io.cvtailor.embeddings.internal.pipeline.BatchEmbedding.Outcome;
import io.cvtailor.embeddings.internal.pipeline.BatchEmbedding.Pending;
import io.cvtailor.embeddings.internal.pipeline.QueuedJobs.Job;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
 * their lease runs out. This class only orders the steps; the queue's rows are {@link QueuedJobs},
 * the stored vectors (with their lock and content hash) {@link StoredVectors}, the model call with
 * its per-artifact fallback {@link BatchEmbedding}, and when a failed job runs again {@link
 * JobRetries}.
 */
@ApplicationScoped
public class EmbeddingBatchProcessor {
  private static final Logger LOG = RequestIds.logger(EmbeddingBatchProcessor.class);

  @Inject QueuedJobs jobs;
  @Inject StoredVectors stored;
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

  private JobRetries retries;

  @PostConstruct
  void init() {
    retries = JobRetries.upTo(maxAttempts);
  }

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

  /**
   * Leases the next batch of due jobs to {@code token} and reads their artifacts, in one short
   * transaction. An artifact whose stored vectors were made from the same text (same content hash)
   * needs no model call, unless a job forces one.
   */
  @Transactional
  public Batch claim(UUID token) {
    Map<Long, List<Job>> byArtifact = new TreeMap<>();
    for (Job job : jobs.claim(provider.modelId(), batchSize, token, leaseSeconds)) {
      byArtifact.computeIfAbsent(job.artifactId(), id -> new ArrayList<>()).add(job);
    }
    List<Claimed> claimed = new ArrayList<>();
    byArtifact.forEach(
        (artifactId, its) -> {
          long userId = its.get(0).userId();
          Optional<ArtifactContent> content = catalog.content(userId, artifactId);
          boolean force = its.stream().anyMatch(Job::force);
          boolean current =
              !force
                  && content.isPresent()
                  && content
                      .get()
                      .contentHash()
                      .equals(stored.state(userId, artifactId).contentHash());
          claimed.add(new Claimed(artifactId, content, its, current));
        });
    return new Batch(token, claimed);
  }

  /**
   * Embeds the artifacts of the batch that need the model (see {@link BatchEmbedding}). Never
   * inside a transaction.
   */
  @Transactional(Transactional.TxType.NEVER)
  public List<Outcome> embed(Batch batch) {
    List<Pending> pending = new ArrayList<>();
    for (Claimed c : batch.artifacts()) {
      if (c.needsModel()) {
        pending.add(
            new Pending(c.artifactId(), EmbeddingPlan.of(c.content().orElseThrow(), provider)));
      }
    }
    return BatchEmbedding.embed(provider, pending);
  }

  /**
   * Stores the outcomes of the jobs still leased to the batch, in one short transaction; the
   * results of jobs claimed again by another worker meanwhile, or deleted, are dropped.
   */
  @Transactional
  public void settle(Batch batch, List<Outcome> outcomes) {
    Set<Long> held = jobs.holdLeased(batch.token());
    Map<Long, Outcome> byArtifact = new HashMap<>();
    outcomes.forEach(o -> byArtifact.put(o.artifactId(), o));
    for (Claimed claimed : batch.artifacts()) {
      List<Job> mine = claimed.jobs().stream().filter(j -> held.contains(j.id())).toList();
      claimed.jobs().stream()
          .filter(j -> !held.contains(j.id()))
          .forEach(j -> jobs.release(j, batch.token()));
      if (mine.isEmpty()) {
        continue;
      }
      if (claimed.content().isEmpty()) {
        mine.forEach(jobs::delete);
        continue;
      }
      ArtifactContent content = claimed.content().get();
      if (claimed.current()) {
        // Same text as already embedded: no model call, only the version moves on.
        stored.advanceVersion(content.userId(), claimed.artifactId(), content.version());
        catalog.recordEmbeddingOutcome(
            content.userId(), claimed.artifactId(), content.version(), EmbeddingStatus.READY, null);
        mine.forEach(jobs::delete);
        continue;
      }
      Outcome outcome = byArtifact.get(claimed.artifactId());
      if (outcome.failure() != null) {
        fail(content, mine, outcome.failure());
      } else {
        store(content, outcome.plan(), outcome.vectors(), mine);
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
    boolean written = store(content, plan, vectors, List.of());
    jobs.settleUpTo(content.artifactId(), provider.modelId(), content.version());
    return written;
  }

  /** The content hash of the stored vectors of the artifact for the active model, if any. */
  public Optional<String> storedContentHash(long userId, long artifactId) {
    return stored.contentHash(userId, artifactId);
  }

  private boolean store(
      ArtifactContent content, EmbeddingPlan plan, List<float[]> vectors, List<Job> done) {
    long artifactId = content.artifactId();
    if (stored.lock(content.userId(), artifactId).newerThan(content.version())) {
      // A newer version was embedded meanwhile: this late result must not replace it.
      done.forEach(jobs::delete);
      return false;
    }
    stored.replace(content, plan, vectors);
    catalog.recordEmbeddingOutcome(
        content.userId(), artifactId, content.version(), EmbeddingStatus.READY, null);
    done.forEach(jobs::delete);
    ready.fire(new EmbeddingsReady(artifactId, content.userId(), provider.modelId()));
    return true;
  }

  private void fail(ArtifactContent content, List<Job> failed, RuntimeException error) {
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    for (Job job : failed) {
      Optional<Duration> next = retries.nextAttemptIn(job.attempts(), error);
      if (next.isPresent()) {
        jobs.retryAfter(job, message, next.get());
      } else {
        jobs.fail(job, message);
        catalog.recordEmbeddingOutcome(
            content.userId(), job.artifactId(), content.version(), EmbeddingStatus.FAILED, message);
      }
    }
    LOG.log(Level.WARNING, "embedding artifact " + content.artifactId() + " failed", error);
  }
}
