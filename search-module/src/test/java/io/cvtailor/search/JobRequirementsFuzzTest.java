package io.cvtailor.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;

/**
 * A posting's requirements under coverage-guided fuzzing: any posting yields distinct, non-blank
 * requirements taken from its own text, no longer than it in total, without an exception.
 */
class JobRequirementsFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void anyPostingYieldsRequirementsFromItsOwnText(byte[] input) {
    String posting = new String(input, StandardCharsets.UTF_8);
    List<String> requirements = JobRequirements.of(posting);
    assertThat(new HashSet<>(requirements)).hasSameSizeAs(requirements);
    assertThat(requirements.stream().mapToInt(String::length).sum())
        .isLessThanOrEqualTo(posting.length());
    for (String requirement : requirements) {
      assertThat(requirement).isNotBlank().doesNotContain("\n");
      assertThat(posting).contains(requirement);
    }
  }
}
