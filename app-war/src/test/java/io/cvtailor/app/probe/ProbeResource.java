package io.cvtailor.app.probe;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Test-only: what {@link TransactionProbe} recorded about one artifact. */
@Path("/test-probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

  @GET
  @Path("/{id}")
  public Map<String, Object> probe(@PathParam("id") long id) {
    return Map.of(
        "after_success_called", TransactionProbe.AFTER_SUCCESS_CALLED.contains(id),
        "seen_after_success", TransactionProbe.SEEN_AFTER_SUCCESS.getOrDefault(id, ""));
  }
}
