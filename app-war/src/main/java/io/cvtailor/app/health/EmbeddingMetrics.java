package io.cvtailor.app.health;

import io.cvtailor.app.startup.StartupState;
import io.cvtailor.embeddings.EmbeddingCoverage;
import io.cvtailor.embeddings.EmbeddingCoverage.Coverage;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;

/**
 * Embedding coverage on {@code /metrics} (application scope): {@code embedding_coverage}, {@code
 * embedding_pending}, {@code embedding_failed}.
 *
 * <p>They used to be {@code @Gauge} methods of this bean, which nothing ever instantiated, so they
 * never appeared (issue 15). They are now registered when the application starts. One scrape reads
 * the three of them and Prometheus may scrape often, while the counts read every artifact: one
 * count serves every read for {@link #MAX_AGE_MILLIS}.
 */
@ApplicationScoped
public class EmbeddingMetrics {
  private static final Logger LOG = RequestIds.logger(EmbeddingMetrics.class);
  static final long MAX_AGE_MILLIS = 5_000;

  @Inject EmbeddingCoverage coverage;
  @Inject StartupState startup;
  @Inject MetricRegistry registry;

  private record Snapshot(Coverage coverage, long takenAtMillis) {}

  private volatile Snapshot last;

  void register(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    gauge(
        "embedding_coverage",
        "Share of artifacts whose current text has vectors of the active model",
        Coverage::share);
    gauge("embedding_pending", "Artifacts waiting to be embedded", Coverage::pending);
    gauge("embedding_failed", "Artifacts whose embedding failed", Coverage::failed);
  }

  private void gauge(String name, String description, ToDoubleFunction<Coverage> value) {
    registry.gauge(
        Metadata.builder()
            .withName(name)
            .withDescription(description)
            .withUnit(MetricUnits.NONE)
            .build(),
        this,
        metrics -> metrics.current() == null ? 0 : value.applyAsDouble(metrics.current()));
  }

  /** The counts, at most {@link #MAX_AGE_MILLIS} old; the last known ones when the count fails. */
  Coverage current() {
    Snapshot snapshot = last;
    long now = System.currentTimeMillis();
    if (!startup.schemaReady()
        || (snapshot != null && now - snapshot.takenAtMillis() < MAX_AGE_MILLIS)) {
      return snapshot == null ? null : snapshot.coverage();
    }
    synchronized (this) {
      snapshot = last;
      if (snapshot == null || now - snapshot.takenAtMillis() >= MAX_AGE_MILLIS) {
        try {
          snapshot = new Snapshot(coverage.of(null), System.currentTimeMillis());
        } catch (RuntimeException e) {
          // the database is away: keep the last figures, try again after MAX_AGE_MILLIS
          LOG.log(Level.FINE, "counting embedding coverage failed", e);
          snapshot =
              new Snapshot(
                  snapshot == null ? null : snapshot.coverage(), System.currentTimeMillis());
        }
        last = snapshot;
      }
      return snapshot.coverage();
    }
  }
}
