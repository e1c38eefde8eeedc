package io.cvtailor.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RankingExplainerTest {

  @Test
  void theBestSentenceSharesMostWordsWithTheRequirementAndSkipsTheHeadline() {
    String chunk =
        "Payments engineer — Acme\n"
            + "Built the ledger, e.g. double entry in PostgreSQL. Ran Kafka consumers for billing.";
    assertThat(RankingExplainer.bestSentence(chunk, "Experience running Kafka consumers"))
        .isEqualTo("Ran Kafka consumers for billing.");
    assertThat(RankingExplainer.bestSentence(chunk, "PostgreSQL double entry ledger"))
        .isEqualTo("Built the ledger, e.g. double entry in PostgreSQL.");
  }

  /**
   * The issue's "Leadership Tags: mentoring…": the chunker's tags line is not the person's words.
   */
  @Test
  void theTagsLineIsNeverQuoted() {
    String chunk =
        "Engineering lead — Acme\n\nTags: mentoring, hiring, leadership.\n\n"
            + "Mentored four engineers; two were promoted within a year.";
    assertThat(RankingExplainer.bestSentence(chunk, "Leadership and mentoring"))
        .isEqualTo("Mentored four engineers; two were promoted within a year.");
    assertThat(RankingExplainer.bestSentence("Leadership\nTags: mentoring.", "mentoring")).isNull();
  }

  @Test
  void theExplanationUsesTheFitWordsOnlyAndNoInternalLabels() {
    var evidence =
        java.util.List.of(
            new io.cvtailor.search.RankResult.Evidence(
                "Experience running Kafka", "Ran Kafka consumers for billing.", 0.68));
    String text =
        RankingExplainer.text(
            evidence,
            java.util.List.of("kafka"),
            true,
            new io.cvtailor.search.Fit(io.cvtailor.search.Fit.STRONG, 0.68, 0.1));
    assertThat(text)
        .startsWith("Strong fit.")
        .contains("\"Ran Kafka consumers for billing.\"")
        .contains("Words in common with the posting: kafka.")
        .doesNotContain("0.68")
        .doesNotContain("%")
        .doesNotContain("similarity")
        .doesNotContain("Tags:");
    String unrelated =
        RankingExplainer.text(
            evidence,
            java.util.List.of(),
            true,
            new io.cvtailor.search.Fit(io.cvtailor.search.Fit.UNRELATED, 0.2, 0));
    assertThat(unrelated).startsWith("Unrelated to this posting.").doesNotContain("Closest to");
  }

  @Test
  void textArraysEscapeQuotesAndBackslashes() {
    assertThat(RankingExplainer.textArray(java.util.List.of("a \"b\"", "c\\d")))
        .isEqualTo("{\"a \\\"b\\\"\",\"c\\\\d\"}");
  }

  @Test
  void aLongPassageIsShortenedForTheExplanation() {
    String chunk = "Headline\n" + "word ".repeat(200);
    assertThat(RankingExplainer.bestSentence(chunk, "word")).hasSize(298).endsWith("…");
  }

  /** Inputs aimed at the word pattern (runs of separators and word characters) and the splitter. */
  static Stream<String> pathological() {
    return Stream.of(
        "a-".repeat(25_000),
        "a.".repeat(25_000),
        "a" + "-".repeat(49_999),
        "a" + ".-".repeat(24_999) + "!",
        "c++#".repeat(12_500),
        "x".repeat(50_000),
        "-" + " ".repeat(49_990));
  }

  /**
   * Linear matching takes milliseconds; a generous bound that only catastrophic backtracking hits.
   */
  @ParameterizedTest
  @MethodSource("pathological")
  void pathologicalPassagesAndRequirementsAreMatchedInLinearTime(String text) {
    String best =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2), () -> RankingExplainer.bestSentence("Headline\n" + text, text));
    assertThat(best.length()).isLessThanOrEqualTo(300);
  }
}
