package io.cvtailor.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
