package io.cvtailor.app.web;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cvtailor.app.ratelimit.RateLimited;
import io.cvtailor.app.ratelimit.RouteClass;
import io.cvtailor.app.security.AccountDeletion;
import io.cvtailor.app.security.ApiTokens;
import io.cvtailor.app.security.AuditTrail;
import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.app.security.Passwords;
import io.cvtailor.app.security.SignInThrottle;
import io.cvtailor.app.security.WebSessions;
import io.cvtailor.artifacts.Account;
import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactFilter;
import io.cvtailor.artifacts.ArtifactPage;
import io.cvtailor.artifacts.Profile;
import io.cvtailor.artifacts.ResumeDocuments;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.cv.CvService;
import io.cvtailor.documents.DocumentImports;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.NotFoundException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class MeResource {
  static final String ZIP = "application/zip";
  static final int MAX_ACTIVITY_PAGE = 100;
  // {"password": …} with the longest password allowed, escaped, has room to spare in 4 KiB
  static final int MAX_DELETE_BODY = 4096;

  @Inject UserAccounts accounts;
  @Inject AccountDeletion deletion;
  @Inject Passwords passwords;
  @Inject SignInThrottle throttle;
  @Inject AuditTrail audit;
  @Inject ApiTokens tokens;
  @Inject WebSessions sessions;
  @Inject ArtifactCatalog catalog;
  @Inject ResumeDocuments resumes;
  @Inject CvService cvs;
  @Inject DocumentImports imports;
  @Context SecurityContext security;
  @Context HttpServletRequest http;

  public record Me(
      long userId, String email, String displayName, Instant createdAt, Profile profile) {}

  /** The body of {@code DELETE /me}: the account's password, asked again. */
  public record DeleteAccountRequest(String password) {}

  /** One page of {@code GET /me/activity}; {@code nextBefore} fetches the next (older) page. */
  public record Activity(List<AuditTrail.Entry> events, Long nextBefore) {}

  @GET
  @Operation(summary = "The caller's account and profile")
  public Me me() {
    long userId = CurrentUser.id(security);
    Account account = accounts.find(userId).orElseThrow(() -> new NotFoundException("user"));
    return new Me(
        account.id(),
        account.email(),
        account.displayName(),
        account.createdAt(),
        accounts.profile(userId));
  }

  @PUT
  @Path("/profile")
  @Operation(summary = "Replace the profile (the basics of every CV)")
  public Profile updateProfile(Profile profile) {
    return accounts.updateProfile(CurrentUser.id(security), RequestBodies.required(profile));
  }

  @DELETE
  @Operation(
      summary = "Delete the account and everything held about the person",
      description =
          "The body repeats the account's password: {\"password\": \"…\"}, exactly as POST"
              + " /me/delete. Payara (like several proxies) refuses a DELETE that carries a body"
              + " with a bare 400 unless its listener allows it"
              + " (allow-payload-for-undefined-http-methods), so clients should use POST"
              + " /me/delete; without a body this answers 400 naming password.")
  @APIResponse(responseCode = "204", description = "the account and everything of it is gone")
  @APIResponse(
      responseCode = "400",
      description = "no password in the body (errors name password); nothing deleted",
      content = @Content(mediaType = "application/problem+json"))
  @APIResponse(
      responseCode = "403",
      description = "the password is wrong (errors name password); nothing deleted",
      content = @Content(mediaType = "application/problem+json"))
  @RateLimited(RouteClass.EXPENSIVE)
  @Consumes(MediaType.WILDCARD)
  public Response deleteAccountByDelete(InputStream body) throws IOException {
    return deleteAccount(body);
  }

  @POST
  @Path("/delete")
  @Operation(
      summary = "Delete the account and everything held about the person",
      description =
          "The body repeats the account's password: {\"password\": \"…\"}. Deleted in one"
              + " transaction: profile, artifacts and their embeddings, CVs, import proposals,"
              + " tokens, sessions, cached posting embeddings, re-index runs, the audit trail, and"
              + " the sign-in throttling records keyed by the e-mail address. A missing password"
              + " is 400, a wrong one 403 (both name the field password; nothing is deleted), and"
              + " wrong passwords count against sign-in throttling (429). One anonymous record"
              + " (no id, e-mail or address) says that an account was deleted.")
  @APIResponse(responseCode = "204", description = "the account and everything of it is gone")
  @APIResponse(
      responseCode = "400",
      description = "no password in the body (errors name password); nothing deleted",
      content = @Content(mediaType = "application/problem+json"))
  @APIResponse(
      responseCode = "403",
      description = "the password is wrong (errors name password); nothing deleted",
      content = @Content(mediaType = "application/problem+json"))
  @RateLimited(RouteClass.EXPENSIVE)
  @Consumes(MediaType.WILDCARD)
  @org.eclipse.microprofile.openapi.annotations.parameters.RequestBody(
      description = "{\"password\": \"…\"}",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = DeleteAccountRequest.class)))
  public Response deleteAccount(InputStream body) throws IOException {
    long userId = CurrentUser.id(security);
    DeleteAccountRequest request = deleteRequest(body);
    if (request == null || request.password() == null || request.password().isEmpty()) {
      throw new InvalidInputException(
          "password", "is required: repeat the account's password to delete it");
    }
    if (request.password().length() > Passwords.MAX_LENGTH) {
      throw new InvalidInputException("password", Passwords.RULES);
    }
    Account account = accounts.find(userId).orElseThrow(() -> new NotFoundException("user"));
    String accountKey = UserAccounts.normaliseEmail(account.email());
    AuditTrail.From from = audit.from(http);
    // A stolen session must not become a way to guess the password: the same throttle as sign-in.
    OptionalLong wait = throttle.admit(accountKey, from.address());
    if (wait.isPresent()) {
      throw new ProblemException(
          Problem.of(
                  429,
                  "Too Many Requests",
                  "too many wrong passwords; try again in " + wait.getAsLong() + " seconds",
                  List.of())
              .response()
              .header("Retry-After", wait.getAsLong())
              .build());
    }
    if (!passwords.matches(userId, request.password())) {
      throttle.recordFailure(accountKey, userId, from, "account deletion");
      throw new ProblemException(
          Problem.of(
                  Response.Status.FORBIDDEN,
                  "the password is wrong; the account was not deleted",
                  List.of(new FieldError("password", "is not this account's password")))
              .toResponse());
    }
    throttle.recordSuccess(accountKey, from.address());
    Deadlocks.retry(
        () -> {
          deletion.delete(account);
          return null;
        });
    return Response.noContent().build();
  }

  /**
   * The body of DELETE /me, read here rather than by the JSON provider: a DELETE often comes with
   * no body or no Content-Type at all, and each of those must be the same 400 naming password.
   */
  private static DeleteAccountRequest deleteRequest(InputStream body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_DELETE_BODY + 1);
    if (bytes.length == 0) {
      return null;
    }
    if (bytes.length > MAX_DELETE_BODY) {
      throw new InvalidInputException("password", Passwords.RULES);
    }
    try {
      return JsonMapping.MAPPER.readValue(bytes, DeleteAccountRequest.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidInputException("password", "is required: send {\"password\": \"…\"}");
    }
  }

  @GET
  @Path("/activity")
  @Operation(
      summary = "The caller's audit trail, newest first",
      description =
          "Sign-ins (and failed attempts), sign-outs, tokens created and revoked, exports and"
              + " imports, with when, the client address (as seen through the trusted proxies)"
              + " and the user agent (at most 200 characters). limit is 1 to 100 (default 20);"
              + " next_before, when present, is the before of the next (older) page. Kept for"
              + " audit.retention-days (365).")
  @APIResponse(
      responseCode = "200",
      description = "a page of the caller's activity",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Activity.class)))
  @APIResponse(
      responseCode = "400",
      description = "limit or before out of range (errors name it)",
      content = @Content(mediaType = "application/problem+json"))
  public Activity activity(
      @QueryParam("limit") @DefaultValue("20") String limit, @QueryParam("before") String before) {
    int size = ArtifactResource.intParam("limit", limit, 1, MAX_ACTIVITY_PAGE);
    long beforeId = Long.MAX_VALUE;
    if (before != null) {
      try {
        beforeId = Long.parseLong(before.strip());
      } catch (NumberFormatException e) {
        beforeId = 0;
      }
      if (beforeId < 1) {
        throw new InvalidInputException("before", "must be a next_before of an earlier page");
      }
    }
    List<AuditTrail.Entry> page = audit.page(CurrentUser.id(security), beforeId, size);
    Long next = page.size() == size ? page.get(page.size() - 1).id() : null;
    return new Activity(page, next);
  }

  @GET
  @Path("/export")
  @Produces(ZIP)
  @Operation(
      summary = "Everything held about the caller, as one ZIP archive",
      description =
          "account.json (account and profile), resume.json (the JSON Resume export),"
              + " artifacts.ndjson (every artifact as GET /artifacts/{id} shows it, one per"
              + " line), cvs/<id>.json (each CV with its edits applied and its posting),"
              + " import-proposals/<id>.json (documents waiting for review), tokens.json (names"
              + " and times, never secrets), sessions.json (open web sessions' times) and"
              + " activity.ndjson (the audit trail: sign-ins, failures, tokens, exports,"
              + " imports). Streamed; rate-limited like other exports.")
  @APIResponse(
      responseCode = "200",
      description = "the archive",
      content =
          @Content(
              mediaType = ZIP,
              schema =
                  @Schema(
                      type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING,
                      format = "binary")))
  @RateLimited(RouteClass.EXPENSIVE)
  public Response export() {
    long userId = CurrentUser.id(security);
    Account account = accounts.find(userId).orElseThrow(() -> new NotFoundException("user"));
    audit.recordQuietly(userId, AuditTrail.Event.EXPORT, audit.from(http), Map.of("format", "zip"));
    StreamingOutput body = out -> writeArchive(account, out);
    String file = "cvtailor-export-" + LocalDate.now(ZoneOffset.UTC) + ".zip";
    return Response.ok(body, ZIP)
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }

  private void writeArchive(Account account, OutputStream out) throws IOException {
    long userId = account.id();
    ZipOutputStream zip = new ZipOutputStream(out);
    json(
        zip,
        "account.json",
        new Me(
            account.id(),
            account.email(),
            account.displayName(),
            account.createdAt(),
            accounts.profile(userId)));
    json(zip, "resume.json", resumes.exportResume(userId));
    zip.putNextEntry(new ZipEntry("artifacts.ndjson"));
    // a page at a time: the archive never holds every artifact in memory at once
    for (int page = 0; ; page++) {
      ArtifactPage artifacts = catalog.list(userId, new ArtifactFilter(null, null, page, 200));
      for (Artifact artifact : artifacts.items()) {
        line(zip, artifact);
      }
      if (artifacts.items().size() < 200) {
        break;
      }
    }
    zip.closeEntry();
    for (CvService.CvSummary cv : cvs.list(userId)) {
      try {
        json(zip, "cvs/" + cv.id() + ".json", cvs.get(userId, cv.id()));
      } catch (io.cvtailor.kernel.NotFoundException deletedMeanwhile) {
        // deleted while the archive was written: it is no longer held
      }
    }
    for (UUID proposal : imports.pendingOf(userId)) {
      try {
        json(zip, "import-proposals/" + proposal + ".json", imports.get(userId, proposal));
      } catch (io.cvtailor.kernel.NotFoundException expiredMeanwhile) {
        // expired while the archive was written
      }
    }
    json(zip, "tokens.json", tokens.history(userId));
    json(zip, "sessions.json", sessions.openOf(userId));
    zip.putNextEntry(new ZipEntry("activity.ndjson"));
    IOException[] failure = new IOException[1];
    audit.all(
        userId,
        entry -> {
          if (failure[0] == null) {
            try {
              line(zip, entry);
            } catch (IOException e) {
              failure[0] = e;
            }
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    zip.closeEntry();
    zip.finish();
    zip.flush();
  }

  private static void json(ZipOutputStream zip, String name, Object value) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    JsonGenerator generator = JsonMapping.MAPPER.getFactory().createGenerator(new Unclosed(zip));
    JsonMapping.MAPPER.writerWithDefaultPrettyPrinter().writeValue(generator, value);
    zip.closeEntry();
  }

  private static void line(ZipOutputStream zip, Object value) throws IOException {
    zip.write(JsonMapping.MAPPER.writeValueAsBytes(value));
    zip.write('\n');
  }

  /** The archive's stream, which Jackson must not close after one entry. */
  private static final class Unclosed extends java.io.FilterOutputStream {
    Unclosed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
