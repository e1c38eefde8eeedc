package io.cvtailor.app.web;

import io.cvtailor.app.ratelimit.RateLimited;
import io.cvtailor.app.ratelimit.RouteClass;
import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.embeddings.EmbeddingCoverage;
import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.Reindexing;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.NotFoundException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Re-indexing and the embedding status of the caller's artifacts. */
@Path("/embeddings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Embeddings")
public class EmbeddingResource {
  @Inject Reindexing reindexing;
  @Inject EmbeddingCoverage coverage;
  @Inject EmbeddingPipeline pipeline;
  @Context SecurityContext security;

  public record ReindexRequest(String model) {}

  public record Status(
      String model,
      int dimensions,
      long artifacts,
      long ready,
      long pending,
      long failed,
      double coverage) {}

  @POST
  @Path("reindex")
  @Operation(
      summary = "Re-embed all of the caller's artifacts with the active model, in the background")
  @RateLimited(RouteClass.EXPENSIVE)
  public Response reindex(ReindexRequest request) {
    if (request != null
        && request.model() != null
        && !request.model().equals(pipeline.activeModel())) {
      throw new InvalidInputException(
          "model",
          "must be the active model ("
              + pipeline.activeModel()
              + "); to change models set EMBEDDING_PROVIDER / EMBEDDING_MODEL and restart");
    }
    UUID jobId = reindexing.start(CurrentUser.id(security));
    return Response.accepted(Map.of("job_id", jobId)).build();
  }

  @GET
  @Path("reindex/{jobId}")
  @Operation(summary = "Progress of a re-index: status, done, total, failed")
  public Reindexing.Progress progress(@PathParam("jobId") String jobId) {
    UUID id;
    try {
      id = UUID.fromString(jobId);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("re-index job " + jobId);
    }
    return reindexing.progress(CurrentUser.id(security), id);
  }

  @GET
  @Path("status")
  @Operation(summary = "The active model and the share of the caller's artifacts embedded with it")
  public Status status() {
    EmbeddingCoverage.Coverage mine = coverage.of(CurrentUser.id(security));
    return new Status(
        mine.model(),
        pipeline.dimensions(),
        mine.artifacts(),
        mine.ready(),
        mine.pending(),
        mine.failed(),
        mine.share());
  }
}
