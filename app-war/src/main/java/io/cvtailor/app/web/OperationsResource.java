package io.cvtailor.app.web;

import io.cvtailor.app.retention.RetentionRun;
import io.cvtailor.app.startup.ReadReplica;
import io.cvtailor.app.startup.StartupState;
import io.cvtailor.embeddings.EmbeddingCoverage;
import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What public health no longer shows, for the operator: database and pgvector versions, the
 * database's name, why start-up failed, the model and embedding coverage. Guarded by the operator
 * token from configuration ({@code operator.token}, written by the launcher into ~/.cvtailor); with
 * no token configured the endpoint does not exist (404).
 */
@Path("/operations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class OperationsResource {
  private static final Logger LOG = RequestIds.logger(OperationsResource.class);
  public static final String TOKEN_HEADER = "X-Operator-Token";

  private static final String PROBE =
      """
      SELECT current_setting('server_version'), current_database(),
             (SELECT extversion FROM pg_extension WHERE extname = 'vector')
      """;

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject StartupState startup;
  @Inject EmbeddingPipeline embeddings;
  @Inject EmbeddingCoverage coverage;
  @Inject RetentionRun retention;
  @Inject ReadReplica replica;

  @Inject
  @ConfigProperty(name = "operator.token")
  Optional<String> operatorToken;

  @GET
  @Path("readiness")
  @SecurityRequirements
  @Operation(
      summary = "Readiness with details (operator only)",
      description =
          "Database and pgvector versions, start-up problem, model and embedding coverage."
              + " Needs the operator token (configuration key operator.token) in "
              + TOKEN_HEADER
              + "; 404 when no operator token is configured, 401 when it does not match.")
  public Map<String, Object> readiness(
      @Parameter(in = ParameterIn.HEADER, name = TOKEN_HEADER) @HeaderParam(TOKEN_HEADER)
          String token) {
    requireOperator(token);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("schema_ready", startup.schemaReady());
    details.put("problem", startup.problem());
    details.put("database", database());
    // db.read-url in use: whether stale-tolerant reads go to the standby now, and why (not).
    replica
        .health()
        .ifPresent(
            h -> {
              Map<String, Object> read = new LinkedHashMap<>();
              read.put("reads_go_to_standby", h.usable());
              read.put("lag_ms", Double.isNaN(h.lagMs()) ? null : Math.round(h.lagMs()));
              read.put("state", h.reason());
              details.put("read_replica", read);
            });
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("loaded", embeddings.modelLoaded());
    model.put("model", embeddings.activeModel());
    model.put("dimensions", embeddings.dimensions());
    if (startup.schemaReady()) {
      try {
        EmbeddingCoverage.Coverage all = coverage.of(null);
        model.put("coverage", String.format(Locale.ROOT, "%.4f", all.share()));
        model.put("artifacts", all.artifacts());
        model.put("pending", all.pending());
        model.put("failed", all.failed());
      } catch (RuntimeException e) {
        model.put("coverage", "unavailable: " + e.getMessage());
      }
    }
    details.put("embedding_model", model);
    return details;
  }

  @POST
  @Path("retention")
  @SecurityRequirements
  @Operation(
      summary = "Run the retention clean-up now (operator only)",
      description =
          "What the scheduled clean-up does every retention.interval-minutes: expired sessions,"
              + " revoked tokens past retention.revoked-token-days, closed sign-in throttling"
              + " windows, audit events past audit.retention-days, posting embeddings unused for"
              + " retention.posting-embedding-days and finished re-index runs past"
              + " retention.reindex-run-days, in batches. ran is false (and nothing is deleted)"
              + " while another instance or run holds the clean-up's advisory lock. Needs the"
              + " operator token in "
              + TOKEN_HEADER
              + ".")
  @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(
      responseCode = "401",
      description = "the operator token is missing or wrong",
      content =
          @org.eclipse.microprofile.openapi.annotations.media.Content(
              mediaType = "application/problem+json"))
  @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(
      responseCode = "404",
      description = "no operator token is configured",
      content =
          @org.eclipse.microprofile.openapi.annotations.media.Content(
              mediaType = "application/problem+json"))
  public RetentionRun.Outcome runRetention(
      @Parameter(in = ParameterIn.HEADER, name = TOKEN_HEADER) @HeaderParam(TOKEN_HEADER)
          String token) {
    requireOperator(token);
    return retention.run();
  }

  private Map<String, Object> database() {
    Map<String, Object> database = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(PROBE)) {
      rs.next();
      database.put("up", rs.getString(3) != null);
      database.put("postgresql", rs.getString(1));
      database.put("name", rs.getString(2));
      database.put("pgvector", rs.getString(3));
    } catch (SQLException e) {
      database.put("up", false);
      database.put("error", e.getMessage());
    }
    return database;
  }

  private void requireOperator(String token) {
    String expected = operatorToken.map(String::strip).orElse("");
    if (expected.isEmpty()) {
      throw new ProblemException(
          Problem.of(Status.NOT_FOUND, "no operator token is configured", List.of()).toResponse());
    }
    boolean matches =
        token != null
            && MessageDigest.isEqual(
                token.strip().getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    if (!matches) {
      LOG.log(Level.WARNING, "operations endpoint called without the operator token");
      throw new ProblemException(
          Problem.of(
                  Status.UNAUTHORIZED,
                  "the operator token is missing or wrong (" + TOKEN_HEADER + ")",
                  List.of())
              .toResponse());
    }
  }
}
