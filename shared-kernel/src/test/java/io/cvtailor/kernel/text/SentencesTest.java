package io.cvtailor.kernel.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SentencesTest {

  @Test
  void splitsAtFullStopsQuestionAndExclamationMarksFollowedBySpace() {
    assertThat(Sentences.of("Built a ledger. Ran it for 3 years! Why? Because."))
        .containsExactly("Built a ledger.", "Ran it for 3 years!", "Why?", "Because.");
  }

  @Test
  void abbreviationsDoNotEndASentence() {
    assertThat(
            Sentences.of(
                "Used queues, e.g. Kafka and SQS, i.e. two brokers. Worked with Dr. Smith and J."
                    + " Doe in the U.S. Army, approx. five people, vs. two before, etc. and more."
                    + " Then left."))
        .containsExactly(
            "Used queues, e.g. Kafka and SQS, i.e. two brokers.",
            "Worked with Dr. Smith and J. Doe in the U.S. Army, approx. five people, vs. two"
                + " before, etc. and more.",
            "Then left.");
  }

  @Test
  void etcBeforeACapitalEndsTheSentence() {
    assertThat(Sentences.of("Java, Kotlin, etc. Later Go."))
        .containsExactly("Java, Kotlin, etc.", "Later Go.");
  }

  @Test
  void decimalsVersionsAndDomainsAreNotBoundaries() {
    assertThat(Sentences.of("Cut p95 by 3.5 ms on Java 17.0.2 at example.com. Next."))
        .containsExactly("Cut p95 by 3.5 ms on Java 17.0.2 at example.com.", "Next.");
  }

  @Test
  void everyLineBreakEndsASentenceAndBlankLinesAreSkipped() {
    assertThat(Sentences.of("Skills\r\nJava and SQL\n\n\nKafka streams\u2028Done"))
        .containsExactly("Skills", "Java and SQL", "Kafka streams", "Done");
  }

  @Test
  void bulletMarkersAreDroppedAndBulletsAreRecognised() {
    String text =
        """
        What you'll do
          - Build services in Kotlin
        * Run PostgreSQL. Keep it fast.
        • Kafka
        12) Twelfth
        3. Third
        1.5 years is not a bullet
        -no space is not a bullet
        -\s\s\s
        """;
    assertThat(Sentences.lines(text))
        .containsExactly(
            new Sentences.Line("What you'll do", false),
            new Sentences.Line("Build services in Kotlin", true),
            new Sentences.Line("Run PostgreSQL. Keep it fast.", true),
            new Sentences.Line("Kafka", true),
            new Sentences.Line("Twelfth", true),
            new Sentences.Line("Third", true),
            new Sentences.Line("1.5 years is not a bullet", false),
            new Sentences.Line("-no space is not a bullet", false),
            new Sentences.Line("-", false));
    assertThat(Sentences.of(text))
        .contains("Run PostgreSQL.", "Keep it fast.", "Third")
        .doesNotContain("3.", "3. Third");
    assertThat(Sentences.bulletText("  – Five years of Java ")).isEqualTo("Five years of Java");
    assertThat(Sentences.bulletText("Five years of Java")).isNull();
  }

  @Test
  void closingQuotesAndBracketsStayWithTheirSentence() {
    assertThat(Sentences.of("He said \"ship it.\" We did (twice!) and it worked.) Then?! Yes..."))
        .containsExactly(
            "He said \"ship it.\"", "We did (twice!) and it worked.)", "Then?!", "Yes...");
  }

  @Test
  void cjkSentencesEndWithoutSpaces() {
    assertThat(Sentences.of("我们构建了支付系统。它每天处理一百万笔交易！为什么？因为「快。」好"))
        .containsExactly("我们构建了支付系统。", "它每天处理一百万笔交易！", "为什么？", "因为「快。」", "好");
  }

  @Test
  void nothingIsLostBetweenTheSentences() {
    String text = "A first one. e.g. not split? Yes! 2.5 x... Then: more; and\nmore.";
    String joined = String.join("", Sentences.of(text)).replaceAll("\\s+", "");
    assertThat(joined).isEqualTo(text.replaceAll("\\s+", ""));
  }

  @Test
  void emptyAndNullTextHaveNoSentences() {
    assertThat(Sentences.of(null)).isEmpty();
    assertThat(Sentences.of(" \n\t ")).isEmpty();
    assertThat(Sentences.lines(null)).isEmpty();
  }

  /** Inputs of 50,000 characters that would make a backtracking splitter quadratic or worse. */
  static Stream<String> pathological() {
    return Stream.of(
        "-" + " ".repeat(49_990),
        "- " + " ".repeat(49_990) + "x",
        ". ".repeat(25_000),
        ".".repeat(50_000),
        "e.g. ".repeat(10_000),
        "a.".repeat(25_000),
        "1. ".repeat(16_666),
        "\n".repeat(50_000),
        "\r\n ".repeat(16_666),
        "A. b".repeat(12_500),
        "?!".repeat(25_000) + " x",
        "\"".repeat(49_999) + ".",
        "。".repeat(50_000),
        "x".repeat(50_000));
  }

  /**
   * Each input is split in well under a second when the splitter is linear; a quadratic splitter
   * needs minutes. The bound is generous on purpose: it guards against catastrophic behaviour, it
   * does not measure speed (that is what {@code ./cvtailor bench} is for).
   */
  @ParameterizedTest
  @MethodSource("pathological")
  void pathologicalInputIsSplitInLinearTime(String text) {
    List<String> sentences = within(() -> Sentences.of(text));
    assertThat(sentences.stream().mapToInt(String::length).sum())
        .isLessThanOrEqualTo(text.length());
    within(() -> Sentences.lines(text));
    within(() -> Sentences.bulletText(text));
  }

  private static <T> T within(Supplier<T> work) {
    return assertTimeoutPreemptively(Duration.ofSeconds(10), work::get);
  }
}
