package io.cvtailor.kernel;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one rule for how long to wait before trying again: exponential backoff from {@code initial},
 * doubling up to {@code max}, never shorter than what the other side asked for ({@code
 * Retry-After}), with up to {@code jitter} added at random so that many callers do not retry in
 * lockstep. Wait before retry {@code n} (from 1) = max(min(max, initial * 2^(n-1)), retryAfter) *
 * (1 + jitter * random). The embedding provider's RetryPolicy (and through it the embedding queue),
 * the start-up migrations and the web layer's deadlock retry use it.
 */
public record Backoff(Duration initial, Duration max, double jitter) {
  public Backoff {
    Objects.requireNonNull(initial);
    Objects.requireNonNull(max);
    if (jitter < 0 || initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 <= initial <= max and jitter >= 0");
    }
  }

  /** The wait before retry number {@code retry} (1 = the second attempt), with a random jitter. */
  public Duration delay(int retry, Duration retryAfter) {
    return delay(retry, retryAfter, ThreadLocalRandom.current().nextDouble());
  }

  /** As {@link #delay(int, Duration)} with {@code random} in [0, 1) for the jitter. */
  public Duration delay(int retry, Duration retryAfter, double random) {
    long backoffMillis = initial.toMillis() << Math.min(Math.max(retry, 1) - 1, 20);
    long base = Math.max(Math.min(backoffMillis, max.toMillis()), retryAfter.toMillis());
    return Duration.ofMillis(Math.round(base * (1 + jitter * random)));
  }
}
