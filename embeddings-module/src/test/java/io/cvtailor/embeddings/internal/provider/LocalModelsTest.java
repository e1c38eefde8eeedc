package io.cvtailor.embeddings.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cvtailor.embeddings.EmbeddingException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every selectable local model loads from its jar and is run as its authors trained it: unit
 * vectors of 384 values, retrieval that works (a query finds the passage that answers it), the
 * query prefix applied only where the model has one, and the input limit leaving room for it.
 */
class LocalModelsTest {
  private static final String QUERY = "experience tuning PostgreSQL queries and indexes";
  private static final List<String> PASSAGES =
      List.of(
          "Cut p95 latency by tuning slow PostgreSQL queries and adding the right indexes.",
          "Taught chemistry and biology to secondary school students.",
          "Designed a logo and brand colours for a bakery.");

  @ParameterizedTest
  @EnumSource(LocalModel.class)
  void aQueryFindsThePassageThatAnswersIt(LocalModel model) {
    {
      LocalOnnxProvider provider = loaded(model);
      assertThat(provider.modelId()).isEqualTo(model.id());
      float[] query = provider.embedQueries(List.of(QUERY)).get(0);
      List<float[]> passages = provider.embed(PASSAGES);
      for (float[] v : passages) {
        assertThat(v).hasSize(384);
        assertThat(Math.sqrt(dot(v, v))).isCloseTo(1.0, within(1e-4));
      }
      double answer = dot(query, passages.get(0));
      assertThat(answer)
          .as(
              "%s: %s",
              model,
              IntStream.range(0, 3)
                  .mapToObj(i -> "" + dot(query, passages.get(i)))
                  .collect(Collectors.joining(", ")))
          .isGreaterThan(dot(query, passages.get(1)) + 0.05)
          .isGreaterThan(dot(query, passages.get(2)) + 0.05);
    }
  }

  @ParameterizedTest
  @EnumSource(LocalModel.class)
  void queriesAndPassagesDifferExactlyWhenTheModelHasPrefixes(LocalModel model) {
    {
      LocalOnnxProvider provider = loaded(model);
      float[] asQuery = provider.embedQueries(List.of(QUERY)).get(0);
      float[] asPassage = provider.embed(List.of(QUERY)).get(0);
      boolean prefixed = !model.queryPrefix().equals(model.passagePrefix());
      if (prefixed) {
        assertThat(dot(asQuery, asPassage)).isLessThan(0.999);
      } else {
        assertThat(asQuery).containsExactly(asPassage);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(LocalModel.class)
  void theInputLimitLeavesRoomForThePrefix(LocalModel model) {
    {
      LocalOnnxProvider provider = loaded(model);
      assertThat(provider.maxInputTokens()).isLessThanOrEqualTo(model.maxTokens());
      String word = "engineering ";
      StringBuilder fits = new StringBuilder();
      while (provider.countTokens(fits + word) <= provider.maxInputTokens()) {
        fits.append(word);
      }
      // The longest text that fits embeds both ways (prefix included)...
      assertThat(provider.embedQueries(List.of(fits.toString()))).hasSize(1);
      assertThat(provider.embed(List.of(fits.toString()))).hasSize(1);
      // ...and one more word is refused, never cut.
      String tooLong = fits + word;
      assertThatThrownBy(() -> provider.embed(List.of(tooLong)))
          .isInstanceOf(EmbeddingException.class)
          .hasMessageContaining("takes " + provider.maxInputTokens());
    }
  }

  /** Each model is loaded once for the class (34 MB of ONNX each). */
  private static final Map<LocalModel, LocalOnnxProvider> LOADED = new EnumMap<>(LocalModel.class);

  private static synchronized LocalOnnxProvider loaded(LocalModel model) {
    return LOADED.computeIfAbsent(model, LocalOnnxProvider::new);
  }

  @AfterAll
  static void close() throws Exception {
    for (LocalOnnxProvider provider : LOADED.values()) {
      provider.close();
    }
  }

  @Test
  void anUnknownModelIsNamedWithTheChoices() {
    assertThatThrownBy(() -> LocalModel.byId("gpt-embedding-9"))
        .hasMessageContaining("gpt-embedding-9")
        .hasMessageContaining("bge-small-en-v1.5-q");
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
