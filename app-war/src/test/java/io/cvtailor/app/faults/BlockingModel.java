package io.cvtailor.app.faults;

import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.LocalEmbeddingModel;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only stand-in for the embedding model, added to the WAR by a fault test: the real local
 * model, except that a call whose inputs contain {@link #HOLD} blocks until the test releases it
 * (through {@link BlockingModelResource}), at most two minutes.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class BlockingModel {
  public static final String HOLD = "hold-the-model-call";

  static final AtomicInteger BLOCKED = new AtomicInteger();
  static volatile CountDownLatch release = new CountDownLatch(1);

  @Produces
  @ApplicationScoped
  @Alternative
  @Priority(Interceptor.Priority.APPLICATION + 100)
  EmbeddingProvider blockingProvider() {
    return new Blocking(LocalEmbeddingModel.open());
  }

  void close(@Disposes EmbeddingProvider provider) throws Exception {
    if (provider instanceof Blocking blocking) {
      LocalEmbeddingModel.close(blocking.model);
    }
  }

  static final class Blocking implements EmbeddingProvider {
    final EmbeddingProvider model;

    Blocking(EmbeddingProvider model) {
      this.model = model;
    }

    @Override
    public String modelId() {
      return model.modelId();
    }

    @Override
    public int dimensions() {
      return model.dimensions();
    }

    @Override
    public int maxInputTokens() {
      return model.maxInputTokens();
    }

    @Override
    public BigDecimal pricePerToken() {
      return model.pricePerToken();
    }

    @Override
    public int countTokens(String text) {
      return model.countTokens(text);
    }

    @Override
    public int[] tokenEnds(String text) {
      return model.tokenEnds(text);
    }

    @Override
    public List<float[]> embed(List<String> inputs) {
      if (inputs.stream().anyMatch(text -> text.contains(HOLD))) {
        BLOCKED.incrementAndGet();
        try {
          release.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          BLOCKED.decrementAndGet();
        }
      }
      return model.embed(inputs);
    }
  }
}
