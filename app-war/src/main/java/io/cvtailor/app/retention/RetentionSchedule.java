package io.cvtailor.app.retention;

import io.cvtailor.app.startup.StartupState;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the clean-up ({@link RetentionRun}) every {@code retention.interval-minutes} on every
 * instance; the run's advisory lock lets one instance at a time do the work. Stopped on undeploy.
 */
@ApplicationScoped
public class RetentionSchedule {
  private static final Logger LOG = RequestIds.logger(RetentionSchedule.class);

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject RetentionRun run;
  @Inject StartupState startup;

  @Inject
  @ConfigProperty(name = "retention.enabled", defaultValue = "true")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "retention.interval-minutes", defaultValue = "60")
  int intervalMinutes;

  private ScheduledFuture<?> task;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (!enabled) {
      LOG.info("retention clean-up disabled (retention.enabled=false)");
      return;
    }
    int every = Math.max(1, intervalMinutes);
    // the first run waits a few minutes, so start-up (migrations, warm-up) has the database first
    task =
        scheduler.scheduleWithFixedDelay(
            this::runOnce, Math.min(5, every), every, TimeUnit.MINUTES);
  }

  void runOnce() {
    if (!startup.schemaReady()) {
      return;
    }
    try {
      RetentionRun.Outcome outcome = run.run();
      if (outcome.ran()) {
        LOG.info("retention clean-up: deleted " + outcome.deleted());
      } else {
        LOG.fine("retention clean-up: another instance is running it");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "retention clean-up failed; trying again next interval", e);
    }
  }

  @PreDestroy
  void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
