package io.cvtailor.app.web;

import io.cvtailor.app.security.ApiTokens;
import io.cvtailor.app.security.AuditTrail;
import io.cvtailor.app.security.CurrentUser;
import io.cvtailor.app.security.Passwords;
import io.cvtailor.app.security.Registration;
import io.cvtailor.app.security.RequestOrigin;
import io.cvtailor.app.security.SignInThrottle;
import io.cvtailor.app.security.WebSessions;
import io.cvtailor.artifacts.Account;
import io.cvtailor.artifacts.UserAccounts;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InputValidation;
import io.cvtailor.kernel.NotFoundException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class AuthResource {
  @Inject Registration registration;
  @Inject Passwords passwords;
  @Inject ApiTokens tokens;
  @Inject WebSessions sessions;
  @Inject SignInThrottle throttle;
  @Inject RequestOrigin origin;
  @Inject UserAccounts accounts;
  @Inject Validator validator;
  @Inject AuditTrail audit;
  @Context HttpServletRequest http;
  @Context SecurityContext security;

  public record RegisterRequest(
      @NotBlank(message = "is required")
          @Email(message = "must be an e-mail address")
          @Size(max = 320, message = "must be at most 320 characters")
          String email,
      @NotNull(message = "is required")
          @Size(min = Passwords.MIN_LENGTH, max = Passwords.MAX_LENGTH, message = Passwords.RULES)
          String password,
      @NotBlank(message = "is required")
          @Size(max = 200, message = "must be at most 200 characters")
          @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL (U+0000) characters")
          String displayName) {

    // Explicit, so the constraints stay on the fields: Java copies record-component annotations
    // onto the canonical constructor's parameters, and Payara's OpenAPI generator fails on a
    // constrained parameter that is not a @PathParam (NullPointerException, /openapi 500).
    public RegisterRequest(String email, String password, String displayName) {
      // surrounding spaces are not part of an address; case is folded when it is stored
      this.email = email == null ? null : email.strip();
      this.password = password;
      this.displayName = displayName;
    }
  }

  public record Registered(long userId, String email) {}

  public record SignInRequest(
      @NotBlank(message = "is required") String email,
      @NotNull(message = "is required") @Size(max = Passwords.MAX_LENGTH, message = Passwords.RULES)
          String password,
      @Size(max = 100, message = "must be at most 100 characters")
          @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL (U+0000) characters")
          String name) {
    // Explicit, so the constraints stay on the fields: Java copies record-component annotations
    // onto the canonical constructor's parameters, and Payara's OpenAPI generator fails on a
    // constrained parameter that is not a @PathParam (NullPointerException, /openapi 500).
    public SignInRequest(String email, String password, String name) {
      this.email = email;
      this.password = password;
      this.name = name;
    }
  }

  public record SessionInfo(long userId, String email, String displayName, String csrfToken) {}

  @POST
  @Path("/register")
  @Operation(summary = "Create an account")
  @APIResponse(
      responseCode = "201",
      description = "the account",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = Registered.class)))
  public Response register(
      // Declared: without @Consumes the build's generator documents no body (the generated
      // client had no way to send one).
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = RegisterRequest.class)))
          RegisterRequest request) {
    InputValidation.require(validator, RequestBodies.required(request));
    Account account =
        registration.register(request.email(), request.password(), request.displayName());
    return Response.status(Status.CREATED)
        .entity(new Registered(account.id(), account.email()))
        .build();
  }

  @POST
  @Path("/tokens")
  @Operation(summary = "Create a personal API token (shown once)")
  @APIResponse(
      responseCode = "201",
      description = "the token, shown this once",
      content =
          @Content(
              mediaType = "application/json",
              schema = @Schema(implementation = ApiTokens.IssuedToken.class)))
  public Response createToken(
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = SignInRequest.class)))
          SignInRequest request) {
    InputValidation.require(validator, RequestBodies.required(request));
    Account account = signIn(request);
    String name = request.name() == null || request.name().isBlank() ? "api token" : request.name();
    return Response.status(Status.CREATED)
        .entity(tokens.issue(account.id(), name, audit.from(http)))
        .build();
  }

  @GET
  @Path("/tokens")
  @Operation(summary = "List the caller's active tokens (without their secrets)")
  public List<ApiTokens.TokenInfo> listTokens() {
    return tokens.list(CurrentUser.id(security));
  }

  @DELETE
  @Path("/tokens/{tokenId}")
  @Operation(summary = "Revoke a token; it stops working at once")
  public Response revokeToken(@PathParam("tokenId") String tokenId) {
    UUID id;
    try {
      id = UUID.fromString(tokenId);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("token");
    }
    if (!tokens.revoke(CurrentUser.id(security), id, audit.from(http))) {
      throw new NotFoundException("token");
    }
    return Response.noContent().build();
  }

  @POST
  @Path("/session")
  @Operation(summary = "Sign in the web UI: sets the session cookie, returns the CSRF token")
  public Response openSession(
      @RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      schema = @Schema(implementation = SignInRequest.class)))
          SignInRequest request) {
    InputValidation.require(validator, RequestBodies.required(request));
    Account account = signIn(request);
    WebSessions.NewSession session = sessions.open(account.id(), audit.from(http));
    NewCookie cookie =
        new NewCookie.Builder(WebSessions.COOKIE)
            .value(session.cookieValue())
            .path("/")
            .httpOnly(true)
            .secure(origin.secureCookies(http))
            .sameSite(NewCookie.SameSite.STRICT)
            .maxAge(session.maxAgeSeconds())
            .build();
    return Response.ok(
            new SessionInfo(
                account.id(), account.email(), account.displayName(), session.csrfToken()))
        .cookie(cookie)
        .build();
  }

  @GET
  @Path("/session")
  @Operation(summary = "The signed-in session and its CSRF token")
  public SessionInfo currentSession(@CookieParam(WebSessions.COOKIE) String cookie) {
    Optional<WebSessions.Session> session =
        cookie == null || cookie.isBlank() ? Optional.empty() : sessions.find(cookie);
    Account account =
        session
            .flatMap(s -> accounts.find(s.userId()))
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(Status.UNAUTHORIZED, "not signed in", List.of()).toResponse()));
    return new SessionInfo(
        account.id(), account.email(), account.displayName(), session.get().csrfToken());
  }

  @DELETE
  @Path("/session")
  @Operation(summary = "Sign out of the web UI")
  public Response closeSession(@CookieParam(WebSessions.COOKIE) String cookie) {
    if (cookie != null && !cookie.isBlank()) {
      sessions.close(cookie, audit.from(http));
    }
    NewCookie expired =
        new NewCookie.Builder(WebSessions.COOKIE)
            .value("")
            .path("/")
            .httpOnly(true)
            .secure(origin.secureCookies(http))
            .sameSite(NewCookie.SameSite.STRICT)
            .maxAge(0)
            .build();
    return Response.noContent().cookie(expired).build();
  }

  /**
   * The attempt is counted before the password is checked (see {@link SignInThrottle}); a refused
   * attempt costs no password hashing.
   */
  private Account signIn(SignInRequest request) {
    String accountKey = UserAccounts.normaliseEmail(request.email());
    String address = origin.clientAddress(http);
    OptionalLong wait = throttle.admit(accountKey, address);
    if (wait.isPresent()) {
      throw new ProblemException(
          Problem.of(
                  429,
                  "Too Many Requests",
                  "too many failed sign-ins; try again in " + wait.getAsLong() + " seconds",
                  List.of())
              .response()
              .header("Retry-After", wait.getAsLong())
              .build());
    }
    Optional<Account> account = passwords.verify(request.email(), request.password());
    if (account.isEmpty()) {
      // Recorded in the owner's audit trail when the account exists (nothing is kept for an
      // address that is not an account).
      Long userId = accounts.findByEmail(accountKey).map(Account::id).orElse(null);
      throttle.recordFailure(accountKey, userId, audit.from(http), "sign-in");
      throw new ProblemException(
          Problem.of(
                  Status.UNAUTHORIZED,
                  "wrong e-mail or password",
                  List.of(new FieldError("password", "does not match this e-mail")))
              .toResponse());
    }
    throttle.recordSuccess(accountKey, address);
    return account.get();
  }
}
