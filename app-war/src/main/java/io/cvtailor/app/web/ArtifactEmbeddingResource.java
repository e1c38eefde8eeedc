package io.cvtailor.app.web;

import io.cvtailor.app.ratelimit.RateLimited;
import io.cvtailor.app.ratelimit.RouteClass;
import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.embeddings.ArtifactEmbeddings;
import io.cvtailor.embeddings.ArtifactEmbeddings.Kind;
import io.cvtailor.kernel.InvalidInputException;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The seed's per-artifact embedding endpoints. */
@Path("/artifacts/{id}/embeddings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Embeddings")
public class ArtifactEmbeddingResource {
  @Inject ArtifactEmbeddings embeddings;
  @Context SecurityContext security;

  public record GenerateRequest(String contentType, Boolean forceRegenerate) {}

  public record Listed(long artifactId, List<Listed.Item> embeddings) {
    public record Item(
        UUID id,
        String contentType,
        int chunkOrdinal,
        int dimensions,
        String modelVersion,
        Instant createdAt) {}
  }

  @POST
  @Operation(
      summary = "Embed an artifact now",
      description =
          "201 with the new embedding(s); 200 with the stored one(s) when the artifact's text is"
              + " unchanged and force_regenerate is false (the model is not called).")
  @RateLimited(RouteClass.SEARCH)
  public Response generate(@PathParam("id") String id, GenerateRequest request) {
    GenerateRequest body = request == null ? new GenerateRequest(null, null) : request;
    Kind kind =
        switch (body.contentType() == null ? "full" : body.contentType()) {
          case "full" -> Kind.FULL;
          case "summary" -> Kind.SUMMARY;
          case "chunks" -> Kind.CHUNKS;
          default ->
              throw new InvalidInputException(
                  "content_type", "must be one of full, summary, chunks");
        };
    ArtifactEmbeddings.Generated generated =
        embeddings.generate(
            CurrentUser.id(security),
            ArtifactResource.artifactId(id),
            kind,
            Boolean.TRUE.equals(body.forceRegenerate()));
    Map<String, Object> entity = new java.util.LinkedHashMap<>();
    entity.put("artifact_id", generated.artifactId());
    entity.put("embedding_id", generated.embeddingId());
    entity.put("dimensions", generated.dimensions());
    entity.put("generated_at", generated.generatedAt());
    entity.put("content_hash", generated.contentHash());
    if (kind == Kind.CHUNKS) {
      entity.put("embedding_ids", generated.embeddingIds());
      entity.put("chunk_count", generated.embeddingIds().size());
    }
    return Response.status(generated.created() ? 201 : 200).entity(entity).build();
  }

  @GET
  @Operation(summary = "The artifact's embeddings for the active model")
  public Listed list(@PathParam("id") String id) {
    long artifactId = ArtifactResource.artifactId(id);
    return new Listed(
        artifactId,
        embeddings.list(CurrentUser.id(security), artifactId).stream()
            .map(
                e ->
                    new Listed.Item(
                        e.id(),
                        e.contentType(),
                        e.chunkOrdinal(),
                        e.dimensions(),
                        e.modelVersion(),
                        e.createdAt()))
            .toList());
  }
}
