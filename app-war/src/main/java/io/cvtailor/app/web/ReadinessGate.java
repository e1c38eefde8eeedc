package io.cvtailor.app.web;

import io.cvtailor.app.startup.StartupState;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Until the schema is in place the API answers 503, never half-working. The reason (which names the
 * database and its URL) is logged and shown to the operator (GET /api/v1/operations/readiness),
 * never to callers; the operations endpoint itself stays reachable to tell it.
 */
@Provider
@PreMatching
public class ReadinessGate implements ContainerRequestFilter {
  @Inject StartupState state;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!state.schemaReady()
        && !request.getUriInfo().getPath().replaceFirst("^/+", "").startsWith("operations")) {
      request.abortWith(notReady().response().header("Retry-After", "30").build());
    }
  }

  /** Says that the service is not ready, and nothing of why. */
  static Problem notReady() {
    return Problem.of(
        Status.SERVICE_UNAVAILABLE,
        "cvtailor is starting or its database is not ready; try again later",
        List.of());
  }
}
