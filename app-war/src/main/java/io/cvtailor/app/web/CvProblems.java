package io.cvtailor.app.web;

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
}
