package io.cvtailor.app.web;

import io.cvtailor.kernel.Backoff;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * PostgreSQL aborts one transaction of a lock cycle (SQLSTATE 40P01) or of a serialization conflict
 * (40001); nothing of it is kept, so it can simply run again. Deleting an artifact while the
 * embedding worker stores its vectors is such a cycle: the worker locks its queued job, then the
 * artifact (foreign key); the delete locks the artifact, then the job (cascade).
 */
final class Deadlocks {
  static final int ATTEMPTS = 4;
  private static final Set<String> RETRYABLE = Set.of("40P01", "40001");
  // The project's one backoff rule: 100 ms doubling, with jitter so that the two transactions of a
  // cycle do not run into each other again in lockstep.
  private static final Backoff BACKOFF =
      new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), 0.5);

  private Deadlocks() {}

  /** Runs the transactional work, again after a short pause when it lost a lock cycle. */
  static <T> T retry(Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !isRetryable(e)) {
          throw e;
        }
        LockSupport.parkNanos(BACKOFF.delay(attempt, Duration.ZERO).toNanos());
      }
    }
  }

  static boolean isRetryable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && RETRYABLE.contains(sql.getSQLState())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
