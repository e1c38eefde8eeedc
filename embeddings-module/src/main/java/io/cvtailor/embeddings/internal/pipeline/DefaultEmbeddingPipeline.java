package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

@ApplicationScoped
public class DefaultEmbeddingPipeline implements EmbeddingPipeline {
  private static final Logger LOG = RequestIds.logger(DefaultEmbeddingPipeline.class);

  @Inject EmbeddingProvider provider;
  @Inject EmbeddingWorker worker;
  @Inject ModelStartup modelStartup;
  @Resource ManagedExecutorService executor;
  @Resource jakarta.enterprise.concurrent.ManagedScheduledExecutorService scheduler;

  private volatile boolean modelLoaded;
  private volatile boolean stopped;
  private volatile java.util.concurrent.Future<?> retry;

  @Override
  public void start() {
    if (stopped) {
      return;
    }
    executor.execute(
        () -> {
          try {
            long started = System.nanoTime();
            provider.embed(List.of("warm-up"));
            modelLoaded = true;
            LOG.info(
                () ->
                    "embedding model "
                        + provider.modelId()
                        + " loaded in "
                        + (System.nanoTime() - started) / 1_000_000
                        + " ms");
            modelStartup.prepare();
            worker.start();
          } catch (RuntimeException | LinkageError | java.sql.SQLException e) {
            // LinkageError: a model whose native library cannot be loaded (UnsatisfiedLinkError,
            // NoClassDefFoundError after it) leaves the model not loaded - readiness DOWN - and is
            // logged, instead of escaping the executor unseen.
            LOG.log(
                Level.SEVERE,
                "embedding pipeline for "
                    + provider.modelId()
                    + " failed to start; retrying in 30 s",
                e);
            retryLater();
          }
        });
  }

  /** A start that failed (model or database unreachable) is tried again, not left stalled. */
  private void retryLater() {
    if (!stopped) {
      retry = scheduler.schedule(this::start, 30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** On undeploy no further start is tried (the worker stops itself). */
  @jakarta.annotation.PreDestroy
  void stop() {
    stopped = true;
    java.util.concurrent.Future<?> pending = retry;
    if (pending != null) {
      pending.cancel(false);
    }
  }

  @Override
  public boolean modelLoaded() {
    return modelLoaded;
  }

  @Override
  public String activeModel() {
    return provider.modelId();
  }

  @Override
  public int dimensions() {
    return provider.dimensions();
  }
}
