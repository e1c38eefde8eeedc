package io.cvtailor.embeddings.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddingProvidersTest {

  @Test
  void buildsTheOpenAiProviderFromConfiguration() {
    Map<String, String> config =
        Map.of(
            "openai.api-key", "sk-test",
            "embedding.model", "text-embedding-3-large",
            "embedding.dimensions", "1024");

    OpenAiEmbeddingProvider provider =
        EmbeddingProviders.openAi(
            key -> Optional.ofNullable(config.get(key)), exchange -> exchange.get());

    assertThat(provider.modelId()).isEqualTo("text-embedding-3-large@1024");
    assertThat(provider.dimensions()).isEqualTo(1024);
    assertThat(provider.maxInputTokens()).isEqualTo(8191);
  }

  @Test
  void explainsAMisconfiguration() {
    assertThatThrownBy(
            () -> EmbeddingProviders.openAi(key -> Optional.empty(), exchange -> exchange.get()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("embedding.provider=openai is misconfigured")
        .hasMessageContaining("openai.api-key");
  }

  @Test
  void aModelThatCannotBeLoadedAnswersRetryablyInsteadOfThrowingTheError() {
    UnsatisfiedLinkError refused =
        new UnsatisfiedLinkError(
            "Native Library /root/.djl.ai/libtokenizers.so already loaded in another classloader");

    io.cvtailor.embeddings.EmbeddingProvider provider =
        EmbeddingProviders.local(
            () -> {
              throw refused;
            });

    assertThat(provider.modelId()).isEqualTo(LocalMiniLmProvider.MODEL_ID);
    assertThat(provider.dimensions()).isEqualTo(384);
    assertThatThrownBy(() -> provider.embed(java.util.List.of("warm-up")))
        .isInstanceOfSatisfying(
            io.cvtailor.embeddings.EmbeddingException.class,
            e -> assertThat(e.retryable()).isTrue())
        .hasMessageContaining("could not be loaded")
        .hasCause(refused);
  }
}
