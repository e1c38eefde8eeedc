package io.cvtailor.app.ratelimit;

import io.cvtailor.app.security.RequestOrigin;
import io.cvtailor.app.web.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.List;

/**
 * Takes a token from the caller's bucket before the resource runs, so a refused request costs no
 * work beyond authentication: 429 problem+json with {@code Retry-After}. The caller is the
 * signed-in user, or for anonymous routes the client address (trusted proxies honoured, see {@link
 * RequestOrigin}).
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RateLimitFilter implements ContainerRequestFilter {
  @Inject RateLimiter limiter;
  @Inject RequestOrigin origin;
  @Context ResourceInfo resource;
  @Context HttpServletRequest http;

  @Override
  public void filter(ContainerRequestContext request) {
    if (!limiter.enabled()) {
      return;
    }
    Principal user = request.getSecurityContext().getUserPrincipal();
    RouteClass route = user == null ? RouteClass.ANONYMOUS : routeClass();
    String caller = user == null ? "a:" + origin.clientAddress(http) : "u:" + user.getName();
    RateLimiter.Verdict verdict = limiter.consume(caller, route);
    if (!verdict.allowed()) {
      request.abortWith(
          Problem.of(
                  429,
                  "Too Many Requests",
                  "rate limit of "
                      + route.key()
                      + " requests reached; try again in "
                      + verdict.retryAfterSeconds()
                      + " seconds",
                  List.of())
              .response()
              .header("Retry-After", verdict.retryAfterSeconds())
              .build());
    }
  }

  private RouteClass routeClass() {
    Method method = resource.getResourceMethod();
    if (method != null && method.isAnnotationPresent(RateLimited.class)) {
      return method.getAnnotation(RateLimited.class).value();
    }
    Class<?> type = resource.getResourceClass();
    if (type != null && type.isAnnotationPresent(RateLimited.class)) {
      return type.getAnnotation(RateLimited.class).value();
    }
    return RouteClass.READ;
  }
}
