package io.cvtailor.cv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PostingPhrasesTest {
  private static final String POSTING =
      ("We need C++ and C# (not plain C), Node.js, .NET 8, Ruby on Rails, PostgreSQL; "
              + "machine learning is a plus. JavaScript ≠ Java. Kubernetes/Helm, CI/CD, ²nd-line.")
          .toLowerCase(Locale.ROOT);

  /** What the per-comparison pattern found, kept here as the reference. */
  private static int byPattern(String text, String key) {
    var m =
        Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(key) + "(?![\\p{L}\\p{N}])")
            .matcher(text);
    return m.find() ? m.start() : -1;
  }

  @Test
  void findsWholePhrasesWhereThePatternDid() {
    PostingPhrases phrases = new PostingPhrases(POSTING);
    for (String key :
        List.of(
            "c++",
            "c#",
            "c",
            "node.js",
            ".net",
            "net",
            "ruby on rails",
            "rails",
            "postgresql",
            "postgres",
            "machine learning",
            "java",
            "javascript",
            "kubernetes",
            "helm",
            "ci/cd",
            "ci",
            "nd",
            "2nd",
            "learning is",
            "go")) {
      assertThat(phrases.firstPosition(key)).as(key).isEqualTo(byPattern(POSTING, key));
    }
  }

  @Test
  void agreesWithThePatternOnRandomText() {
    Random random = new Random(7);
    String alphabet = "ab c.+#-/é1";
    for (int round = 0; round < 300; round++) {
      String text = randomText(random, alphabet, 60);
      PostingPhrases phrases = new PostingPhrases(text);
      for (int k = 0; k < 20; k++) {
        String key = randomText(random, alphabet, 1 + random.nextInt(5)).strip();
        if (!key.isEmpty() && key.chars().anyMatch(Character::isLetterOrDigit)) {
          assertThat(phrases.firstPosition(key))
              .as("'%s' in '%s'", key, text)
              .isEqualTo(byPattern(text, key));
        }
      }
    }
  }

  @Test
  void aPhraseWithoutLettersOrDigitsIsNeverFound() {
    assertThat(new PostingPhrases("a ++ b").firstPosition("++")).isEqualTo(-1);
  }

  /**
   * Ten thousand skill names against a 50,000-character posting repeating their first word: each
   * lookup tries a bounded number of places (the pattern per comparison scanned the posting).
   */
  @Test
  void manyPhrasesOverARepetitivePostingAreBounded() {
    String posting = "a ".repeat(25_000);
    List<String> keys = IntStream.range(0, 10_000).mapToObj(i -> "a x" + i).toList();
    int found =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2),
            () -> {
              PostingPhrases phrases = new PostingPhrases(posting);
              return (int) keys.stream().filter(k -> phrases.firstPosition(k) >= 0).count();
            });
    assertThat(found).isZero();
  }

  @Test
  void wordsAreLowerCaseRunsOfLettersAndDigitsLongerThanTwo() {
    assertThat(CvAssembler.words("Built a Kafka-based ETL in Go, 2019."))
        .isEqualTo(Set.of("built", "kafka", "based", "etl", "2019"));
  }

  @Test
  void candidatesShareMostWordsWithTheRequirementsAndKeepTheirOrder() {
    List<String> sentences =
        List.of(
            "Organised the office party every year.",
            "Built Kafka pipelines for billing.",
            "Ran PostgreSQL and Kafka in production.",
            "Wrote the team newsletter.");
    assertThat(CvAssembler.mostWordsShared(sentences, Set.of("kafka", "postgresql"), 2))
        .containsExactly(
            "Built Kafka pipelines for billing.", "Ran PostgreSQL and Kafka in production.");
  }

  private static String randomText(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
