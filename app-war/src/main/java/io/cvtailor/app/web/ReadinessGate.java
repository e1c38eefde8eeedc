package io.cvtailor.app.web;

import io.cvtailor.app.startup.StartupState;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/** Until the schema is in place the API answers 503 with the reason, never half-working. */
@Provider
@PreMatching
public class ReadinessGate implements ContainerRequestFilter {
  @Inject StartupState state;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!state.schemaReady()) {
      request.abortWith(
          Problem.of(Status.SERVICE_UNAVAILABLE, state.problem(), List.of())
              .response()
              .header("Retry-After", "30")
              .build());
    }
  }
}
