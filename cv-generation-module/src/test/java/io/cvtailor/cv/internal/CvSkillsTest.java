package io.cvtailor.cv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cvtailor.artifacts.ArtifactLabel;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CvSkillsTest {

  private static ArtifactLabel artifact(long id, String type, String title, List<String> tags) {
    return new ArtifactLabel(id, type, title, null, null, tags);
  }

  @Test
  void skillsThePostingNamesComeFirstInItsOrder() {
    List<ArtifactLabel> artifacts =
        List.of(
            artifact(1, "skill", "Go", List.of()),
            artifact(2, "project", "Ledger", List.of("Kafka", "C++", "gardening")),
            artifact(3, "job", "Engineer", List.of("kafka", "C")));
    assertThat(CvAssembler.skills(artifacts, "We use C++ daily and Kafka. Go is a plus."))
        .containsExactly("C++", "C", "Kafka", "Go", "gardening"); // "C" stands in "C++" too
  }

  /**
   * 2,000 artifacts with 5 tags each against a 50,000-character posting: the former comparator
   * compiled a pattern and scanned the posting on every comparison (minutes); one index of the
   * posting and one lookup per tag take milliseconds.
   */
  @Test
  void tenThousandTagsAgainstALongPostingAreOrderedInBoundedTime() {
    List<ArtifactLabel> artifacts =
        IntStream.range(0, 2_000)
            .mapToObj(
                i ->
                    artifact(
                        i,
                        "project",
                        "P" + i,
                        IntStream.range(0, 5).mapToObj(t -> "tag " + i + "-" + t).toList()))
            .toList();
    String posting = "tag ".repeat(12_500);
    List<String> skills =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2), () -> CvAssembler.skills(artifacts, posting));
    assertThat(skills).hasSize(30);
  }
}
