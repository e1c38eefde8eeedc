package io.cvtailor.app.health;

import io.cvtailor.app.startup.StartupState;
import io.cvtailor.embeddings.EmbeddingCoverage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Gauge;

/** Embedding coverage on {@code /metrics} (application scope). */
@ApplicationScoped
public class EmbeddingMetrics {
  @Inject EmbeddingCoverage coverage;
  @Inject StartupState startup;

  @Gauge(
      name = "embedding_coverage",
      unit = MetricUnits.NONE,
      description = "Share of artifacts whose current text has vectors of the active model")
  public double embeddingCoverage() {
    return startup.schemaReady() ? coverage.of(null).share() : 0;
  }

  @Gauge(
      name = "embedding_pending",
      unit = MetricUnits.NONE,
      description = "Artifacts waiting to be embedded")
  public long embeddingPending() {
    return startup.schemaReady() ? coverage.of(null).pending() : 0;
  }

  @Gauge(
      name = "embedding_failed",
      unit = MetricUnits.NONE,
      description = "Artifacts whose embedding failed")
  public long embeddingFailed() {
    return startup.schemaReady() ? coverage.of(null).failed() : 0;
  }
}
