package io.cvtailor.app.startup;

import io.cvtailor.kernel.db.DatabaseUnavailable;
import io.cvtailor.kernel.db.ReadRoute;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Stale-tolerant reads on the standby ({@code db.read-url}), with a bound on how stale: a read goes
 * there only while the standby's replay lag is at most {@code db.read.max-lag-ms} (default 5 s) and
 * it is streaming from a primary; otherwise, and whenever the standby fails (down, refusing, or
 * cancelling a query for a recovery conflict), the same read runs on the primary - fail open to the
 * primary, never an error. The lag is looked at no more than once a second, by one request at a
 * time (the others use the last answer).
 *
 * <p>Only entry points whose whole request is a read that tolerates this staleness call {@link
 * #read}: similar search and ranking (both already lag behind writes by the embedding queue). Reads
 * that must see the caller's own write (an artifact just saved, an export, a CV's ranking) never
 * do, and stay on the primary.
 */
@ApplicationScoped
public class ReadReplica {
  private static final Logger LOG = RequestIds.logger(ReadReplica.class);

  /**
   * Lag as the standby sees it: nothing when it is not in recovery (db.read-url is a primary) or
   * has replayed all it received; otherwise the age of the last transaction it replayed. A standby
   * with no WAL receiver is not streaming from anyone, so its data may be stale without bound.
   * (pg_stat_wal_receiver shows its row, with the pid, to roles without pg_read_all_stats too.)
   */
  static final String LAG =
      """
      SELECT pg_is_in_recovery(),
             EXISTS (SELECT 1 FROM pg_stat_wal_receiver),
             CASE WHEN NOT pg_is_in_recovery()
                    OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                  ELSE coalesce(1000 * extract(epoch FROM clock_timestamp()
                                                   - pg_last_xact_replay_timestamp()), 1e12)
             END
      """;

  private static final long CHECK_NANOS = 1_000_000_000L;

  /** What the last look at the standby found. */
  public record Health(boolean usable, double lagMs, String reason, long checkedAt) {}

  @Resource(lookup = "java:app/jdbc/cvtailor-read")
  DataSource readSource;

  private boolean configured;
  private long maxLagMs;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile Health health;

  @PostConstruct
  void init() {
    Config config = ConfigProvider.getConfig();
    String url = config.getOptionalValue("db.url", String.class).orElse("").strip();
    Optional<String> read = config.getOptionalValue("db.read-url", String.class).map(String::strip);
    // Unset, or the primary's own URL (the default): one database, nothing to route.
    configured = read.filter(r -> !r.isEmpty() && !r.equals(url) && !r.contains("${")).isPresent();
    maxLagMs = config.getOptionalValue("db.read.max-lag-ms", Long.class).orElse(5000L);
    if (configured) {
      LOG.info(
          "stale-tolerant reads (similar search, ranking) go to db.read-url while its lag is"
              + " at most "
              + maxLagMs
              + " ms");
    }
  }

  /** Runs a stale-tolerant read on the standby when it is fit for it, else on the primary. */
  public <T> T read(Supplier<T> work) {
    if (!configured || !usable()) {
      return work.get();
    }
    try {
      return ReadRoute.onReplica(work);
    } catch (RuntimeException e) {
      if (!standbyFailure(e)) {
        throw e;
      }
      health = new Health(false, Double.NaN, String.valueOf(e), System.nanoTime());
      LOG.log(Level.WARNING, "the standby failed a read; this and the next reads go to primary", e);
      return work.get();
    }
  }

  /** The last look at the standby, for the operator's readiness page; empty when unused. */
  public Optional<Health> health() {
    return configured ? Optional.ofNullable(health) : Optional.empty();
  }

  private boolean usable() {
    Health last = health;
    if (last == null || System.nanoTime() - last.checkedAt() > CHECK_NANOS) {
      // One request looks; the others go by the last answer (none yet: primary).
      if (checking.tryLock()) {
        try {
          last = health = check();
        } finally {
          checking.unlock();
        }
      }
    }
    return last != null && last.usable();
  }

  private Health check() {
    long now = System.nanoTime();
    try (Connection c = readSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(LAG)) {
      rs.next();
      boolean inRecovery = rs.getBoolean(1);
      boolean streaming = rs.getBoolean(2);
      double lagMs = rs.getDouble(3);
      if (inRecovery && !streaming) {
        return new Health(false, lagMs, "the standby is not streaming from a primary", now);
      }
      if (lagMs > maxLagMs) {
        return new Health(false, lagMs, "replay lag above db.read.max-lag-ms", now);
      }
      return new Health(true, lagMs, inRecovery ? "streaming" : "not a standby", now);
    } catch (SQLException | RuntimeException e) {
      Health previous = health;
      if (previous == null || previous.usable()) {
        LOG.log(Level.WARNING, "the standby cannot be reached; reads go to the primary", e);
      }
      return new Health(false, Double.NaN, String.valueOf(e), now);
    }
  }

  /**
   * The standby cannot serve this read: unreachable, or it cancelled the query because replay had
   * to remove rows the query still needed (SQLSTATE 40001 on a standby). Anything else is not the
   * standby's fault and is not retried.
   */
  static boolean standbyFailure(Throwable failure) {
    if (DatabaseUnavailable.isUnavailable(failure)) {
      return true;
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
