package io.cvtailor.cv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.cvtailor.artifacts.ArtifactLabel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
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
    assertThat(
            CvAssembler.skills(
                artifacts, "We use C++ daily and Kafka. Go is a plus.", Set.of(2L, 3L)))
        .containsExactly("C++", "C", "Kafka", "Go"); // "C" stands in "C++" too
  }

  /**
   * Issue 12: "Woodworking, hand tools, joinery, oak" and "Backend languages" beside Kotlin. Hobby
   * tags the posting does not name and group labels are never skills; a declared skill that tags an
   * item the CV shows follows the posting's own terms.
   */
  @Test
  void neitherHobbyTagsNorGroupLabelsButRelatedDeclaredSkills() {
    List<ArtifactLabel> artifacts =
        List.of(
            artifact(1, "skill", "Backend languages", List.of("Kotlin", "Java", "Bash")),
            artifact(2, "skill", "Data and messaging", List.of("PostgreSQL", "Kafka", "Debezium")),
            artifact(3, "project", "Oak workbench", List.of("woodworking", "hand tools", "oak")),
            artifact(4, "project", "Outbox relay", List.of("Kafka", "Debezium", "Kotlin")),
            artifact(5, "skill", "Swedish", List.of()));
    List<String> skills =
        CvAssembler.skills(
            artifacts, "Backend engineer: Kotlin or Java, PostgreSQL and Kafka.", Set.of(4L));
    assertThat(skills).containsExactly("Kotlin", "Java", "PostgreSQL", "Kafka", "Debezium");
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
    String posting = // the named tags first: a lookup tries the first 64 places of a word
        String.join(", ", IntStream.range(0, 40).mapToObj(i -> "tag " + i + "-0").toList())
            + " tag".repeat(12_000);
    List<String> skills =
        assertTimeoutPreemptively(
            Duration.ofSeconds(2), () -> CvAssembler.skills(artifacts, posting, Set.of()));
    assertThat(skills).hasSize(30);
  }
}
