package io.cvtailor.embeddings.internal.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.embeddings.internal.provider.LocalMiniLmProvider;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chunks are measured with the real MiniLM tokenizer, the one the local model uses. */
class TextChunkerTest {
  private static LocalMiniLmProvider model;

  @BeforeAll
  static void loadModel() {
    model = new LocalMiniLmProvider();
  }

  @AfterAll
  static void closeModel() throws Exception {
    model.close();
  }

  private static String longText() {
    return IntStream.rangeClosed(1, 40)
        .mapToObj(
            i ->
                "Sentence number "
                    + i
                    + " describes migrating service"
                    + i
                    + " from a monolith to Kafka consumers with careful backfills.")
        .collect(Collectors.joining(" "));
  }

  @Test
  void everyChunkFitsTheModelAndStartsWithTheHeadline() {
    List<TextChunker.Chunk> chunks =
        new TextChunker(model, 0.2).chunk("Platform engineer", longText());
    assertThat(chunks).hasSizeGreaterThan(3);
    for (TextChunker.Chunk chunk : chunks) {
      assertThat(chunk.tokenCount()).isLessThanOrEqualTo(model.maxInputTokens());
      assertThat(model.countTokens(chunk.text())).isEqualTo(chunk.tokenCount());
      assertThat(chunk.text()).startsWith("Platform engineer\n");
    }
    assertThat(chunks)
        .extracting(TextChunker.Chunk::ordinal)
        .containsExactly(IntStream.range(0, chunks.size()).boxed().toArray(Integer[]::new));
  }

  @Test
  void togetherTheChunksCoverEveryWordAndSplitBetweenSentences() {
    String text = longText();
    List<TextChunker.Chunk> chunks = new TextChunker(model, 0.2).chunk("Headline", text);
    Set<String> covered = new LinkedHashSet<>();
    for (TextChunker.Chunk chunk : chunks) {
      String body = chunk.text().substring("Headline\n".length());
      covered.addAll(Arrays.asList(body.split("\\s+")));
      assertThat(body).startsWith("Sentence number").endsWith(".");
    }
    assertThat(covered).containsAll(Arrays.asList(text.split("\\s+")));
  }

  @Test
  void consecutiveChunksOverlap() {
    List<TextChunker.Chunk> chunks = new TextChunker(model, 0.3).chunk(null, longText());
    for (int i = 1; i < chunks.size(); i++) {
      String previous = chunks.get(i - 1).text();
      String firstSentence = chunks.get(i).text().split("(?<=\\.) ")[0];
      assertThat(previous)
          .as("chunk %d repeats the end of chunk %d", i, i - 1)
          .contains(firstSentence);
    }
  }

  @Test
  void aSentenceLongerThanTheModelIsSplitBetweenWordsNotDropped() {
    String run = IntStream.range(0, 300).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
    List<TextChunker.Chunk> chunks = new TextChunker(model, 0.2).chunk(null, run);
    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks).allSatisfy(c -> assertThat(c.tokenCount()).isLessThanOrEqualTo(128));
    assertThat(String.join(" ", chunks.stream().map(TextChunker.Chunk::text).toList()))
        .contains("word0 ")
        .endsWith("word299");
  }

  @Test
  void shortTextIsOneChunk() {
    assertThat(new TextChunker(model, 0.2).chunk("Title", "One short description."))
        .singleElement()
        .extracting(TextChunker.Chunk::text)
        .isEqualTo("Title\nOne short description.");
  }
}
