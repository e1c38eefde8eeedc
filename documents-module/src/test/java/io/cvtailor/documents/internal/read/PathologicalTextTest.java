package io.cvtailor.documents.internal.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cvtailor.documents.internal.parse.ParsedCv;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text made to hurt backtracking patterns. The former emphasis patterns scanned to the end of the
 * text from every unclosed marker (9 s for 7,000 " *a"); linear work takes milliseconds, so a
 * generous bound only catches catastrophic behaviour.
 */
class PathologicalTextTest {
  /**
   * Not a performance target (those are measured by benchmarks): the former quadratic patterns took
   * 9-148 s on these inputs, the linear code takes 0.1-0.8 s on a 2-core machine under a load of
   * 20, so 10 s separates the two without failing on a busy machine (2 s did, in a full build).
   */
  private static final Duration CATASTROPHIC = Duration.ofSeconds(10);

  @ParameterizedTest
  @ValueSource(strings = {" *a", " _a", "**a", "__a"})
  void unclosedEmphasisMarkersAreBounded(String unit) {
    String text = unit.repeat(7_000);
    String plain = assertTimeoutPreemptively(CATASTROPHIC, () -> PlainText.inline(text));
    assertThat(plain.length()).isLessThanOrEqualTo(text.length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[", "[a]", "[a](", "`", "**", "_a "})
  void unclosedLinksAndCodeAreBounded(String unit) {
    String text = unit.repeat(20_000);
    String plain = assertTimeoutPreemptively(CATASTROPHIC, () -> PlainText.inline(text));
    assertThat(plain.length()).isLessThanOrEqualTo(text.length());
  }

  @Test
  void marksThatAreNotEmphasisStay() {
    assertThat(PlainText.inline("Renamed snake_case_name and 2*3*4 in `a_b`"))
        .isEqualTo("Renamed snake_case_name and 2*3*4 in a_b");
    assertThat(PlainText.inline("[Portfolio](https://ex.org) and [https://a.org](https://a.org)"))
        .isEqualTo("Portfolio https://ex.org and https://a.org");
    assertThat(PlainText.inline("an * aside * and **bold\nline** [broken](a b)"))
        .isEqualTo("an * aside * and **bold\nline** [broken](a b)");
  }

  @Test
  void emphasisIsStillUnwrapped() {
    assertThat(PlainText.inline("Built **fast** and *careful* _tools_"))
        .isEqualTo("Built fast and careful tools");
  }

  /** A contact line of one 20,000-character word: the e-mail pattern rescanned it (11 s). */
  @Test
  void aHugeWordOnAContactLineIsReadInLinearTime() {
    byte[] bytes =
        ("Ana Lima\n" + "a".repeat(20_000) + "\nExperience\nEngineer at Acme\n")
            .getBytes(StandardCharsets.UTF_8);
    ParsedCv parsed =
        assertTimeoutPreemptively(
            CATASTROPHIC, () -> DocumentReader.read(bytes, "text/plain", "cv.txt"));
    assertThat(parsed).isNotNull();
  }

  /** Long runs of spaces and of trailing punctuation inside lines (each a quadratic pattern). */
  @Test
  void longRunsInsideLinesAreReadInLinearTime() {
    byte[] bytes =
        ("Ana Lima\nana"
                + " ".repeat(20_000)
                + "lima https://example.org/"
                + ")".repeat(20_000)
                + "x\nExperience"
                + ":".repeat(20_000)
                + " \nEngineer at Acme\nSkills\nKafka"
                + ".".repeat(20_000)
                + "x, Go\n")
            .getBytes(StandardCharsets.UTF_8);
    ParsedCv parsed =
        assertTimeoutPreemptively(
            CATASTROPHIC, () -> DocumentReader.read(bytes, "text/plain", "cv.txt"));
    assertThat(parsed).isNotNull();
  }
}
