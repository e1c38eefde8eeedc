package io.cvtailor.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlainTermsTest {

  /** The issue's filler ("use, one, every, work") is never a shared term. */
  @Test
  void fillerOfThePostingIsNotAContentTerm() {
    Set<String> filler = Set.of("use", "one", "everi", "work");
    List<Set<String>> lines =
        List.of(Set.of("use", "kafka", "one"), Set.of("everi", "work", "postgresql"));
    assertThat(PlainTerms.contentStems(filler, lines))
        .containsExactlyInAnyOrder("kafka", "postgresql");
  }

  @Test
  void aTermInMostRequirementLinesIsHowThePostingTalksNotWhatItAsksFor() {
    List<Set<String>> lines =
        List.of(
            Set.of("deliveri", "java"),
            Set.of("deliveri", "kotlin"),
            Set.of("deliveri", "kafka"),
            Set.of("deliveri", "postgresql"),
            Set.of("terraform"));
    assertThat(PlainTerms.contentStems(Set.of(), lines))
        .containsExactlyInAnyOrder("java", "kotlin", "kafka", "postgresql", "terraform");
  }

  @Test
  void aShortPostingKeepsEveryTerm() {
    List<Set<String>> lines = List.of(Set.of("gcp", "java"), Set.of("gcp", "kotlin"));
    assertThat(PlainTerms.contentStems(Set.of(), lines)).contains("gcp");
  }

  @Test
  void theStopListNamesTheIssuesExamples() {
    assertThat(PlainTerms.FILLER.split(" ")).contains("use", "one", "every", "work");
  }
}
