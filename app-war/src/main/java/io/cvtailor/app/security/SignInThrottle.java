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
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down password guessing: after too many failures within the window for one account or from
 * one address, sign-in is refused (429) until the oldest counted failure leaves the window. Kept in
 * the database, so every application instance sees the same counts.
 */
@ApplicationScoped
public class SignInThrottle {
  private static final String RECORD =
      "INSERT INTO identity.sign_in_failures (account_key, address) VALUES (?, ?)";

  // Seconds until enough failures leave the window for the caller to be under the limit again.
  private static final String WAIT_SECONDS =
      """
      WITH recent AS (
        SELECT failed_at,
               row_number() OVER (ORDER BY failed_at DESC) AS newest_first
        FROM identity.sign_in_failures
        WHERE %s = ? AND failed_at > now() - make_interval(mins => ?)
      )
      SELECT count(*),
             ceil(extract(epoch FROM
               max(failed_at) FILTER (WHERE newest_first = ?) + make_interval(mins => ?) - now()))
      FROM recent
      """;

  private static final String WAIT_FOR_ACCOUNT = WAIT_SECONDS.formatted("account_key");
  private static final String WAIT_FOR_ADDRESS = WAIT_SECONDS.formatted("address");

  private static final String CLEAR = "DELETE FROM identity.sign_in_failures WHERE account_key = ?";

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "security.sign-in.window-minutes", defaultValue = "15")
  int windowMinutes;

  @Inject
  @ConfigProperty(name = "security.sign-in.max-failures-per-account", defaultValue = "5")
  int maxPerAccount;

  @Inject
  @ConfigProperty(name = "security.sign-in.max-failures-per-address", defaultValue = "20")
  int maxPerAddress;

  /** Seconds the caller must wait before trying again, or empty when it may try now. */
  @Transactional
  public OptionalLong retryAfter(String accountKey, String address) {
    long account = waitSeconds(WAIT_FOR_ACCOUNT, accountKey, maxPerAccount);
    long perAddress = waitSeconds(WAIT_FOR_ADDRESS, address, maxPerAddress);
    long wait = Math.max(account, perAddress);
    return wait > 0 ? OptionalLong.of(wait) : OptionalLong.empty();
  }

  @Transactional
  public void recordFailure(String accountKey, String address) {
    execute(RECORD, accountKey, address);
  }

  @Transactional
  public void recordSuccess(String accountKey) {
    execute(CLEAR, accountKey);
  }

  private long waitSeconds(String sql, String key, int limit) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement query = c.prepareStatement(sql)) {
      query.setString(1, key);
      query.setInt(2, windowMinutes);
      query.setInt(3, limit);
      query.setInt(4, windowMinutes);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1) >= limit ? Math.max(1, rs.getLong(2)) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void execute(String sql, String... values) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
