package io.cvtailor.embeddings.internal.chunking;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.embeddings.internal.provider.LocalOnnxProvider;
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
  private static LocalOnnxProvider model;

  @BeforeAll
  static void loadModel() {
    model = new LocalOnnxProvider();
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

  /** Every chunk fits the model, and together the chunks keep every character of the text. */
  private static List<TextChunker.Chunk> fittingChunks(String headline, String text) {
    List<TextChunker.Chunk> chunks = new TextChunker(model, 0.2).chunk(headline, text);
    assertThat(chunks).isNotEmpty();
    for (TextChunker.Chunk chunk : chunks) {
      assertThat(model.countTokens(chunk.text()))
          .as(chunk.text())
          .isEqualTo(chunk.tokenCount())
          .isLessThanOrEqualTo(model.maxInputTokens());
    }
    return chunks;
  }

  private static String withoutSpaces(String text) {
    return text.replaceAll("\\s++", "");
  }

  @Test
  void cjkTextWithoutSentenceOrWordBoundariesIsCutBetweenTokens() {
    String text = "日本語の長い文章で句読点も空白もない".repeat(40); // 720 characters, one token each
    List<TextChunker.Chunk> chunks = fittingChunks("職務経歴", text);
    assertThat(chunks).hasSizeGreaterThan(5);
    assertThat(chunks).allSatisfy(c -> assertThat(c.text()).startsWith("職務経歴\n"));
    String body =
        chunks.stream().map(c -> c.text().substring("職務経歴\n".length())).reduce("", String::concat);
    assertThat(withoutSpaces(body)).contains(text.substring(0, 100)).endsWith(text.substring(620));
  }

  @Test
  void aLongUrlIsCutBetweenTokensAndKeptWhole() {
    String url =
        "https://example.org/"
            + IntStream.range(0, 120).mapToObj(i -> "segment" + i).collect(Collectors.joining("/"));
    String text = "Project page: " + url + " and more.";
    List<TextChunker.Chunk> chunks = fittingChunks("Portfolio", text);
    assertThat(chunks).hasSizeGreaterThan(3);
    String joined =
        chunks.stream()
            .map(c -> c.text().substring("Portfolio\n".length()))
            .collect(Collectors.joining());
    assertThat(withoutSpaces(joined)).contains(url);
  }

  @Test
  void aTwoThousandCharacterWordFits() {
    String word = "a".repeat(2_000);
    fittingChunks("Title", "Before " + word + " after.");
    String mixed = IntStream.range(0, 400).mapToObj(i -> "ab1.").collect(Collectors.joining());
    fittingChunks("Title", mixed);
  }

  @Test
  void aHeadlineTooLongForEveryChunkIsCutThereAndKeptWholeOnce() {
    String title = "Principal engineer for payments " + "platform ".repeat(35);
    String organization = "Organisation " + "holdings ".repeat(35);
    String headline = (title + " — " + organization).strip();
    List<TextChunker.Chunk> chunks = fittingChunks(headline, longText());
    int maxPrefix = TextChunker.maxPrefixTokens(model);
    for (TextChunker.Chunk chunk : chunks) {
      String prefix = chunk.text().substring(0, chunk.text().indexOf('\n'));
      assertThat(model.countTokens(prefix) - model.countTokens("")).isLessThanOrEqualTo(maxPrefix);
      assertThat(prefix).endsWith("…").startsWith("Principal engineer for payments");
    }
    String all = chunks.stream().map(TextChunker.Chunk::text).collect(Collectors.joining(" "));
    assertThat(withoutSpaces(all)).contains(withoutSpaces(headline));
  }

  @Test
  void aLongHeadlineWithoutBodyStillMakesChunks() {
    String headline = "word ".repeat(300).strip();
    fittingChunks(headline, null);
  }

  @Test
  void tokenEndsAreOffsetsOfTheJavaString() {
    String text = "😀 ab 日本";
    assertThat(model.tokenEnds(text)).containsExactly(2, 5, 7, 8);
  }

  @Test
  void chunksStartAtSentencesAndNeverAfterAnAbbreviation() {
    // The project's one splitter (kernel.text.Sentences): "e.g." ends no sentence here either.
    String text =
        IntStream.rangeClosed(1, 40)
            .mapToObj(
                i -> "Sentence " + i + " moved queues, e.g. Kafka and SQS, to managed brokers.")
            .collect(Collectors.joining(" "));
    List<TextChunker.Chunk> chunks = new TextChunker(model, 0.2).chunk("Headline", text);
    assertThat(chunks).hasSizeGreaterThan(3);
    for (TextChunker.Chunk chunk : chunks) {
      assertThat(chunk.text()).startsWith("Headline\nSentence ");
      assertThat(chunk.text()).doesNotContain("e.g.\n").endsWith("managed brokers.");
    }
  }
}
