package io.cvtailor.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;

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
    // the body of every error response; ProblemResponses adds it to each operation's 400/413/503
    components =
        @Components(
            schemas =
                @Schema(name = "Problem", implementation = io.cvtailor.app.web.Problem.class)),
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
