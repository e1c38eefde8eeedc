package io.cvtailor.app.web;

import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.kernel.FieldError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * A document that cannot be read answers with the reason and what to do: 415 unsupported type, 413
 * too large (or expanding too far), 400 encrypted or damaged, 422 no text (a scan, or OCR not
 * installed or failing), 503 with Retry-After while OCR is busy with other documents.
 */
@Provider
public class DocumentProblems implements ExceptionMapper<DocumentRejectedException> {
  @Override
  public Response toResponse(DocumentRejectedException e) {
    int status =
        switch (e.kind()) {
          case UNSUPPORTED -> 415;
          case TOO_LARGE -> 413;
          case UNREADABLE -> 400;
          case NO_TEXT -> 422;
          case BUSY -> 503;
        };
    String title =
        switch (e.kind()) {
          case UNSUPPORTED -> "Unsupported Media Type";
          case TOO_LARGE -> "Content Too Large";
          case UNREADABLE -> "Bad Request";
          case NO_TEXT -> "Unprocessable Content";
          case BUSY -> "Service Unavailable";
        };
    Problem problem =
        Problem.of(status, title, e.getMessage(), List.of(new FieldError("file", e.getMessage())));
    return status == 503
        ? problem.response().header("Retry-After", "10").build()
        : problem.toResponse();
  }
}
