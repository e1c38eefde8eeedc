package io.cvtailor.embeddings.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.embeddings.EmbeddingException;
import io.cvtailor.embeddings.internal.provider.RetryPolicy;
import io.cvtailor.embeddings.internal.provider.TransientEmbeddingException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobRetriesTest {
  /** The queue's policy (2 s doubling up to 5 min) without jitter, so the waits are exact. */
  private static JobRetries upTo(int attempts) {
    return new JobRetries(
        new RetryPolicy(
            attempts,
            Duration.ofSeconds(2),
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            Duration.ofDays(1),
            Clock.systemUTC(),
            d -> {},
            () -> 0.0));
  }

  @Test
  void aFailedJobWaitsTwiceAsLongEachTimeUntilItsAttemptsAreUsedUp() {
    JobRetries retries = upTo(4);
    RuntimeException down = new EmbeddingException("model unavailable", true);
    assertThat(retries.nextAttemptIn(0, down)).contains(Duration.ofSeconds(2));
    assertThat(retries.nextAttemptIn(1, down)).contains(Duration.ofSeconds(4));
    assertThat(retries.nextAttemptIn(2, down)).contains(Duration.ofSeconds(8));
    assertThat(retries.nextAttemptIn(3, down)).as("the fourth failure is the last").isEmpty();
  }

  @Test
  void aPermanentFailureIsNotTriedAgain() {
    assertThat(upTo(5).nextAttemptIn(0, new EmbeddingException("input too long", false))).isEmpty();
  }

  @Test
  void anUnexpectedFailureIsTriedAgain() {
    assertThat(upTo(5).nextAttemptIn(0, new IllegalStateException("bug or outage?"))).isPresent();
  }

  @Test
  void theProvidersRetryAfterIsHonouredWhereverItIsInTheCauses() {
    RuntimeException wrapped =
        new EmbeddingException(
            "rate limited",
            true,
            new TransientEmbeddingException("429", Duration.ofSeconds(40), null));
    assertThat(upTo(5).nextAttemptIn(0, wrapped)).contains(Duration.ofSeconds(40));
    assertThat(JobRetries.retryAfter(new IllegalStateException())).isEqualTo(Duration.ZERO);
  }
}
