package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.embeddings.EmbeddingException;
import io.cvtailor.embeddings.internal.provider.RetryPolicy;
import io.cvtailor.embeddings.internal.provider.TransientEmbeddingException;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether a queued job whose model call failed is tried again, and after how long: the queue's use
 * of the one {@link RetryPolicy} (its backoff, and the provider's Retry-After when it sent one).
 * The job is scheduled, not slept on, so the worker goes on with other jobs meanwhile.
 */
final class JobRetries {
  private final RetryPolicy policy;

  JobRetries(RetryPolicy policy) {
    this.policy = policy;
  }

  static JobRetries upTo(int maxAttempts) {
    return new JobRetries(RetryPolicy.forQueue(maxAttempts));
  }

  /**
   * The wait before the next attempt of a job that has now failed {@code failedBefore + 1} times,
   * or empty when it must not be tried again (its attempts are used up, or the failure is
   * permanent, such as a rejected input).
   */
  Optional<Duration> nextAttemptIn(int failedBefore, RuntimeException failure) {
    boolean retryable = !(failure instanceof EmbeddingException e) || e.retryable();
    int failed = failedBefore + 1;
    if (!retryable || failed >= policy.maxAttempts()) {
      return Optional.empty();
    }
    return Optional.of(policy.backoff(failed, retryAfter(failure)));
  }

  /** The provider's Retry-After anywhere in the failure's causes (zero when none). */
  static Duration retryAfter(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TransientEmbeddingException transient_
          && transient_.retryAfter().isPresent()) {
        return transient_.retryAfter().get();
      }
    }
    return Duration.ZERO;
  }
}
