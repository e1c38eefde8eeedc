package io.cvtailor.app.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The route class of a resource method (or of every method of a resource); default READ. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimited {
  /** The OpenAPI description of the 429 every operation documents (added by ProblemResponses). */
  String TOO_MANY_REQUESTS =
      "Too Many Requests: the caller's rate limit for this class of route is used up (per user;"
          + " per client address without sign-in). Nothing was done; retry after Retry-After"
          + " seconds. problem+json.";

  RouteClass value();
}
