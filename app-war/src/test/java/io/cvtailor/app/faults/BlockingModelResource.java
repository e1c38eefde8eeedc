package io.cvtailor.app.faults;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Test-only: how many model calls {@link BlockingModel} holds, and releasing them. */
@Path("/test-model")
@Produces(MediaType.APPLICATION_JSON)
public class BlockingModelResource {

  @GET
  public Map<String, Object> state() {
    return Map.of("blocked", BlockingModel.BLOCKED.get());
  }

  @POST
  @Path("/release")
  public Map<String, Object> release() {
    CountDownLatch held = BlockingModel.release;
    BlockingModel.release = new CountDownLatch(1);
    held.countDown();
    return Map.of("blocked", BlockingModel.BLOCKED.get());
  }
}
