package io.cvtailor.kernel.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LinesTest {

  @Test
  void aRunOfWhiteSpaceWithALineBreakBecomesTheSeparator() {
    assertThat(Lines.joined("12 High Street \n\n  Springfield\r\nUK", ", "))
        .isEqualTo("12 High Street, Springfield, UK");
    assertThat(Lines.joined("a\u2028b\u0085c", " ")).isEqualTo("a b c");
  }

  @Test
  void spacesWithoutALineBreakAreKept() {
    assertThat(Lines.joined("a  b\tc", ", ")).isEqualTo("a  b\tc");
    assertThat(Lines.joined(null, " ")).isNull();
    assertThat(Lines.joined("", " ")).isEmpty();
  }

  /** Inputs that made {@code \s*\R\s*} and {@code \s*\n\s*} backtrack (quadratic in the run). */
  static Stream<String> pathological() {
    return Stream.of(
        " ".repeat(100_000) + "x",
        "x" + " \t".repeat(50_000) + "x",
        "\n".repeat(100_000),
        " \n".repeat(50_000));
  }

  /** A linear pass takes milliseconds; the former patterns needed minutes for these. */
  @ParameterizedTest
  @MethodSource("pathological")
  void pathologicalInputIsFoldedInLinearTime(String text) {
    String joined =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Lines.joined(text, " "));
    assertThat(joined.length()).isLessThanOrEqualTo(text.length());
  }
}
