package io.cvtailor.embeddings.internal.provider;

import io.cvtailor.embeddings.EmbeddingProvider;
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
  private static final Logger LOG = Logger.getLogger(EmbeddingProviders.class.getName());

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
          case "local" -> new LocalOnnxProvider(LocalModel.byId(localModel));
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
