package io.cvtailor.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.app.ratelimit.RateLimited;
import io.cvtailor.app.ratelimit.RouteClass;
import io.cvtailor.app.security.AuditTrail;
import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactDraft;
import io.cvtailor.artifacts.ArtifactFilter;
import io.cvtailor.artifacts.ArtifactPage;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.ImportItem;
import io.cvtailor.artifacts.ResumeDocuments;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.LimitExceededException;
import io.cvtailor.kernel.NotFoundException;
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
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/artifacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Artifacts")
public class ArtifactResource {
  static final String NDJSON = "application/x-ndjson";

  @Inject ArtifactCatalog catalog;
  @Inject ResumeDocuments resumes;

  @Inject Config config;
  @Inject AuditTrail audit;
  @Context SecurityContext security;
  @Context jakarta.servlet.http.HttpServletRequest http;
  @Context UriInfo uri;

  @POST
  @Operation(summary = "Create an artifact; it is embedded in the background")
  @APIResponse(
      responseCode = "201",
      description = "the artifact; Location names it",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Artifact.class)))
  public Response create(ArtifactDraft draft) {
    Artifact artifact = catalog.create(CurrentUser.id(security), draft);
    return Response.created(
            uri.getAbsolutePathBuilder().path(String.valueOf(artifact.id())).build())
        .entity(artifact)
        .build();
  }

  @GET
  @Operation(
      summary = "The caller's artifacts, filtered by type and text, a page at a time",
      description =
          "Newest first. page counts from 0; size is 1 to 200 (default 20); q matches title,"
              + " organization, description, content and tags, ignoring case.")
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
    if (text != null && text.indexOf('\0') >= 0) {
      throw new InvalidInputException("q", "must not contain NUL (U+0000) characters");
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
    long userId = CurrentUser.id(security);
    long artifactId = artifactId(id);
    Deadlocks.retry(
        () -> {
          catalog.delete(userId, artifactId);
          return null;
        });
    return Response.noContent().build();
  }

  /** The outcome of an import. */
  public record Imported(int created, List<Long> artifactIds) {}

  @POST
  @Path("/import")
  @Operation(
      summary = "Import a JSON Resume document: basics fill the profile, entries become artifacts",
      description =
          "work→experience, volunteer→volunteer, education→education, awards→award,"
              + " certificates→certification, publications→publication, skills→skill,"
              + " projects→project (type talk/other → talk/other). Fields without a column are"
              + " kept in metadata.json_resume and restored by GET /artifacts/export. All or"
              + " nothing: errors name the document's fields, e.g. work[3].startDate.")
  @RateLimited(RouteClass.EXPENSIVE)
  public Response importResume(JsonNode document) {
    List<Long> ids =
        resumes.importResume(CurrentUser.id(security), RequestBodies.required(document));
    audit.recordQuietly(
        CurrentUser.id(security),
        AuditTrail.Event.IMPORT,
        audit.from(http),
        Map.of("source", "json-resume", "created", ids.size()));
    return Response.status(Response.Status.CREATED).entity(new Imported(ids.size(), ids)).build();
  }

  @POST
  @Path("/import")
  @Consumes(NDJSON)
  @Operation(
      summary = "Bulk-load artifacts: one artifact per line, shaped as for POST /artifacts",
      description =
          "All or nothing. Errors name the line as an editor numbers it (from 1), e.g."
              + " line[7].title; blank lines are skipped. Lines that cannot be read are reported"
              + " first (reading stops after 1000 of them); when every line reads, every artifact"
              + " is validated and all its errors come back together. At most 16 MiB"
              + " (http.max-import-bytes) and 1 MiB per line (http.max-ndjson-line-bytes): 413.")
  @RateLimited(RouteClass.EXPENSIVE)
  public Response importNdjson(InputStream body) throws IOException {
    ObjectReader reader = JsonMapping.MAPPER.readerFor(ArtifactDraft.class);
    List<ImportItem> items = new ArrayList<>();
    BoundedErrors errors = new BoundedErrors();
    // More lines than an account may hold cannot succeed: stop reading instead of buffering them.
    int maxPerUser =
        config.getOptionalValue("artifacts.max-per-user", Integer.class).orElse(10_000);
    int maxLineBytes =
        config.getOptionalValue(NdjsonLines.LINE_KEY, Integer.class).orElse(1_048_576);
    NdjsonLines lines = new NdjsonLines(body, maxLineBytes);
    for (String line = lines.next(); line != null; line = lines.next()) {
      if (errors.full()) {
        // 1,000 unreadable lines: the rest of the body is not read (the connection is closed).
        throw new ProblemException(
            Problem.of(
                    Response.Status.BAD_REQUEST,
                    "the import has "
                        + BoundedErrors.MAX_COUNTED
                        + " unreadable lines; reading stopped at line["
                        + lines.number()
                        + "]",
                    errors.toList())
                .response()
                .header("Connection", "close")
                .build());
      }
      if (line.isBlank()) {
        continue;
      }
      String path = "line[" + lines.number() + "]";
      if (items.size() >= maxPerUser) {
        throw new LimitExceededException(
            "artifacts", "an import can hold at most " + maxPerUser + " artifacts");
      }
      try {
        ArtifactDraft draft = reader.readValue(line);
        if (draft == null) {
          errors.add(new FieldError(path, "must be a JSON object"));
        } else {
          items.add(new ImportItem(path, draft));
        }
      } catch (JsonProcessingException e) {
        FieldError error = ProblemMappers.UnreadableJson.fieldError(e);
        errors.add(
            new FieldError(
                error.field().equals("body") ? path : path + "." + error.field(), error.message()));
      }
    }
    if (errors.isEmpty() && items.isEmpty()) {
      errors.add(new FieldError("body", "has no artifacts: send one JSON object per line"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors.toList());
    }
    List<Long> ids = catalog.importAll(CurrentUser.id(security), items);
    audit.recordQuietly(
        CurrentUser.id(security),
        AuditTrail.Event.IMPORT,
        audit.from(http),
        Map.of("source", "ndjson", "created", ids.size()));
    return Response.status(Response.Status.CREATED).entity(new Imported(ids.size(), ids)).build();
  }

  @GET
  @Path("/export")
  @Operation(
      summary = "All of the caller's data as a JSON Resume document",
      description =
          "basics from the profile, every artifact in its section; fields kept at import are"
              + " restored. What JSON Resume has no field for travels in x-cvtailor.")
  @RateLimited(RouteClass.EXPENSIVE)
  public ObjectNode export() {
    long userId = CurrentUser.id(security);
    ObjectNode resume = resumes.exportResume(userId);
    audit.recordQuietly(
        userId, AuditTrail.Event.EXPORT, audit.from(http), Map.of("format", "json-resume"));
    return resume;
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
