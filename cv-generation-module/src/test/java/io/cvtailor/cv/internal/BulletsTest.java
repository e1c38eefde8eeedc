package io.cvtailor.cv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BulletsTest {

  @Test
  void storiesAreNarrative() {
    assertThat(Bullets.isNarrative("It was my first time working with Kotlin coroutines."))
        .isTrue();
    assertThat(Bullets.isNarrative("After a year I moved to the platform team.")).isTrue();
    assertThat(Bullets.isNarrative("When I joined, deployments took a whole day.")).isTrue();
    assertThat(Bullets.isNarrative("In my spare time I build furniture.")).isTrue();
  }

  @Test
  void accomplishmentsAreNot() {
    assertThat(Bullets.isNarrative("Cut deployment time from a day to 20 minutes.")).isFalse();
    assertThat(
            Bullets.isNarrative(
                "I designed and led the build of our double-entry ledger service in Kotlin."))
        .isFalse();
    assertThat(Bullets.isNarrative("After-sales tooling rebuilt in Kotlin.")).isFalse();
  }

  @Test
  void anActionWithANumberAndAResultScoresHighest() {
    assertThat(Bullets.accomplishment("Reduced pages per week by 50% with SLO-based alerting."))
        .isEqualTo(3);
    assertThat(Bullets.accomplishment("I led the migration to Kubernetes.")).isEqualTo(1);
    assertThat(Bullets.accomplishment("The team is friendly.")).isZero();
  }

  @Test
  void lexicalNearness() {
    assertThat(
            Bullets.lexicallyNear(
                CvAssembler.words("Replaced RabbitMQ with Kafka for all payment events."),
                CvAssembler.words("Replaced RabbitMQ with Kafka for payment events in 2021.")))
        .isTrue();
    assertThat(
            Bullets.lexicallyNear(
                CvAssembler.words("Replaced RabbitMQ with Kafka for all payment events."),
                CvAssembler.words("Mentored two engineers through pairing and code review.")))
        .isFalse();
  }
}
