package io.cvtailor.app.startup;

import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.kernel.Backoff;
import io.cvtailor.kernel.db.SchemaPasses;
import io.cvtailor.kernel.db.Untimed;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * Migrates each module's schema at start-up, in dependency order, then starts the embedding
 * pipeline. A database that cannot be reached yet (the WAR deployed while PostgreSQL is down) is
 * waited for with back-off, never a failed deployment. A missing pgvector is reported once,
 * clearly, and leaves the application not ready (readiness DOWN, API 503) instead of half-working.
 */
@ApplicationScoped
public class SchemaMigrations {
  private static final Logger LOG = RequestIds.logger(SchemaMigrations.class);

  /** Module schemas, lowest first: each may reference only the ones before it. */
  static final List<String> SCHEMAS_IN_ORDER =
      List.of("artifacts", "embeddings", "search", "cv", "identity", "documents");

  static final String MIN_PGVECTOR = "0.8.0";

  private static final String PGVECTOR_VERSION =
      "SELECT extversion FROM pg_extension WHERE extname = 'vector'";

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  /**
   * Until the migrations succeed they are tried again, 1 s after the first failure, doubling up to
   * {@code db.migrations.retry-max-ms} (default 5 s), so the application becomes ready within about
   * that long after PostgreSQL is up, without a restart; meanwhile readiness is DOWN and the API
   * answers 503 with Retry-After (ReadinessGate).
   */
  @Inject
  @ConfigProperty(name = "db.migrations.retry-max-ms", defaultValue = "5000")
  long retryMaxMillis;

  @Inject StartupState state;
  @Inject EmbeddingPipeline embeddings;
  @Resource ManagedScheduledExecutorService scheduler;

  private final AtomicInteger failedAttempts = new AtomicInteger();
  private volatile ScheduledFuture<?> retry;
  private volatile boolean stopped;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    attempt();
  }

  /** Migrates; on success starts the embedding pipeline, otherwise schedules the next attempt. */
  void attempt() {
    if (stopped) {
      return;
    }
    migrate();
    if (state.schemaReady()) {
      embeddings.start();
      return;
    }
    int failures = failedAttempts.incrementAndGet();
    Duration wait =
        new Backoff(Duration.ofSeconds(1), Duration.ofMillis(Math.max(1000, retryMaxMillis)), 0.1)
            .delay(failures, Duration.ZERO);
    LOG.warning(
        () ->
            "not ready after "
                + failures
                + (failures == 1 ? " attempt" : " attempts")
                + "; migrations are tried again in "
                + wait.toMillis()
                + " ms");
    retry = scheduler.schedule(this::attempt, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** On undeploy no further attempt runs. */
  @PreDestroy
  void stop() {
    stopped = true;
    ScheduledFuture<?> pending = retry;
    if (pending != null) {
      pending.cancel(false);
    }
  }

  void migrate() {
    String database = "(unknown database)";
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      database = connection.getCatalog() + " at " + connection.getMetaData().getURL();
      String pgvector = null;
      try (ResultSet rs = statement.executeQuery(PGVECTOR_VERSION)) {
        if (rs.next()) {
          pgvector = rs.getString(1);
        }
      }
      if (pgvector == null || compareVersions(pgvector, MIN_PGVECTOR) < 0) {
        String problem =
            (pgvector == null
                    ? "pgvector is not enabled in database " + database
                    : "pgvector "
                        + pgvector
                        + " in database "
                        + database
                        + " is older than "
                        + MIN_PGVECTOR)
                + ". Fix: run ./cvtailor db for the local database, or as a superuser run"
                + " CREATE EXTENSION vector; (ALTER EXTENSION vector UPDATE; for an old one) in "
                + connection.getCatalog()
                + " with pgvector >= "
                + MIN_PGVECTOR
                + " installed on the server.";
        LOG.severe(problem);
        state.failed(database, problem);
        return;
      }
      // Migrations may rewrite large tables: they run without the pool's statement timeout.
      // In passes, so that a key other modules point at can change (SchemaPasses).
      SchemaPasses.migrate(
          SCHEMAS_IN_ORDER,
          () ->
              Flyway.configure(getClass().getClassLoader())
                  .dataSource(Untimed.dataSource(dataSource)));
      LOG.info("schemas migrated: " + SCHEMAS_IN_ORDER + " (pgvector " + pgvector + ")");
      state.schemaReady(database, pgvector);
    } catch (SQLException | RuntimeException e) {
      String problem = "database " + database + " is not usable: " + e.getMessage();
      if (failedAttempts.get() == 0) {
        LOG.log(Level.SEVERE, problem, e);
      } else {
        LOG.severe(problem);
      }
      state.failed(database, problem);
    }
  }

  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int xi = i < x.length ? Integer.parseInt(x[i].replaceAll("\\D.*", "")) : 0;
      int yi = i < y.length ? Integer.parseInt(y[i].replaceAll("\\D.*", "")) : 0;
      if (xi != yi) {
        return Integer.compare(xi, yi);
      }
    }
    return 0;
  }
}
