package io.cvtailor.app.web;

import io.cvtailor.kernel.FieldError;
import java.io.IOException;

/**
 * The request body (or one NDJSON line) passed its byte limit. An {@link IOException}, because it
 * is thrown from the body's input stream while a reader (Jackson, the NDJSON importer) pulls bytes:
 * Jackson passes I/O failures through unchanged, where it would wrap an unchecked exception into a
 * mapping error (400).
 */
public class BodyTooLargeException extends IOException {
  private final FieldError error;

  public BodyTooLargeException(String field, long limit, String key) {
    super(field + " is larger than " + limit + " bytes");
    this.error = new FieldError(field, "must be at most " + limit + " bytes (" + key + ")");
  }

  public FieldError error() {
    return error;
  }

  /** The 413 problem naming the field and the limit. */
  public Problem problem() {
    return Problem.of(
        413, "Content Too Large", error.field() + " " + error.message(), java.util.List.of(error));
  }

  /** The 413 response; the connection is closed after it so that the rest is never read. */
  public jakarta.ws.rs.core.Response toResponse() {
    return problem().response().header("Connection", "close").build();
  }

  /** The exception among the causes of {@code e}, if any. */
  static java.util.Optional<BodyTooLargeException> in(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BodyTooLargeException tooLarge) {
        return java.util.Optional.of(tooLarge);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return java.util.Optional.empty();
  }
}
