package io.cvtailor.app.web;

import io.cvtailor.kernel.FieldError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** An RFC 9457 problem detail, the body of every error response. */
public record Problem(
    String type, String title, int status, String detail, List<FieldError> errors) {

  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

  public static Problem of(Response.Status status, String detail, List<FieldError> errors) {
    return of(status.getStatusCode(), status.getReasonPhrase(), detail, errors);
  }

  public static Problem of(int status, String title, String detail, List<FieldError> errors) {
    String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return new Problem("/problems/" + slug, title, status, detail, errors);
  }

  public Response.ResponseBuilder response() {
    return Response.status(status).type(MEDIA_TYPE).entity(this);
  }

  public Response toResponse() {
    return response().build();
  }
}
