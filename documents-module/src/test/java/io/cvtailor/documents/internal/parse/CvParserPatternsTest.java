package io.cvtailor.documents.internal.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class CvParserPatternsTest {

  @Test
  void theEmailPatternFindsAddresses() {
    Matcher m = CvParser.EMAIL.matcher("Mail: ana.lima+cv@mail.example.org. Phone: 1");
    assertThat(m.find()).isTrue();
    assertThat(m.group()).isEqualTo("ana.lima+cv@mail.example.org");
  }

  /** [\w.+-]+@… tried every character of a long word as a start: 11 s for 20,000. */
  @Test
  void aLongWordWithoutAnAtSignIsLinear() {
    String word = "a".repeat(200_000) + " x.y@";
    boolean found =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> CvParser.EMAIL.matcher(word).find());
    assertThat(found).isFalse();
  }
}
