package io.cvtailor.embeddings.internal.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.cvtailor.embeddings.internal.provider.LocalOnnxProvider;
import io.cvtailor.kernel.text.Sentences;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The chunker under coverage-guided fuzzing, measured with the real MiniLM tokenizer: any headline
 * and text of any script become chunks that each fit the model (so no artifact fails with "has N
 * tokens"), and no character of its sentences is lost.
 */
class TextChunkerFuzzTest {
  private static LocalOnnxProvider model;

  @BeforeAll
  static void loadModel() {
    model = new LocalOnnxProvider();
  }

  @AfterAll
  static void closeModel() throws Exception {
    model.close();
  }

  @FuzzTest(maxDuration = "5s")
  void anyTextBecomesChunksThatFitTheModel(FuzzedDataProvider data) {
    String headline = data.consumeBoolean() ? null : data.consumeString(400);
    String body = data.consumeRemainingAsString();
    List<TextChunker.Chunk> chunks = new TextChunker(model, 0.2).chunk(headline, body);
    int kept = 0;
    for (int i = 0; i < chunks.size(); i++) {
      TextChunker.Chunk chunk = chunks.get(i);
      assertThat(chunk.ordinal()).isEqualTo(i);
      assertThat(chunk.tokenCount())
          .isEqualTo(model.countTokens(chunk.text()))
          .isLessThanOrEqualTo(model.maxInputTokens());
      kept += nonSpace(chunk.text());
    }
    int written = Sentences.of(body).stream().mapToInt(TextChunkerFuzzTest::nonSpace).sum();
    assertThat(kept).isGreaterThanOrEqualTo(written); // bullet markers aside, nothing is dropped
  }

  private static int nonSpace(String text) {
    return text == null
        ? 0
        : (int)
            text.codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .count();
  }
}
