package io.cvtailor.embeddings.internal.provider;

import io.cvtailor.embeddings.EmbeddingException;
import io.cvtailor.kernel.Backoff;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Retries a call to a remote embedding API with exponential backoff and jitter, honouring the
 * server's {@code Retry-After}.
 *
 * <p>Why the retry is plain code while the other guards are MicroProfile Fault Tolerance
 * annotations: FT's {@code @Retry} waits a fixed, configured delay and cannot read the {@code
 * Retry-After} of a 429 or 503, and it only works on CDI beans inside the container. So retrying
 * lives here (unit-tested with a fake clock and sleeper), and the guards that need no knowledge of
 * the response - timeout, circuit breaker, bulkhead - are FT annotations on {@link
 * OpenAiEmbeddingCalls}, through which every attempt passes. {@code @Retry} is deliberately not
 * used there too: stacked retries would multiply the attempts.
 *
 * <p>Only {@link TransientEmbeddingException}s (429, 5xx, timeouts, I/O errors) are retried; every
 * other exception, including a non-retryable 4xx and an open circuit, passes through at once. Wait
 * before retry {@code n} (from 1) = max(min(maxDelay, initialDelay * 2^(n-1)), Retry-After) * (1 +
 * jitter * random), so it is never shorter than Retry-After and clients do not retry in lockstep.
 * The policy gives up with a retryable {@link EmbeddingException} (the job queue tries again later)
 * after {@code maxAttempts}, when the next wait would end beyond the total {@code budget}, or when
 * the server asks for a wait longer than {@code maxRetryAfter}: long waits belong to the queue, not
 * to a sleeping worker thread.
 *
 * <p>The embedding queue schedules its own later attempts of a job with the same policy ({@link
 * #forQueue(int)}, {@link #backoff(int, Duration)}), so there is one rule for how long to wait.
 */
public final class RetryPolicy {
  /** Waits between attempts; tests pass one that records the wait and advances a fake clock. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final double JITTER = 0.25;

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final Duration maxRetryAfter;
  private final Duration budget;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  /**
   * @param maxAttempts attempts in all, at least 1
   * @param initialDelay the wait before the first retry (before jitter)
   * @param maxDelay the longest backoff (a longer Retry-After is still honoured)
   * @param maxRetryAfter a longer Retry-After makes the policy give up instead of waiting
   * @param budget the longest time from the first attempt to the start of the last one
   * @param random values in [0, 1) for the jitter
   */
  public RetryPolicy(
      int maxAttempts,
      Duration initialDelay,
      Duration maxDelay,
      Duration maxRetryAfter,
      Duration budget,
      Clock clock,
      Sleeper sleeper,
      DoubleSupplier random) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.maxAttempts = maxAttempts;
    this.initialDelay = Objects.requireNonNull(initialDelay);
    this.maxDelay = Objects.requireNonNull(maxDelay);
    this.maxRetryAfter = Objects.requireNonNull(maxRetryAfter);
    this.budget = Objects.requireNonNull(budget);
    this.clock = Objects.requireNonNull(clock);
    this.sleeper = Objects.requireNonNull(sleeper);
    this.random = Objects.requireNonNull(random);
  }

  /** 4 attempts, backoff 0.5 s doubling up to 8 s, Retry-After honoured up to 30 s, 60 s in all. */
  public static RetryPolicy standard() {
    return new RetryPolicy(
        4,
        Duration.ofMillis(500),
        Duration.ofSeconds(8),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Clock.systemUTC(),
        duration -> Thread.sleep(duration.toMillis()),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The embedding queue's policy for a job whose model call failed: attempts in all, backoff 2 s
   * doubling up to 5 minutes (a Retry-After of the provider is honoured).
   */
  public static RetryPolicy forQueue(int maxAttempts) {
    return new RetryPolicy(
        maxAttempts,
        Duration.ofSeconds(2),
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        Duration.ofDays(1),
        Clock.systemUTC(),
        duration -> Thread.sleep(duration.toMillis()),
        () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * The wait before retry number {@code retry} (1 = the second attempt), never shorter than {@code
   * retryAfter}: for callers that schedule the retry instead of sleeping.
   */
  public Duration backoff(int retry, Duration retryAfter) {
    return delayBeforeRetry(Math.max(1, retry), retryAfter);
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** Runs {@code call}, retrying it on {@link TransientEmbeddingException} as described above. */
  public <T> T run(Supplier<T> call) {
    Instant start = clock.instant();
    for (int attempt = 1; ; attempt++) {
      TransientEmbeddingException failure;
      try {
        return call.get();
      } catch (TransientEmbeddingException e) {
        failure = e;
      }
      if (attempt >= maxAttempts) {
        throw giveUp(failure, "after " + attempt + " attempts");
      }
      Duration retryAfter = failure.retryAfter().orElse(Duration.ZERO);
      if (retryAfter.compareTo(maxRetryAfter) > 0) {
        throw giveUp(
            failure,
            "the server asked to wait "
                + retryAfter.toSeconds()
                + " s, longer than "
                + maxRetryAfter.toSeconds()
                + " s");
      }
      Duration wait = delayBeforeRetry(attempt, retryAfter);
      Duration elapsed = Duration.between(start, clock.instant());
      if (elapsed.plus(wait).compareTo(budget) > 0) {
        throw giveUp(failure, "after " + attempt + " attempts in " + elapsed.toMillis() + " ms");
      }
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new EmbeddingException("interrupted while waiting to retry", true, failure);
      }
    }
  }

  /** The wait before retry number {@code retry} (1 = the second attempt). */
  Duration delayBeforeRetry(int retry, Duration retryAfter) {
    return new Backoff(initialDelay, maxDelay, JITTER)
        .delay(retry, retryAfter, random.getAsDouble());
  }

  private static EmbeddingException giveUp(TransientEmbeddingException last, String why) {
    return new EmbeddingException(last.getMessage() + " (gave up " + why + ")", true, last);
  }
}
