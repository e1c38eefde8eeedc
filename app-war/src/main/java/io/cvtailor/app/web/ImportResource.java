package io.cvtailor.app.web;

import io.cvtailor.app.ratelimit.RateLimited;
import io.cvtailor.app.ratelimit.RouteClass;
import io.cvtailor.app.security.AuditTrail;
import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.documents.DocumentImports;
import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.ImportProposal;
import io.cvtailor.documents.ProposedItem;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.NotFoundException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * CV documents in: upload → proposal → review → confirm. The upload is the raw body with its media
 * type, or a multipart form with a {@code file} field.
 */
@Path("/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports")
public class ImportResource {
  /** Bytes of multipart framing (boundaries, part headers) allowed beyond the document limit. */
  private static final int MULTIPART_SLACK = 64 * 1024;

  @Inject DocumentImports imports;

  @Inject
  @ConfigProperty(name = "imports.max-bytes", defaultValue = "10485760")
  long maxBytes;

  @Inject AuditTrail audit;
  @Context SecurityContext security;
  @Context jakarta.servlet.http.HttpServletRequest http;
  @Context UriInfo uri;

  /** The confirmation: the accepted (possibly edited) items and, optionally, profile basics. */
  public record ConfirmBody(List<ProposedItem> items, Profile profile) {}

  /** What a confirmation created. */
  public record Confirmed(int created, List<Long> artifactIds) {}

  @POST
  @Consumes(MediaType.WILDCARD)
  @Operation(
      summary = "Read a CV document into a proposal (nothing is created yet)",
      description =
          "The document is the raw body with its media type (application/pdf,"
              + " application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
              + " application/vnd.oasis.opendocument.text, text/markdown, text/plain, or"
              + " application/zip for a LinkedIn data export), or a multipart/form-data upload"
              + " with a 'file' field. At most 10 MB (imports.max-bytes). Answers 201 with the"
              + " proposal: profile basics, proposed artifacts (each with the source text it came"
              + " from and a confidence), warnings and the extracted text; every proposed field is"
              + " text of the document, nothing is invented. 415 for other types; 413 for a larger"
              + " document or an archive that expands too far; 400 for an encrypted or damaged"
              + " file; 422 for a document without text (a scanned PDF). OCR is an explicit option:"
              + " with ?ocr=true a PDF without a text layer is rendered and read by tesseract"
              + " (tesseract-ocr must be installed on the server, else 422 saying how; at most"
              + " imports.ocr.max-pages pages, imports.ocr.page-seconds per page; 503 with"
              + " Retry-After while OCR is busy); its items carry a lower confidence and a"
              + " warning. A PDF with a text layer is never OCR'd.")
  @RequestBody(description = "the document (raw or multipart 'file')")
  @RateLimited(RouteClass.EXPENSIVE)
  public Response propose(
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam("Content-Disposition") String disposition,
      @Parameter(
              description =
                  "true to read a PDF without a text layer (a scan) by OCR; default false (such a"
                      + " PDF answers 422)")
          @QueryParam("ocr")
          String ocr,
      InputStream body)
      throws IOException {
    long userId = CurrentUser.id(security);
    boolean withOcr = ocrFlag(ocr);
    String type = contentType == null ? "" : contentType;
    DocumentImports.Upload upload;
    if (type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
      byte[] raw = read(body, maxBytes + MULTIPART_SLACK);
      DocumentImports.Upload file = Multipart.file(raw, type, "file");
      upload = new DocumentImports.Upload(file.bytes(), file.mediaType(), file.fileName(), withOcr);
    } else {
      upload =
          new DocumentImports.Upload(
              read(body, maxBytes), type, Multipart.fileName(disposition), withOcr);
    }
    ImportProposal proposal = imports.propose(userId, upload);
    return Response.created(uri.getAbsolutePathBuilder().path(proposal.id().toString()).build())
        .entity(proposal)
        .build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A kept proposal (404 once confirmed, expired, or another person's)")
  public ImportProposal get(@PathParam("id") String id) {
    return imports.get(CurrentUser.id(security), proposalId(id));
  }

  @POST
  @Path("/{id}/confirm")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Create the accepted items as artifacts, all or nothing",
      description =
          "items are the accepted, possibly edited, entries of the proposal (same shape); each is"
              + " validated like any artifact and errors name it (items[2].started_on). profile,"
              + " when given, fills the profile's basics (given fields replace, links are added)."
              + " 201 {created, artifact_ids}; the proposal is spent.")
  @RateLimited(RouteClass.EXPENSIVE)
  public Response confirm(@PathParam("id") String id, ConfirmBody body) {
    RequestBodies.required(body);
    List<Long> ids =
        imports.confirm(CurrentUser.id(security), proposalId(id), body.items(), body.profile());
    audit.recordQuietly(
        CurrentUser.id(security),
        AuditTrail.Event.IMPORT,
        audit.from(http),
        Map.of("source", "document", "proposal_id", id, "created", ids.size()));
    return Response.status(Response.Status.CREATED).entity(new Confirmed(ids.size(), ids)).build();
  }

  /** The {@code ocr} query parameter: absent, true or false; anything else names the field. */
  static boolean ocrFlag(String value) {
    if (value == null || value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    throw new InvalidInputException("ocr", "must be true or false");
  }

  static UUID proposalId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("import " + id);
    }
  }

  /** The body, refusing it at the first byte past the limit (nothing larger is held in memory). */
  static byte[] read(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) > 0) {
      total += n;
      if (total > limit) {
        throw new DocumentRejectedException(
            DocumentRejectedException.Kind.TOO_LARGE,
            "the document is larger than " + limit / (1024 * 1024) + " MB (imports.max-bytes)");
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }
}
