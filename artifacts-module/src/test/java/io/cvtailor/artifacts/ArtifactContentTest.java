package io.cvtailor.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArtifactContentTest {

  @Test
  void normalisingFoldsSpacesAndBlankLines() {
    assertThat(ArtifactContent.normalise("  a \t\u00A0 b \r\n\r\n\r\n\r\n c  "))
        .isEqualTo("a b\n\nc");
  }

  /**
   * The normalising patterns ({@code [ \t\u00A0]+}, {@code ' ?\n ?'}, {@code \n{3,}}) have one
   * quantifier each and nothing after it to backtrack into: linear on the inputs that hurt such
   * patterns most.
   */
  static Stream<String> pathological() {
    return Stream.of(
        " \t".repeat(100_000) + "x",
        "\n".repeat(200_000) + "x",
        " \n".repeat(100_000),
        "\n\nx".repeat(60_000),
        "\u00A0".repeat(200_000));
  }

  @ParameterizedTest
  @MethodSource("pathological")
  void normalisingPathologicalTextIsLinear(String text) {
    String normalised =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ArtifactContent.normalise(text));
    assertThat(normalised.length()).isLessThanOrEqualTo(text.length());
  }
}
