package io.cvtailor.app.web;

import io.cvtailor.cv.CvChangedException;
import io.cvtailor.cv.CvRefusedException;
import io.cvtailor.kernel.FieldError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * A CV that was refused (nothing relevant to the posting) answers 422 saying why and what to do.
 */
@Provider
public class CvProblems implements ExceptionMapper<CvRefusedException> {
  @Override
  public Response toResponse(CvRefusedException e) {
    return Problem.of(
            422,
            "Unprocessable Content",
            e.getMessage(),
            List.of(new FieldError(e.field(), e.getMessage())))
        .toResponse();
  }

  /**
   * A change based on a version the CV is no longer at: 412 when the caller named it (If-Match),
   * 409 when concurrent changes kept winning; the current version is in the ETag header.
   */
  @Provider
  public static class Changed implements ExceptionMapper<CvChangedException> {
    @Override
    public Response toResponse(CvChangedException e) {
      int status = e.precondition() ? 412 : 409;
      return Problem.of(
              status,
              e.precondition() ? "Precondition Failed" : "Conflict",
              e.getMessage(),
              List.of(
                  new FieldError(
                      e.precondition() ? "If-Match" : "version",
                      "the CV is at version " + e.currentVersion())))
          .response()
          .tag(new jakarta.ws.rs.core.EntityTag(Long.toString(e.currentVersion())))
          .build();
    }
  }
}
