package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.EmbeddingProvider;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

@ApplicationScoped
public class DefaultEmbeddingPipeline implements EmbeddingPipeline {
  private static final Logger LOG = Logger.getLogger(DefaultEmbeddingPipeline.class.getName());

  @Inject EmbeddingProvider provider;
  @Inject EmbeddingWorker worker;
  @Resource ManagedExecutorService executor;

  private volatile boolean modelLoaded;

  @Override
  public void start() {
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
            worker.start();
          } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "embedding model " + provider.modelId() + " failed to load", e);
          }
        });
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
