package io.cvtailor.embeddings.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {
  private final Map<String, String> config = new HashMap<>(Map.of("openai.api-key", "sk-secret"));

  private OpenAiSettings settings() {
    return OpenAiSettings.from(key -> Optional.ofNullable(config.get(key)));
  }

  @Test
  void defaultsToTextEmbedding3SmallOnOpenAi() {
    OpenAiSettings settings = settings();

    assertThat(settings.modelId()).isEqualTo("text-embedding-3-small");
    assertThat(settings.dimensions()).isEqualTo(1536);
    assertThat(settings.sendDimensions()).isFalse();
    assertThat(settings.embeddingsUri())
        .isEqualTo(URI.create("https://api.openai.com/v1/embeddings"));
    assertThat(settings.pricePerMillionTokens()).isEqualByComparingTo("0.02");
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.maxInputTokens()).isEqualTo(8191);
    assertThat(settings.batchSize()).isEqualTo(256);
  }

  @Test
  void largeModelAtItsNativeSizeSendsNoDimensions() {
    config.put("embedding.model", "text-embedding-3-large");
    config.put("embedding.dimensions", "3072");

    OpenAiSettings settings = settings();

    assertThat(settings.modelId()).isEqualTo("text-embedding-3-large");
    assertThat(settings.sendDimensions()).isFalse();
    assertThat(settings.pricePerMillionTokens()).isEqualByComparingTo("0.13");
  }

  @Test
  void reducedDimensionsAreSentAndNamed() {
    config.put("embedding.dimensions", "512");

    assertThat(settings().modelId()).isEqualTo("text-embedding-3-small@512");
    assertThat(settings().sendDimensions()).isTrue();
  }

  @Test
  void aLocalCompatibleServerNeedsNoKeyButItsModelsSize() {
    config.clear();
    config.put("openai.base-url", "http://localhost:11434/v1/");
    config.put("embedding.model", "nomic-embed-text");

    assertThatThrownBy(this::settings)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("embedding.dimensions is required for model 'nomic-embed-text'");

    config.put("embedding.dimensions", "768");
    OpenAiSettings settings = settings();
    assertThat(settings.apiKey()).isEmpty();
    assertThat(settings.modelId()).isEqualTo("nomic-embed-text");
    assertThat(settings.sendDimensions()).isFalse();
    assertThat(settings.pricePerMillionTokens()).isZero();
    assertThat(settings.embeddingsUri())
        .isEqualTo(URI.create("http://localhost:11434/v1/embeddings"));
  }

  @Test
  void openAiItselfNeedsAKey() {
    config.remove("openai.api-key");
    config.put("openai.api-key", "  ");

    assertThatThrownBy(this::settings).hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void rejectsImpossibleOrInvalidValuesNamingTheKey() {
    assertRejected("embedding.dimensions", "4096", "at most 1536");
    assertRejected("embedding.dimensions", "-1", "embedding.dimensions='-1'");
    assertRejected("openai.timeout-ms", "soon", "openai.timeout-ms='soon'");
    assertRejected("embedding.batch-size", "5000", "above the API's 2048");
    assertRejected(
        "embedding.price-per-million-tokens", "-0.1", "embedding.price-per-million-tokens");
    assertRejected("openai.base-url", "ftp://example.com", "openai.base-url");
    config.put("embedding.model", "text-embedding-ada-002");
    assertRejected("embedding.dimensions", "512", "always returns 1536");
  }

  private void assertRejected(String key, String value, String message) {
    String before = config.put(key, value);
    try {
      assertThatThrownBy(this::settings)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(message);
    } finally {
      if (before == null) {
        config.remove(key);
      } else {
        config.put(key, before);
      }
    }
  }

  @Test
  void neverPrintsTheKey() {
    assertThat(settings().toString()).doesNotContain("sk-secret").contains("apiKey=(set)");
  }

  @Test
  void configuredPriceWins() {
    config.put("embedding.price-per-million-tokens", "0.5");
    assertThat(settings().pricePerMillionTokens()).isEqualTo(new BigDecimal("0.5"));
  }
}
