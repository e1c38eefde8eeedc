package io.cvtailor.embeddings.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.cvtailor.embeddings.EmbeddingException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalOnnxProviderTest {
  /** Each pair says the same thing in other words; sentences of different pairs are unrelated. */
  private static final List<List<String>> RELATED_PAIRS =
      List.of(
          List.of(
              "Led a team of five backend engineers building payment services.",
              "Managed a group of developers who wrote the billing platform."),
          List.of(
              "Deployed the web application to a Kubernetes cluster on AWS.",
              "Shipped the service to production using containers in the cloud."),
          List.of(
              "Taught chemistry and biology to secondary school students.",
              "Worked as a science teacher at a high school."));

  private static LocalOnnxProvider provider;

  @BeforeAll
  static void loadModel() {
    provider = new LocalOnnxProvider();
  }

  @AfterAll
  static void closeModel() throws Exception {
    provider.close();
  }

  @Test
  void everyRelatedPairScoresAboveEveryUnrelatedPair() {
    List<float[]> first = provider.embed(RELATED_PAIRS.stream().map(p -> p.get(0)).toList());
    List<float[]> second = provider.embed(RELATED_PAIRS.stream().map(p -> p.get(1)).toList());
    List<Double> related = new ArrayList<>();
    List<Double> unrelated = new ArrayList<>();
    for (int i = 0; i < RELATED_PAIRS.size(); i++) {
      for (int j = 0; j < RELATED_PAIRS.size(); j++) {
        (i == j ? related : unrelated).add(cosine(first.get(i), second.get(j)));
      }
    }

    double weakestRelated = related.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double strongestUnrelated =
        unrelated.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    assertThat(weakestRelated)
        .as("related %s vs unrelated %s", related, unrelated)
        .isGreaterThan(strongestUnrelated);
  }

  @Test
  void returns384FiniteUnitVectors() {
    List<float[]> vectors = provider.embed(List.of("Java developer", "Kubernetes and PostgreSQL"));

    assertThat(provider.dimensions()).isEqualTo(384);
    assertThat(vectors)
        .hasSize(2)
        .allSatisfy(
            v -> {
              assertThat(v).hasSize(384);
              for (float x : v) {
                assertThat(Float.isFinite(x)).isTrue();
              }
              assertThat(Math.sqrt(dot(v, v))).isCloseTo(1.0, within(1e-4));
            });
  }

  @Test
  void rejectsAnInputOverTheModelsTokensInsteadOfTruncating() {
    String words =
        String.join(" ", IntStream.range(0, 60).mapToObj(i -> "engineering").toList()) + " tail";
    String tooLong = words + " " + words + " " + words;
    assertThat(provider.countTokens(tooLong)).isGreaterThan(provider.maxInputTokens());
    assertThat(provider.countTokens(words)).isLessThanOrEqualTo(provider.maxInputTokens());

    assertThat(provider.embed(List.of(words))).hasSize(1);
    assertThatThrownBy(() -> provider.embed(List.of("short", tooLong)))
        .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("input 1 has")
        .hasMessageContaining("takes 128");
  }

  @Test
  void rejectsABlankInput() {
    assertThatThrownBy(() -> provider.embed(List.of(" ")))
        .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.retryable()).isFalse());
  }

  @Test
  void countsTokensWithTheModelsTokenizer() throws Exception {
    List<String> samples =
        List.of(
            "hello world",
            "Senior Software Engineer (Java 17, Jakarta EE, PostgreSQL/pgvector)",
            "Zürich, naïve café – 東京",
            "ran 10,000 load tests @ 99.9% uptime");
    try (InputStream json =
            LocalOnnxProvider.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json");
        HuggingFaceTokenizer tokenizer =
            HuggingFaceTokenizer.newInstance(
                json, Map.of("truncation", "false", "padding", "false"))) {
      for (String text : samples) {
        assertThat(provider.countTokens(text))
            .as(text)
            .isEqualTo(tokenizer.encode(text).getIds().length);
      }
    }
    // [CLS] hello world [SEP]
    assertThat(provider.countTokens("hello world")).isEqualTo(4);
  }

  @Test
  void aBatchEmbedsLikeOneByOne() {
    // The quantized model's vectors used to depend on the other inputs of an ONNX batch (dynamic
    // quantization over the whole batch): a text must get the same vector in any company.
    List<String> inputs =
        IntStream.range(0, 40)
            .mapToObj(
                i ->
                    "Artifact "
                        + i
                        + ": "
                        + "built and maintained data pipelines ".repeat(1 + i % 5).strip())
            .toList();

    List<float[]> batched = provider.embed(inputs);

    assertThat(batched).hasSize(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      float[] single = provider.embed(List.of(inputs.get(i))).get(0);
      assertThat(cosine(batched.get(i), single)).as(inputs.get(i)).isGreaterThan(0.999);
    }
  }

  private static double cosine(float[] a, float[] b) {
    return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
