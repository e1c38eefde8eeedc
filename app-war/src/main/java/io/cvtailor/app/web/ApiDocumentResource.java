package io.cvtailor.app.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OpenAPI document exactly as the build generated it (SmallRye, with {@link ProblemResponses}),
 * for tools and code generators. Payara Micro 6.2025.10 serves the same document at {@code
 * /openapi} but adds a top-level {@code endpoints} key that is not OpenAPI, so validators and
 * generators reject it (fixed upstream as {@code x-endpoints}, payara/Payara#7891, after the last
 * Payara 6 release served here). Public, like {@code /openapi}.
 */
@Path("/openapi.yaml")
@Tag(name = "Operations")
public class ApiDocumentResource {
  private static final String DOCUMENT = "META-INF/openapi.yaml";

  /** Read once: the build's file in the WAR, about 100 KB. */
  private static volatile byte[] document;

  @GET
  @Produces("application/yaml")
  @Operation(summary = "This API's OpenAPI document (valid OpenAPI, for tools and code generators)")
  public Response document() {
    return Response.ok(bytes()).header(HttpHeaders.CACHE_CONTROL, "public, max-age=300").build();
  }

  private static byte[] bytes() {
    byte[] bytes = document;
    if (bytes == null) {
      try (InputStream in =
          ApiDocumentResource.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
        if (in == null) {
          throw new IllegalStateException(DOCUMENT + " is missing from the build");
        }
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      document = bytes;
    }
    return bytes;
  }
}
