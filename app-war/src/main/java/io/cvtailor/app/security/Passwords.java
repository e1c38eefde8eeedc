package io.cvtailor.app.security;

import io.cvtailor.artifacts.Account;
import io.cvtailor.artifacts.UserAccounts;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Salted PBKDF2-HMAC-SHA256 password hashes (Jakarta Security's {@link Pbkdf2PasswordHash}) at
 * OWASP's 600,000 iterations. A stored hash records its own algorithm and iterations, so hashes
 * made with fewer are still verified, and replaced at the configured strength on the next sign-in
 * that proves the password.
 */
@ApplicationScoped
public class Passwords {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 200;
  public static final String RULES = "must be 10 to 200 characters long";

  private static final String UPSERT =
      """
      INSERT INTO identity.credentials (user_id, password_hash) VALUES (?, ?)
      ON CONFLICT (user_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = now()
      """;

  static final String ALGORITHM = "PBKDF2WithHmacSHA256";

  private static final String FIND =
      "SELECT password_hash FROM identity.credentials WHERE user_id = ?";

  // Verifying against this when the account does not exist keeps timing the same either way.
  private String decoyHash;

  @Inject Pbkdf2PasswordHash hash;
  @Inject UserAccounts accounts;

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "security.password.iterations", defaultValue = "600000")
  int iterations;

  @PostConstruct
  void init() {
    hash.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm",
            ALGORITHM,
            "Pbkdf2PasswordHash.Iterations",
            String.valueOf(iterations),
            "Pbkdf2PasswordHash.SaltSizeBytes",
            "32",
            "Pbkdf2PasswordHash.KeySizeBytes",
            "32"));
    decoyHash = hash.generate("decoy-password".toCharArray());
  }

  @Transactional
  public void set(long userId, String password) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement upsert = c.prepareStatement(UPSERT)) {
      upsert.setLong(1, userId);
      upsert.setString(2, hash.generate(password.toCharArray()));
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The account when the password is right; a weaker stored hash is upgraded on the way. */
  @Transactional
  public Optional<Account> verify(String email, String password) {
    Optional<Account> account = accounts.findByEmail(email);
    Optional<String> stored = account.flatMap(a -> storedHash(a.id()));
    boolean matches = hash.verify(password.toCharArray(), stored.orElse(decoyHash));
    if (account.isEmpty() || stored.isEmpty() || !matches) {
      return Optional.empty();
    }
    if (weakerThanConfigured(stored.get())) {
      set(account.get().id(), password);
    }
    return account;
  }

  /** Whether the password is the account's own (asked again before the account is deleted). */
  @Transactional
  public boolean matches(long userId, String password) {
    Optional<String> stored = storedHash(userId);
    boolean matches = hash.verify(password.toCharArray(), stored.orElse(decoyHash));
    return stored.isPresent() && matches;
  }

  /** Jakarta's format is {@code algorithm:iterations:salt:hash}. */
  boolean weakerThanConfigured(String stored) {
    String[] parts = stored.split(":", 4);
    if (parts.length < 4 || !parts[0].equals(ALGORITHM)) {
      return true;
    }
    try {
      return Integer.parseInt(parts[1]) < iterations;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private Optional<String> storedHash(long userId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement find = c.prepareStatement(FIND)) {
      find.setLong(1, userId);
      try (ResultSet rs = find.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
