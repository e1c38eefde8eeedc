package io.cvtailor.embeddings.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cvtailor.embeddings.EmbeddingException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final FakeTime time = new FakeTime();

  private RetryPolicy policy(int maxAttempts, DoubleSupplier random) {
    return new RetryPolicy(
        maxAttempts,
        Duration.ofMillis(500),
        Duration.ofSeconds(8),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        time,
        time,
        random);
  }

  private static TransientEmbeddingException transientFailure(Duration retryAfter) {
    return new TransientEmbeddingException("HTTP 503", retryAfter, null);
  }

  @Test
  void backoffDoublesUpToTheCapWithJitterOnTop() {
    RetryPolicy noJitter = policy(10, () -> 0.0);
    assertThat(noJitter.delayBeforeRetry(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
    assertThat(noJitter.delayBeforeRetry(2, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    assertThat(noJitter.delayBeforeRetry(3, Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
    assertThat(noJitter.delayBeforeRetry(5, Duration.ZERO)).isEqualTo(Duration.ofSeconds(8));
    assertThat(noJitter.delayBeforeRetry(40, Duration.ZERO)).isEqualTo(Duration.ofSeconds(8));

    RetryPolicy fullJitter = policy(10, () -> 0.999);
    assertThat(fullJitter.delayBeforeRetry(1, Duration.ZERO))
        .isBetween(Duration.ofMillis(600), Duration.ofMillis(625));
  }

  @Test
  void neverWaitsLessThanRetryAfter() {
    RetryPolicy policy = policy(10, () -> 0.0);
    assertThat(policy.delayBeforeRetry(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(policy.delayBeforeRetry(1, Duration.ofSeconds(20)))
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(policy(10, () -> 0.9).delayBeforeRetry(1, Duration.ofSeconds(7)))
        .isGreaterThan(Duration.ofSeconds(7));
  }

  @Test
  void retriesTransientFailuresUntilSuccess() {
    AtomicInteger calls = new AtomicInteger();

    String result =
        policy(4, () -> 0.0)
            .run(
                () -> {
                  if (calls.incrementAndGet() < 3) {
                    throw transientFailure(calls.get() == 1 ? Duration.ofSeconds(3) : null);
                  }
                  return "ok";
                });

    assertThat(result).isEqualTo("ok");
    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1));
  }

  @Test
  void givesUpRetryablyAfterMaxAttempts() {
    AtomicInteger calls = new AtomicInteger();

    EmbeddingException failure =
        catchThrowableOfType(
            EmbeddingException.class,
            () ->
                policy(3, () -> 0.0)
                    .run(
                        () -> {
                          calls.incrementAndGet();
                          throw transientFailure(null);
                        }));

    assertThat(calls).hasValue(3);
    assertThat(failure).isNotInstanceOf(TransientEmbeddingException.class);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure).hasMessageContaining("gave up after 3 attempts");
    assertThat(failure.getCause()).isInstanceOf(TransientEmbeddingException.class);
  }

  @Test
  void passesOtherFailuresThroughWithoutRetrying() {
    AtomicInteger calls = new AtomicInteger();
    EmbeddingException clientError = new EmbeddingException("HTTP 400", false);
    EmbeddingException retryableLater = new EmbeddingException("circuit open", true);

    assertThat(
            catchThrowableOfType(
                EmbeddingException.class,
                () ->
                    policy(4, () -> 0.0)
                        .run(
                            () -> {
                              calls.incrementAndGet();
                              throw clientError;
                            })))
        .isSameAs(clientError);
    assertThat(
            catchThrowableOfType(
                EmbeddingException.class,
                () ->
                    policy(4, () -> 0.0)
                        .run(
                            () -> {
                              throw retryableLater;
                            })))
        .isSameAs(retryableLater);
    assertThat(calls).hasValue(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void leavesARetryAfterBeyondTheLimitToTheQueue() {
    AtomicInteger calls = new AtomicInteger();

    EmbeddingException failure =
        catchThrowableOfType(
            EmbeddingException.class,
            () ->
                policy(4, () -> 0.0)
                    .run(
                        () -> {
                          calls.incrementAndGet();
                          throw transientFailure(Duration.ofMinutes(5));
                        }));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure).hasMessageContaining("asked to wait 300 s");
    assertThat(calls).hasValue(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void stopsWhenTheNextWaitWouldExceedTheBudget() {
    AtomicInteger calls = new AtomicInteger();

    EmbeddingException failure =
        catchThrowableOfType(
            EmbeddingException.class,
            () ->
                policy(10, () -> 0.0)
                    .run(
                        () -> {
                          calls.incrementAndGet();
                          time.advance(Duration.ofSeconds(25)); // each attempt times out slowly
                          throw transientFailure(null);
                        }));

    // 25 s + 0.5 s wait, 25 s + 1 s wait: 51.5 s; a third 25 s attempt + 2 s would pass 60 s
    assertThat(calls).hasValue(3);
    assertThat(time.sleeps).hasSize(2);
    assertThat(failure.retryable()).isTrue();
    assertThat(failure).hasMessageContaining("gave up after 3 attempts in");
  }

  @Test
  void anInterruptedWaitStopsRetryingAndKeepsTheInterrupt() {
    RetryPolicy policy =
        new RetryPolicy(
            4,
            Duration.ofMillis(500),
            Duration.ofSeconds(8),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            time,
            duration -> {
              throw new InterruptedException();
            },
            () -> 0.0);
    try {
      EmbeddingException failure =
          catchThrowableOfType(
              EmbeddingException.class,
              () ->
                  policy.run(
                      () -> {
                        throw transientFailure(null);
                      }));

      assertThat(failure.retryable()).isTrue();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
