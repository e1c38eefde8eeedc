package io.cvtailor.embeddings.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.embeddings.EmbeddingException;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.internal.chunking.TextChunker.Chunk;
import io.cvtailor.embeddings.internal.pipeline.BatchEmbedding.Outcome;
import io.cvtailor.embeddings.internal.pipeline.BatchEmbedding.Pending;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchEmbeddingTest {
  /**
   * A model that embeds a text as {length}, refuses any text containing "bad", counts its calls.
   */
  private static final class Model implements EmbeddingProvider {
    final List<Integer> callSizes = new ArrayList<>();

    @Override
    public String modelId() {
      return "test";
    }

    @Override
    public int dimensions() {
      return 1;
    }

    @Override
    public int maxInputTokens() {
      return 512;
    }

    @Override
    public BigDecimal pricePerToken() {
      return BigDecimal.ZERO;
    }

    @Override
    public int countTokens(String text) {
      return text.length();
    }

    @Override
    public List<float[]> embed(List<String> inputs) {
      callSizes.add(inputs.size());
      if (inputs.stream().anyMatch(t -> t.contains("bad"))) {
        throw new EmbeddingException("refused", false);
      }
      return inputs.stream().map(t -> new float[] {t.length()}).toList();
    }
  }

  private static Pending pending(long id, String... texts) {
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      chunks.add(new Chunk(i, texts[i], texts[i].length()));
    }
    return new Pending(id, new EmbeddingPlan(chunks, List.of()));
  }

  @Test
  void oneCallForTheWholeBatchEachArtifactGetsItsOwnVectors() {
    Model model = new Model();
    List<Outcome> outcomes =
        BatchEmbedding.embed(model, List.of(pending(1, "a", "bb"), pending(2, "ccc")));
    assertThat(model.callSizes).containsExactly(3);
    assertThat(outcomes).extracting(Outcome::artifactId).containsExactly(1L, 2L);
    assertThat(outcomes.get(0).vectors()).extracting(v -> v[0]).containsExactly(1f, 2f);
    assertThat(outcomes.get(1).vectors()).extracting(v -> v[0]).containsExactly(3f);
    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
  }

  @Test
  void aBadArtifactFailsAloneTheOthersAreEmbeddedOneByOne() {
    Model model = new Model();
    List<Outcome> outcomes =
        BatchEmbedding.embed(
            model, List.of(pending(1, "good"), pending(2, "bad one"), pending(3, "fine")));
    assertThat(model.callSizes).containsExactly(3, 1, 1, 1);
    assertThat(outcomes.get(0).vectors()).hasSize(1);
    assertThat(outcomes.get(1).failure()).hasMessage("refused");
    assertThat(outcomes.get(1).vectors()).isNull();
    assertThat(outcomes.get(2).vectors()).hasSize(1);
  }

  @Test
  void aSingleArtifactIsNotCalledTwice() {
    Model model = new Model();
    List<Outcome> outcomes = BatchEmbedding.embed(model, List.of(pending(1, "bad")));
    assertThat(model.callSizes).containsExactly(1);
    assertThat(outcomes.get(0).failure()).isNotNull();
  }

  @Test
  void nothingToEmbedMakesNoCall() {
    Model model = new Model();
    assertThat(BatchEmbedding.embed(model, List.of())).isEmpty();
    assertThat(model.callSizes).isEmpty();
  }
}
