package io.cvtailor.app.web;

import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactDraft;
import io.cvtailor.artifacts.ArtifactFilter;
import io.cvtailor.artifacts.ArtifactPage;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.InvalidInputException;
import io.cvtailor.artifacts.NotFoundException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/artifacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Artifacts")
public class ArtifactResource {
  @Inject ArtifactCatalog catalog;
  @Context SecurityContext security;
  @Context UriInfo uri;

  @POST
  @Operation(summary = "Create an artifact; it is embedded in the background")
  public Response create(ArtifactDraft draft) {
    Artifact artifact = catalog.create(CurrentUser.id(security), draft);
    return Response.created(
            uri.getAbsolutePathBuilder().path(String.valueOf(artifact.id())).build())
        .entity(artifact)
        .build();
  }

  @GET
  @Operation(summary = "The caller's artifacts, filtered by type and text, a page at a time")
  public ArtifactPage list(
      @QueryParam("type") String type,
      @QueryParam("q") String text,
      @QueryParam("page") @DefaultValue("0") String page,
      @QueryParam("size") @DefaultValue("20") String size) {
    ArtifactType artifactType = null;
    if (type != null && !type.isBlank()) {
      artifactType =
          ArtifactType.fromValue(type)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "type", "must be one of " + ArtifactType.allowedValues()));
    }
    int pageNumber = intParam("page", page, 0, 1_000_000);
    int pageSize = intParam("size", size, 1, 200);
    return catalog.list(
        CurrentUser.id(security), new ArtifactFilter(artifactType, text, pageNumber, pageSize));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One of the caller's artifacts")
  public Artifact get(@PathParam("id") String id) {
    return catalog.get(CurrentUser.id(security), artifactId(id));
  }

  @PUT
  @Path("/{id}")
  @Operation(
      summary = "Replace an artifact; the body carries the version it was read at (409 when stale)")
  public Artifact update(@PathParam("id") String id, ArtifactDraft draft) {
    return catalog.update(CurrentUser.id(security), artifactId(id), draft);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete an artifact with its embeddings")
  public Response delete(@PathParam("id") String id) {
    catalog.delete(CurrentUser.id(security), artifactId(id));
    return Response.noContent().build();
  }

  /** A malformed id cannot name any artifact: 404, like an id of someone else's artifact. */
  static long artifactId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new NotFoundException("artifact " + id);
    }
  }

  static int intParam(String name, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(name, "must be a whole number from " + min + " to " + max);
  }
}
