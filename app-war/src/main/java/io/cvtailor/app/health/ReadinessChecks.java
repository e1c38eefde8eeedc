package io.cvtailor.app.health;

import io.cvtailor.app.startup.StartupState;
import io.cvtailor.embeddings.EmbeddingPipeline;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready} and {@code /health/live} answer anyone, so they say UP or DOWN and nothing
 * else: no versions, database names, errors or counts, and a probe costs one cheap round trip. The
 * details are at {@code GET /api/v1/operations/readiness}, for the operator credential.
 */
@ApplicationScoped
public class ReadinessChecks {
  private static final int PROBE_TIMEOUT_SECONDS = 2;

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject StartupState startup;
  @Inject EmbeddingPipeline embeddings;

  @Produces
  @Readiness
  HealthCheck database() {
    return () -> HealthCheckResponse.named("database").status(databaseReachable()).build();
  }

  @Produces
  @Readiness
  HealthCheck migrations() {
    return () -> HealthCheckResponse.named("migrations").status(startup.schemaReady()).build();
  }

  @Produces
  @Readiness
  HealthCheck embeddingModel() {
    return () ->
        HealthCheckResponse.named("embedding-model").status(embeddings.modelLoaded()).build();
  }

  @Produces
  @Liveness
  HealthCheck alive() {
    return () -> HealthCheckResponse.up("application");
  }

  private boolean databaseReachable() {
    // Until the migrations have run, they are the ones that reach the database (with back-off). A
    // probe answered while the WAR is still deploying runs outside the application's context, where
    // the container cannot even load the driver's data source class to open the pool.
    if (!startup.schemaReady()) {
      return false;
    }
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(PROBE_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }
}
