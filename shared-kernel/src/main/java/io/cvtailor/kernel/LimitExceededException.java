package io.cvtailor.kernel;

/** A per-user quota (for example the artifact limit) would be exceeded; nothing was changed. */
public class LimitExceededException extends RuntimeException {
  private final String field;

  public LimitExceededException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
