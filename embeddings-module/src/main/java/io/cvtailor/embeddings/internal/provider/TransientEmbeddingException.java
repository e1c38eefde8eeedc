package io.cvtailor.embeddings.internal.provider;

import io.cvtailor.embeddings.EmbeddingException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may pass on a prompt retry: HTTP 429 or 5xx, a timeout, an I/O error or a full
 * bulkhead. {@link RetryPolicy} retries only these; it carries the wait the server asked for
 * ({@code Retry-After}) when there was one.
 */
public final class TransientEmbeddingException extends EmbeddingException {
  private final Duration retryAfter;

  public TransientEmbeddingException(String message, Duration retryAfter, Throwable cause) {
    super(message, true, cause);
    this.retryAfter = retryAfter;
  }

  public TransientEmbeddingException(String message, Throwable cause) {
    this(message, null, cause);
  }

  /** How long the server asked us to wait before trying again, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
