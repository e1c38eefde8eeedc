package io.cvtailor.kernel.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sentence splitter and the line folding under coverage-guided fuzzing: any text splits without
 * an exception into stripped, non-empty pieces of the text, no longer than it in total, none
 * holding a line break.
 */
class SentencesFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void anyTextSplitsIntoPiecesOfItself(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    List<String> sentences = Sentences.of(text);
    assertThat(sentences.stream().mapToInt(String::length).sum())
        .isLessThanOrEqualTo(text.length());
    for (String sentence : sentences) {
      assertThat(sentence).isNotEmpty().isEqualTo(sentence.strip());
      assertThat(sentence.chars().noneMatch(c -> Lines.isLineBreak((char) c))).isTrue();
      assertThat(text).contains(sentence);
    }
    List<Sentences.Line> lines = Sentences.lines(text);
    assertThat(lines.stream().mapToInt(l -> l.text().length()).sum())
        .isLessThanOrEqualTo(text.length());
    lines.forEach(line -> assertThat(text).contains(line.text()));
    String bullet = Sentences.bulletText(text);
    if (bullet != null) {
      assertThat(bullet).isNotBlank();
    }

    String joined = Lines.joined(text, " ");
    assertThat(joined.length()).isLessThanOrEqualTo(text.length());
    assertThat(joined.chars().noneMatch(c -> Lines.isLineBreak((char) c))).isTrue();
    List<String> paragraphs = Lines.paragraphs(text);
    paragraphs.forEach(p -> assertThat(p).isNotBlank().isEqualTo(p.strip()));
    assertThat(paragraphs.stream().mapToInt(String::length).sum())
        .isLessThanOrEqualTo(text.length());
  }
}
