package io.cvtailor.app.web;

import io.cvtailor.kernel.FieldError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response. It names at most {@link
 * #MAX_ERRORS} fields, then one entry "and N more": a request with a million bad values gets a
 * bounded answer.
 */
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

  /** Field errors listed in one problem; the rest are counted. */
  public static final int MAX_ERRORS = 20;

  public Problem {
    errors = capped(errors == null ? List.of() : errors, 0);
  }

  public static Problem of(Response.Status status, String detail, List<FieldError> errors) {
    return of(status.getStatusCode(), status.getReasonPhrase(), detail, errors);
  }

  public static Problem of(int status, String title, String detail, List<FieldError> errors) {
    String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return new Problem("/problems/" + slug, title, status, detail, errors);
  }

  /**
   * The first {@link #MAX_ERRORS} errors, then {@code {"field": "errors", "message": "and N more"}}
   * counting the ones left out and {@code alreadyLeftOut} more that a caller did not keep.
   */
  public static List<FieldError> capped(List<FieldError> errors, long alreadyLeftOut) {
    if (errors.size() <= MAX_ERRORS && alreadyLeftOut == 0) {
      return List.copyOf(errors);
    }
    if (errors.size() == MAX_ERRORS + 1
        && alreadyLeftOut == 0
        && errors.get(MAX_ERRORS).field().equals(MORE_FIELD)) {
      return List.copyOf(errors); // already capped
    }
    List<FieldError> kept = new ArrayList<>(errors.subList(0, Math.min(MAX_ERRORS, errors.size())));
    long more = errors.size() - kept.size() + alreadyLeftOut;
    kept.add(new FieldError(MORE_FIELD, "and " + more + " more"));
    return List.copyOf(kept);
  }

  static final String MORE_FIELD = "errors";

  public Response.ResponseBuilder response() {
    return Response.status(status).type(MEDIA_TYPE).entity(this);
  }

  public Response toResponse() {
    return response().build();
  }
}
