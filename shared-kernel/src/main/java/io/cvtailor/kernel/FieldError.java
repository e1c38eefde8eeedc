package io.cvtailor.kernel;

/** One rejected input field: {@code field} is the JSON path, e.g. {@code work[3].startDate}. */
public record FieldError(String field, String message) {

  /** The same error with its field nested under a prefix, e.g. {@code items[2].}. */
  public FieldError under(String prefix) {
    return new FieldError(prefix + field, message);
  }
}
