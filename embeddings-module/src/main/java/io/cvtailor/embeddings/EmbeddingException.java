package io.cvtailor.embeddings;

import jakarta.annotation.Nullable;

/** Embedding failed; {@code retryable} says whether trying again later may succeed. */
public class EmbeddingException extends RuntimeException {
  private final boolean retryable;

  public EmbeddingException(String message, boolean retryable, @Nullable Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  public EmbeddingException(String message, boolean retryable) {
    this(message, retryable, null);
  }

  public boolean retryable() {
    return retryable;
  }
}
