package io.cvtailor.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JobRequirementsTest {

  @Test
  void bulletsAreTheRequirementsButNotTheBenefits() {
    String posting =
        """
        Acme builds payment software for 2,000 merchants.

        What you'll do
        - Build services in Kotlin
        * Run PostgreSQL in production

        What you'll bring
        1. Five years of backend experience
        • Kafka

        What we offer
        - Six weeks of vacation
        - A learning budget
        """;
    assertThat(JobRequirements.of(posting))
        .containsExactly(
            "Build services in Kotlin",
            "Run PostgreSQL in production",
            "Five years of backend experience",
            "Kafka");
  }

  @Test
  void withoutBulletsTheSentencesThatReadLikeRequirementsAreTaken() {
    String posting =
        "We are a friendly team in Lisbon. You have several years of experience with dbt."
            + " Strong SQL skills are required. We like coffee.";
    assertThat(JobRequirements.of(posting))
        .containsExactly(
            "You have several years of experience with dbt.", "Strong SQL skills are required.");
  }

  @Test
  void proseRequirementsWithoutTheUsualWordsAreTaken() {
    String posting =
        "We make car parts in Gliwice. You understand casting and machining well enough to model"
            + " them. You can work with purchasing to collect supplier data. German at business"
            + " level would help. Modelling electronics in LCA is a plus. We are also interested in"
            + " candidates who have evaluated prediction models. Our office has a garden.";
    assertThat(JobRequirements.of(posting))
        .containsExactly(
            "You understand casting and machining well enough to model them.",
            "You can work with purchasing to collect supplier data.",
            "German at business level would help.",
            "Modelling electronics in LCA is a plus.",
            "We are also interested in candidates who have evaluated prediction models.");
  }

  @Test
  void benefitsStayOutAfterAnIntroductionBelowTheirHeading() {
    String posting =
        """
        Required:
        - Current RN license
        Nice to have:
        - Nice to have: CPHQ certification
        Benefits
        At Sorrel Valley Health, we take care of the people who take care of others. Eligible team members enjoy:
        - Tuition assistance of up to $5,250 a year
        - Paid parental leave
        """;
    assertThat(JobRequirements.of(posting))
        .containsExactly("Current RN license", "Nice to have: CPHQ certification");
  }

  @Test
  void abbreviationsAndDecimalsDoNotCutARequirement() {
    String posting =
        "You have 2.5 years of experience with queues, e.g. Kafka or SQS. We like coffee a lot.";
    assertThat(JobRequirements.of(posting))
        .containsExactly("You have 2.5 years of experience with queues, e.g. Kafka or SQS.");
  }

  @Test
  void aBulletMarkerAloneIsNoRequirement() {
    assertThat(JobRequirements.of("-" + " ".repeat(49_990))).isEmpty();
  }

  /**
   * 50,000-character postings that made the former line and sentence patterns backtrack (the first
   * took 65 s), and inputs aimed at the cue patterns kept here.
   */
  static Stream<String> pathological() {
    return Stream.of(
        "-" + " ".repeat(49_990),
        "- " + " ".repeat(49_990) + "x",
        "1." + " ".repeat(49_990) + ".",
        " ".repeat(49_990) + "-",
        "proficien".repeat(5_555),
        "proficien ".repeat(5_000),
        "experience ".repeat(4_545) + "x",
        ("certifi".repeat(20) + " ").repeat(350),
        "you ".repeat(12_500),
        "benefit ".repeat(6_250),
        "What we offer\n" + "- perk\n".repeat(7_000),
        ". ".repeat(25_000),
        "\n".repeat(50_000));
  }

  /**
   * Linear parsing takes milliseconds; a generous bound that only catastrophic backtracking hits.
   */
  @ParameterizedTest
  @MethodSource("pathological")
  void pathologicalPostingsAreParsedInLinearTime(String posting) {
    List<String> requirements =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> JobRequirements.of(posting));
    assertThat(requirements.stream().mapToInt(String::length).sum())
        .isLessThanOrEqualTo(posting.length());
  }
}
