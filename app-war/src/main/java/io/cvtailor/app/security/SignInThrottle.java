package io.cvtailor.app.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing without handing the owner's account to the guesser.
 *
 * <ul>
 *   <li>Per (account, address): a few attempts per window. A guesser at one address soon waits, and
 *       the owner signing in from anywhere else is not affected.
 *   <li>Per address: more attempts, for any accounts (one address trying many accounts).
 *   <li>Per account, from every address together: a much higher bar of failed passwords, against
 *       guessing spread over many addresses. Refused attempts are not counted, so one address adds
 *       at most its pair allowance to it per window.
 * </ul>
 *
 * The pair and address counts are taken <em>before</em> the password is checked, by one upsert that
 * returns the new counts: concurrent guesses each get their own number, so no burst slips past a
 * check made before any of them was counted. A correct password then gives its attempt back. Kept
 * in the database, so every application instance sees the same counts.
 */
@ApplicationScoped
public class SignInThrottle {
  private static final String WINDOW_OPEN = "window_start > now() - make_interval(secs => ?)";

  // Counts this attempt for the pair and the address (a window that has passed starts again) and
  // reads the account's failures, all in one statement.
  private static final String ADMIT =
      """
      WITH counted AS (
        INSERT INTO identity.sign_in_counters AS c (scope, account_key, address)
        VALUES ('pair', ?, ?), ('address', '', ?)
        ON CONFLICT (scope, account_key, address) DO UPDATE SET
          attempts = CASE WHEN c.%1$s THEN c.attempts + 1 ELSE 1 END,
          window_start = CASE WHEN c.%1$s THEN c.window_start ELSE now() END
        RETURNING scope, attempts, window_start
      )
      SELECT scope, attempts,
             ceil(extract(epoch FROM window_start + make_interval(secs => ?) - now()))::bigint
      FROM counted
      UNION ALL
      SELECT scope, attempts,
             ceil(extract(epoch FROM window_start + make_interval(secs => ?) - now()))::bigint
      FROM identity.sign_in_counters
      WHERE scope = 'account' AND account_key = ? AND %1$s
      """
          .formatted(WINDOW_OPEN);

  private static final String COUNT_FAILURE =
      """
      INSERT INTO identity.sign_in_counters AS c (scope, account_key) VALUES ('account', ?)
      ON CONFLICT (scope, account_key, address) DO UPDATE SET
        attempts = CASE WHEN c.%1$s THEN c.attempts + 1 ELSE 1 END,
        window_start = CASE WHEN c.%1$s THEN c.window_start ELSE now() END
      """
          .formatted(WINDOW_OPEN);

  // The owner got in: this pair starts afresh, and the address gets its attempt back (people
  // behind one address who type their passwords right do not use up its allowance).
  private static final String FORGIVE =
      """
      WITH pair AS (
        DELETE FROM identity.sign_in_counters
        WHERE scope = 'pair' AND account_key = ? AND address = ?
      )
      UPDATE identity.sign_in_counters SET attempts = greatest(attempts - 1, 0)
      WHERE scope = 'address' AND account_key = '' AND address = ?
      """;

  private static final String FORGET_EXPIRED =
      """
      DELETE FROM identity.sign_in_counters
      WHERE ctid IN (SELECT ctid FROM identity.sign_in_counters
                     WHERE window_start < now() - make_interval(secs => ?) LIMIT 1000)
      """;

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject AuditTrail audit;

  @Inject
  @ConfigProperty(name = "security.sign-in.window-minutes", defaultValue = "15")
  int windowMinutes;

  @Inject
  @ConfigProperty(
      name = "security.sign-in.max-attempts-per-account-and-address",
      defaultValue = "5")
  int maxPerPair;

  @Inject
  @ConfigProperty(name = "security.sign-in.max-failures-per-address", defaultValue = "50")
  int maxPerAddress;

  @Inject
  @ConfigProperty(name = "security.sign-in.max-failures-per-account", defaultValue = "100")
  int maxPerAccount;

  /**
   * Counts a sign-in attempt before its password is checked. Empty when it may go on; otherwise the
   * seconds to wait (and the password must not be checked).
   */
  @Transactional
  public OptionalLong admit(String accountKey, String address) {
    int window = windowMinutes * 60;
    long wait = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement admit = c.prepareStatement(ADMIT)) {
      int i = 1;
      admit.setString(i++, accountKey);
      admit.setString(i++, address);
      admit.setString(i++, address);
      admit.setInt(i++, window);
      admit.setInt(i++, window);
      admit.setInt(i++, window);
      admit.setInt(i++, window);
      admit.setString(i++, accountKey);
      admit.setInt(i, window);
      try (ResultSet rs = admit.executeQuery()) {
        while (rs.next()) {
          String scope = rs.getString(1);
          int attempts = rs.getInt(2);
          boolean over =
              switch (scope) {
                case "pair" -> attempts > maxPerPair;
                case "address" -> attempts > maxPerAddress;
                default -> attempts >= maxPerAccount; // failures already counted
              };
          if (over) {
            wait = Math.max(wait, Math.max(1, rs.getLong(3)));
          }
        }
      }
      if (ThreadLocalRandom.current().nextInt(100) == 0) {
        execute(c, FORGET_EXPIRED, window);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return wait > 0 ? OptionalLong.of(wait) : OptionalLong.empty();
  }

  /**
   * The password was wrong: one more failure for the account, whatever the address; when the
   * account exists ({@code userId}), the failed sign-in goes into its audit trail in the same
   * transaction (the request itself then fails).
   */
  @Transactional
  public void recordFailure(String accountKey, Long userId, AuditTrail.From from, String via) {
    try (Connection c = dataSource.getConnection()) {
      execute(c, COUNT_FAILURE, accountKey, windowMinutes * 60, windowMinutes * 60);
      if (userId != null) {
        audit.record(userId, AuditTrail.Event.SIGN_IN_FAILED, from, java.util.Map.of("via", via));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The password was right. */
  @Transactional
  public void recordSuccess(String accountKey, String address) {
    try (Connection c = dataSource.getConnection()) {
      execute(c, FORGIVE, accountKey, address, address);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void execute(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      statement.executeUpdate();
    }
  }
}
