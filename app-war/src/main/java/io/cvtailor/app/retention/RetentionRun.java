package io.cvtailor.app.retention;

import io.cvtailor.documents.DocumentImports;
import io.cvtailor.embeddings.EmbeddingRetention;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One clean-up run: removes what is kept only for a while, in batches, one instance at a time.
 *
 * <p>The run is one transaction that first takes a transaction-scoped advisory lock with {@code
 * pg_try_advisory_xact_lock}: when another instance (or another run of this one) holds it, this run
 * does nothing and says so. Each delete is a batch of {@code retention.batch-size} rows (a short
 * statement), at most {@code retention.max-batches} batches per kind and run, so the transaction is
 * bounded too; what is left goes in the next run. Periods: see docs/operations.md.
 */
@ApplicationScoped
public class RetentionRun {
  /** The advisory lock's key, shared by every instance of the application. */
  static final String LOCK_NAME = "cvtailor.retention";

  private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtextextended(?, 0))";

  // Sessions past their expiry cannot sign anyone in; nothing else needs them.
  private static final String EXPIRED_SESSIONS =
      """
      -- fans out: retention, by age over every user
      DELETE FROM identity.sessions
      WHERE id_hash IN (SELECT id_hash FROM identity.sessions WHERE expires_at < now() LIMIT ?)
      """;

  // A revoked token is kept for a grace period so its owner still sees it in the export and an
  // operator can tell "revoked" from "never existed" for a while; then it goes.
  private static final String REVOKED_TOKENS =
      """
      -- fans out: retention, by age over every user
      DELETE FROM identity.api_tokens
      WHERE (user_id, id) IN (SELECT user_id, id FROM identity.api_tokens
                   WHERE revoked_at < now() - make_interval(days => ?) LIMIT ?)
      """;

  // Throttling windows long closed count nothing (SignInThrottle restarts a closed window).
  private static final String OLD_SIGN_IN_COUNTERS =
      """
      DELETE FROM identity.sign_in_counters
      WHERE ctid IN (SELECT ctid FROM identity.sign_in_counters
                     WHERE window_start < now() - make_interval(hours => ?) LIMIT ?)
      """;

  private static final String OLD_AUDIT_EVENTS =
      """
      -- fans out: retention, by age over every user
      DELETE FROM identity.audit_events
      WHERE (user_id, id) IN (SELECT user_id, id FROM identity.audit_events
                              WHERE occurred_at < now() - make_interval(days => ?) LIMIT ?)
      """;

  // The anonymous records of deleted accounts are kept as long as audit events.
  private static final String OLD_ACCOUNT_DELETIONS =
      """
      DELETE FROM identity.account_deletions
      WHERE id IN (SELECT id FROM identity.account_deletions
                   WHERE occurred_at < now() - make_interval(days => ?) LIMIT ?)
      """;

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject EmbeddingRetention embeddings;
  @Inject DocumentImports imports;

  @Inject
  @ConfigProperty(name = "retention.batch-size", defaultValue = "1000")
  int batchSize;

  @Inject
  @ConfigProperty(name = "retention.max-batches", defaultValue = "50")
  int maxBatches;

  @Inject
  @ConfigProperty(name = "retention.revoked-token-days", defaultValue = "30")
  int revokedTokenDays;

  @Inject
  @ConfigProperty(name = "retention.sign-in-counter-hours", defaultValue = "24")
  int signInCounterHours;

  @Inject
  @ConfigProperty(name = "retention.posting-embedding-days", defaultValue = "30")
  int postingEmbeddingDays;

  @Inject
  @ConfigProperty(name = "retention.reindex-run-days", defaultValue = "30")
  int reindexRunDays;

  @Inject
  @ConfigProperty(name = "audit.retention-days", defaultValue = "365")
  int auditDays;

  /** What a run did: whether it held the lock, and rows deleted per kind. */
  public record Outcome(boolean ran, Map<String, Integer> deleted) {}

  @Transactional
  public Outcome run() {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement lock = c.prepareStatement(TRY_LOCK)) {
        lock.setString(1, LOCK_NAME);
        try (ResultSet rs = lock.executeQuery()) {
          rs.next();
          if (!rs.getBoolean(1)) {
            return new Outcome(false, Map.of());
          }
        }
      }
      Map<String, Integer> deleted = new LinkedHashMap<>();
      deleted.put("sessions", batches(() -> delete(c, EXPIRED_SESSIONS, batchSize)));
      deleted.put(
          "revoked_tokens", batches(() -> delete(c, REVOKED_TOKENS, revokedTokenDays, batchSize)));
      deleted.put(
          "sign_in_counters",
          batches(() -> delete(c, OLD_SIGN_IN_COUNTERS, signInCounterHours, batchSize)));
      deleted.put(
          "audit_events",
          batches(() -> delete(c, OLD_AUDIT_EVENTS, auditDays, batchSize))
              + batches(() -> delete(c, OLD_ACCOUNT_DELETIONS, auditDays, batchSize)));
      deleted.put(
          "posting_embeddings",
          batches(() -> embeddings.forgetUnusedPostingEmbeddings(postingEmbeddingDays, batchSize)));
      deleted.put(
          "reindex_runs",
          batches(() -> embeddings.forgetFinishedReindexRuns(reindexRunDays, batchSize)));
      deleted.put("import_proposals", batches(() -> imports.forgetExpired(batchSize)));
      return new Outcome(true, deleted);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Repeats a batch while whole batches come back, at most {@code maxBatches} times. */
  private int batches(IntSupplier batch) {
    int total = 0;
    for (int i = 0; i < maxBatches; i++) {
      int n = batch.getAsInt();
      total += n;
      if (n < batchSize) {
        break;
      }
    }
    return total;
  }

  private static int delete(Connection c, String sql, int... values) {
    try (PreparedStatement delete = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        delete.setInt(i + 1, values[i]);
      }
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
