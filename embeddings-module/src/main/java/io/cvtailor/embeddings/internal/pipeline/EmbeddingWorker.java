package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.kernel.log.RequestIds;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Drains the embedding queue: woken after each commit that queued work, and polling as a safety net
 * (work queued before a restart, retries whose back-off has passed, other instances' work).
 */
@ApplicationScoped
public class EmbeddingWorker {
  private static final Logger LOG = RequestIds.logger(EmbeddingWorker.class);

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject EmbeddingBatchProcessor processor;

  @Inject
  @ConfigProperty(name = "embedding.worker.poll-ms", defaultValue = "2000")
  long pollMillis;

  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean wakeRequested = new AtomicBoolean();
  private volatile boolean started;
  private volatile boolean stopped;
  private ScheduledFuture<?> polling;

  public synchronized void start() {
    if (!started && !stopped) {
      started = true;
      polling = scheduler.scheduleWithFixedDelay(this::drain, 0, pollMillis, TimeUnit.MILLISECONDS);
    }
  }

  public void wake() {
    wakeRequested.set(true);
    if (started && !stopped && !draining.get()) {
      scheduler.execute(this::drain);
    }
  }

  /** Processes batches until the queue has nothing due; one drain at a time per instance. */
  void drain() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    try {
      do {
        wakeRequested.set(false);
        while (!stopped && processNextBatch() > 0) {
          // keep going while there is work
        }
      } while (!stopped && wakeRequested.get());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "embedding worker pass failed; will retry on next poll", e);
    } finally {
      draining.set(false);
    }
  }

  /**
   * Leases a batch, embeds it with no transaction open, and stores what is still ours; returns how
   * many jobs it took (0 when nothing is due).
   */
  int processNextBatch() {
    EmbeddingBatchProcessor.Batch batch = processor.claim(UUID.randomUUID());
    if (batch.jobCount() > 0) {
      processor.settle(batch, processor.embed(batch));
    }
    return batch.jobCount();
  }

  /**
   * On undeploy: no new pass starts and a running one ends after its batch (whose jobs are settled
   * or, if the JVM goes first, leased and claimed again later), so no thread of an undeployed WAR
   * keeps working.
   */
  @PreDestroy
  void stop() {
    stopped = true;
    if (polling != null) {
      polling.cancel(false);
    }
  }
}
