package io.cvtailor.embeddings.internal.provider;

import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Produces the active embedding provider chosen by configuration ({@code embedding.provider}). */
@ApplicationScoped
public class EmbeddingProviders {
  private static final Logger LOG = RequestIds.logger(EmbeddingProviders.class);

  @Inject
  @ConfigProperty(name = "embedding.provider", defaultValue = "local")
  String providerName;

  /** Which in-process model {@code local} runs ({@link LocalModel}); switching is a re-index. */
  @Inject
  @ConfigProperty(name = "embedding.local.model", defaultValue = "all-minilm-l6-v2-q")
  String localModel;

  @Inject OpenAiEmbeddingCalls openAiCalls;

  @Produces
  @ApplicationScoped
  EmbeddingProvider activeProvider() {
    EmbeddingProvider provider =
        switch (providerName.strip().toLowerCase(java.util.Locale.ROOT)) {
          case "local" -> local(() -> new LocalOnnxProvider(LocalModel.byId(localModel)));
          case "openai" -> {
            Config config = ConfigProvider.getConfig();
            yield openAi(key -> config.getOptionalValue(key, String.class), openAiCalls::call);
          }
          default ->
              throw new IllegalStateException(
                  "unknown embedding.provider '" + providerName + "': use local or openai");
        };
    LOG.info(
        () ->
            "embedding provider: "
                + provider.modelId()
                + " ("
                + provider.dimensions()
                + " dimensions)");
    return provider;
  }

  /**
   * The in-process model, or - when it cannot be loaded (its native library refused, a class
   * missing: an {@code Error} as much as an exception) - a provider that says so: the failure is
   * logged once with its cause, the warm-up fails so readiness stays DOWN, and each request that
   * needs the model answers 503 with Retry-After (a retryable {@link EmbeddingException}) instead
   * of 500. Writes are still accepted and queued; their jobs wait for a working deployment.
   */
  static EmbeddingProvider local(java.util.function.Supplier<EmbeddingProvider> load) {
    try {
      return load.get();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(
          java.util.logging.Level.SEVERE,
          "the local embedding model could not be loaded; readiness stays DOWN",
          e);
      return new Unavailable(LocalOnnxProvider.MODEL_ID, LocalOnnxProvider.DIMENSIONS, e);
    }
  }

  /** A model that could not be loaded: every embedding fails, retryably, naming why. */
  record Unavailable(String modelId, int dimensions, Throwable cause) implements EmbeddingProvider {
    @Override
    public int maxInputTokens() {
      return LocalModel.ALL_MINILM_L6_V2_Q.maxTokens();
    }

    @Override
    public java.math.BigDecimal pricePerToken() {
      return java.math.BigDecimal.ZERO;
    }

    @Override
    public int countTokens(String text) {
      throw failure();
    }

    @Override
    public java.util.List<float[]> embed(java.util.List<String> inputs) {
      throw failure();
    }

    private io.cvtailor.embeddings.EmbeddingException failure() {
      return new io.cvtailor.embeddings.EmbeddingException(
          "the embedding model " + modelId + " could not be loaded: " + cause, true, cause);
    }
  }

  /**
   * The OpenAI-compatible provider from configuration (keys in {@link OpenAiSettings}); each
   * request passes through {@code guard}, the Fault Tolerance bean in the container.
   *
   * @throws IllegalStateException naming the misconfigured key
   */
  static OpenAiEmbeddingProvider openAi(
      Function<String, Optional<String>> config, OpenAiEmbeddingProvider.CallGuard guard) {
    OpenAiSettings settings;
    try {
      settings = OpenAiSettings.from(config);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "embedding.provider=openai is misconfigured: " + e.getMessage(), e);
    }
    LOG.info(() -> "OpenAI-compatible embeddings: " + settings);
    return new OpenAiEmbeddingProvider(
        settings, OpenAiEmbeddingProvider.httpClient(settings), RetryPolicy.standard(), guard);
  }

  void close(@Disposes EmbeddingProvider provider) throws Exception {
    if (provider instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
