package io.cvtailor.embeddings.internal.provider;

import io.cvtailor.embeddings.EmbeddingProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Produces the active embedding provider chosen by configuration ({@code embedding.provider}). */
@ApplicationScoped
public class EmbeddingProviders {
  private static final Logger LOG = Logger.getLogger(EmbeddingProviders.class.getName());

  @Inject
  @ConfigProperty(name = "embedding.provider", defaultValue = "local")
  String providerName;

  @Produces
  @ApplicationScoped
  EmbeddingProvider activeProvider() {
    EmbeddingProvider provider =
        switch (providerName.strip().toLowerCase(java.util.Locale.ROOT)) {
          case "local" -> new LocalMiniLmProvider();
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

  void close(@Disposes EmbeddingProvider provider) throws Exception {
    if (provider instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
