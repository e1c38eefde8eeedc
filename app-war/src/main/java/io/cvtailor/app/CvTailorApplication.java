package io.cvtailor.app;

import io.cvtailor.app.ratelimit.RateLimited;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The REST API; resources and providers are discovered in this WAR. */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(
    info =
        @Info(
            title = "cvtailor API",
            version = "1",
            description =
                "Career artifacts ranked against job postings with pgvector, and tailored CVs."
                    + " Authenticate with `Authorization: Bearer <token>` (POST /auth/tokens)."),
    servers = @Server(url = "/"),
    // Every tag a resource uses, described once here (Redocly's tag-description rule).
    tags = {
      @Tag(name = "Artifacts", description = "The pieces of a career: create, list, edit, import"),
      @Tag(name = "CVs", description = "Tailored CVs: generate, edit, regenerate, download"),
      @Tag(name = "Embeddings", description = "Embedding status, models and re-indexing"),
      @Tag(name = "Identity", description = "Accounts, sign-in, API tokens, the caller's data"),
      @Tag(name = "Imports", description = "A CV document in, as a proposal to review and confirm"),
      @Tag(name = "Operations", description = "Readiness details for operators"),
      @Tag(
          name = "Search and ranking",
          description = "Similar search and ranking against a job posting, with explanations")
    },
    // the body of every error response; ProblemResponses adds it to each operation's 400/413/503
    components =
        @Components(
            schemas = @Schema(name = "Problem", implementation = io.cvtailor.app.web.Problem.class),
            headers =
                @Header(
                    name = "RetryAfter",
                    description = "seconds to wait before trying again",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0")),
            // ProblemResponses adds these to every operation by reference.
            responses = {
              @APIResponse(
                  name = "TooManyRequests",
                  description = RateLimited.TOO_MANY_REQUESTS,
                  content =
                      @Content(
                          mediaType = "application/problem+json",
                          schema = @Schema(ref = "Problem")),
                  headers = @Header(name = "Retry-After", ref = "RetryAfter")),
              @APIResponse(
                  name = "Unavailable",
                  description =
                      "Out of time (http.request-timeout-ms, db.statement-timeout-ms), no free"
                          + " database connection (db.pool.max-wait-ms) or the database is"
                          + " unreachable; nothing was changed, retry after Retry-After",
                  content =
                      @Content(
                          mediaType = "application/problem+json",
                          schema = @Schema(ref = "Problem")),
                  headers = @Header(name = "Retry-After", ref = "RetryAfter"))
            }),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "A personal API token from POST /api/v1/auth/tokens")
public class CvTailorApplication extends Application {

  /** Jackson (see JsonMapping) is the one JSON provider: the platform's JSON-B is switched off. */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.disableJsonBinding", true, "jersey.config.jsonFeature", "JacksonFeature");
  }
}
