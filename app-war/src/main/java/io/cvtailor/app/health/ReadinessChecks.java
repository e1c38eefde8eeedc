package io.cvtailor.app.health;

import io.cvtailor.app.startup.StartupState;
import io.cvtailor.embeddings.EmbeddingCoverage;
import io.cvtailor.embeddings.EmbeddingPipeline;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready}: database reachable, pgvector, migrations done, embedding model loaded. */
@ApplicationScoped
public class ReadinessChecks {
  private static final String PROBE =
      "SELECT current_setting('server_version'), (SELECT extversion FROM pg_extension WHERE extname = 'vector')";

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject StartupState startup;
  @Inject EmbeddingPipeline embeddings;
  @Inject EmbeddingCoverage coverage;

  @Produces
  @Readiness
  HealthCheck database() {
    return () -> {
      var builder = HealthCheckResponse.named("database");
      try (Connection c = dataSource.getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(PROBE)) {
        rs.next();
        builder
            .withData("postgresql", rs.getString(1))
            .withData("pgvector", String.valueOf(rs.getString(2)))
            .withData("database", c.getCatalog());
        return builder.status(rs.getString(2) != null).build();
      } catch (SQLException e) {
        return builder.down().withData("error", e.getMessage()).build();
      }
    };
  }

  @Produces
  @Readiness
  HealthCheck migrations() {
    return () -> {
      var builder = HealthCheckResponse.named("migrations").status(startup.schemaReady());
      if (startup.problem() != null) {
        builder.withData("problem", startup.problem());
      }
      return builder.build();
    };
  }

  @Produces
  @Readiness
  HealthCheck embeddingModel() {
    return () -> {
      var builder =
          HealthCheckResponse.named("embedding-model")
              .status(embeddings.modelLoaded())
              .withData("model", embeddings.activeModel())
              .withData("dimensions", embeddings.dimensions());
      if (startup.schemaReady()) {
        // Informational (the seed's target is > 95%): queued work does not make the app unready.
        try {
          EmbeddingCoverage.Coverage all = coverage.of(null);
          builder
              .withData("coverage", String.format(java.util.Locale.ROOT, "%.4f", all.share()))
              .withData("artifacts", all.artifacts())
              .withData("pending", all.pending())
              .withData("failed", all.failed());
        } catch (RuntimeException e) {
          builder.withData("coverage", "unavailable: " + e.getMessage());
        }
      }
      return builder.build();
    };
  }

  @Produces
  @Liveness
  HealthCheck alive() {
    return () -> HealthCheckResponse.up("application");
  }
}
