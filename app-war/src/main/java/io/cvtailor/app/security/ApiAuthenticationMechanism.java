package io.cvtailor.app.security;

import io.cvtailor.app.web.JsonMapping;
import io.cvtailor.app.web.Problem;
import io.cvtailor.app.web.ProblemMappers;
import io.cvtailor.app.web.RequestIdFilter;
import io.cvtailor.app.web.SecurityHeaders;
import io.cvtailor.app.web.TrailingSlashes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One identity, two ways in: {@code Authorization: Bearer <token>} for integrations, and the
 * session cookie for the web UI, whose writes must carry the session's CSRF token. Every API path
 * needs one of them except registration and sign-in. Failures are answered as problem details.
 */
@ApplicationScoped
public class ApiAuthenticationMechanism implements HttpAuthenticationMechanism {
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Inject IdentityStoreHandler identityStores;
  @Inject WebSessions sessions;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    RequestIdFilter.assign(request, response);
    SecurityHeaders.apply(request, response);
    try {
      return authenticate(request, response, context);
    } catch (RuntimeException e) {
      // Token and session look-ups reach the pool before any JAX-RS mapper could see a failure:
      // a database that is down, or no connection free in time, must answer 503, not 500.
      Problem unavailable = ProblemMappers.TimeAndSize.problemOf(e);
      if (unavailable == null || unavailable.status() != 503) {
        throw e;
      }
      response.setHeader("Retry-After", ProblemMappers.TimeAndSize.RETRY_AFTER_SECONDS);
      return send(response, unavailable);
    }
  }

  private AuthenticationStatus authenticate(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      CredentialValidationResult result =
          identityStores.validate(new BearerTokenCredential(authorization.substring(7).strip()));
      if (result.getStatus() == CredentialValidationResult.Status.VALID) {
        return context.notifyContainerAboutLogin(result);
      }
      return refuse(response, 401, "the bearer token is invalid or revoked");
    }
    Optional<WebSessions.Session> session = sessionOf(request);
    if (session.isPresent()) {
      if (!SAFE_METHODS.contains(request.getMethod())
          && !Secrets.constantTimeEquals(
              request.getHeader(WebSessions.CSRF_HEADER), session.get().csrfToken())) {
        return refuse(
            response,
            403,
            "a write with the session cookie must send the session's CSRF token in "
                + WebSessions.CSRF_HEADER);
      }
      return context.notifyContainerAboutLogin(
          String.valueOf(session.get().userId()), Set.of(TokenIdentityStore.USER_GROUP));
    }
    if (requiresSignIn(request)) {
      return refuse(
          response, 401, "authentication required: send Authorization: Bearer <token> or sign in");
    }
    return context.doNothing();
  }

  /** Everything under /api/ needs a caller, except the ways in. */
  static boolean requiresSignIn(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    path = TrailingSlashes.withoutTrailingSlashes(path);
    if (!path.startsWith("/api/")) {
      return false;
    }
    return !(path.equals("/api/v1/auth/register")
        || path.equals("/api/v1/auth/session")
        // the API's own description, public like Payara's /openapi
        || path.equals("/api/v1/openapi.yaml")
        // guarded by the operator token instead (OperationsResource)
        || path.startsWith("/api/v1/operations/")
        || (path.equals("/api/v1/auth/tokens") && request.getMethod().equals("POST")));
  }

  private Optional<WebSessions.Session> sessionOf(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (WebSessions.COOKIE.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
        return sessions.find(cookie.getValue());
      }
    }
    return Optional.empty();
  }

  private static AuthenticationStatus refuse(
      HttpServletResponse response, int status, String detail) {
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    String title = status == 401 ? "Unauthorized" : "Forbidden";
    return send(response, Problem.of(status, title, detail, List.of()));
  }

  private static AuthenticationStatus send(HttpServletResponse response, Problem problem) {
    try {
      response.setStatus(problem.status());
      response.setContentType(Problem.MEDIA_TYPE.toString());
      JsonMapping.MAPPER.writeValue(response.getOutputStream(), problem);
      response.flushBuffer();
    } catch (IOException e) {
      // the client went away; nothing more to tell it
    }
    return AuthenticationStatus.SEND_FAILURE;
  }
}
