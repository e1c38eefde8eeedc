package io.cvtailor.app.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Personal API tokens: shown once, stored as SHA-256, named, revocable, with last-used time. */
@ApplicationScoped
public class ApiTokens {
  private static final String INSERT =
      """
      INSERT INTO identity.api_tokens (user_id, name, token_hash) VALUES (?, ?, ?)
      RETURNING id, created_at
      """;

  private static final String FIND_ACTIVE =
      """
      -- fans out: looked up by the hash of its secret, before the user is known
      SELECT id, user_id, last_used_at FROM identity.api_tokens
      WHERE token_hash = ? AND revoked_at IS NULL
      """;

  // last_used_at is refreshed at most once a minute, so reads do not turn into a write each.
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  private static final String TOUCH =
      """
      UPDATE identity.api_tokens SET last_used_at = now()
      WHERE user_id = ? AND id = ?
        AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
      """;

  private static final String REVOKE =
      """
      UPDATE identity.api_tokens SET revoked_at = now()
      WHERE id = ? AND user_id = ? AND revoked_at IS NULL
      """;

  private static final String LIST =
      """
      SELECT id, name, created_at, last_used_at FROM identity.api_tokens
      WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at
      """;

  // For the account export: every token the person has had, revoked ones too, never the hash.
  private static final String LIST_ALL =
      """
      SELECT id, name, created_at, last_used_at, revoked_at FROM identity.api_tokens
      WHERE user_id = ? ORDER BY created_at
      """;

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject AuditTrail audit;

  /** A token as listed (never its secret). */
  public record TokenInfo(UUID tokenId, String name, Instant createdAt, Instant lastUsedAt) {}

  /** A token with its whole history, for the account export (never its secret or hash). */
  public record TokenRecord(
      UUID tokenId, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {}

  /** A new token; {@code token} is shown to the caller this once. */
  public record IssuedToken(String token, UUID tokenId, String name, Instant createdAt) {}

  /**
   * Issues a token after a correct password; the sign-in and the new token are recorded with it.
   */
  @Transactional
  public IssuedToken issue(long userId, String name, AuditTrail.From from) {
    String token = Secrets.newSecret("cvt_");
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert = c.prepareStatement(INSERT)) {
      insert.setLong(1, userId);
      insert.setString(2, name);
      insert.setString(3, Secrets.sha256(token));
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        IssuedToken issued =
            new IssuedToken(
                token, rs.getObject(1, UUID.class), name, rs.getTimestamp(2).toInstant());
        // A token is only issued for a correct password: that is a sign-in as well.
        audit.record(userId, AuditTrail.Event.SIGN_IN, from, Map.of("via", "api token"));
        audit.record(
            userId,
            AuditTrail.Event.TOKEN_CREATED,
            from,
            Map.of("token_id", issued.tokenId().toString(), "name", name));
        return issued;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The owner of an active token. Runs on every API request, so it is one indexed read, plus a
   * write only when last_used_at is more than a minute old; no transaction is needed for either.
   */
  public Optional<Long> userOf(String token) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement find = c.prepareStatement(FIND_ACTIVE)) {
      find.setString(1, Secrets.sha256(token));
      try (ResultSet rs = find.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        UUID id = rs.getObject(1, UUID.class);
        long userId = rs.getLong(2);
        Timestamp lastUsed = rs.getTimestamp(3);
        if (lastUsed == null
            || lastUsed.toInstant().isBefore(Instant.now().minus(TOUCH_INTERVAL))) {
          try (PreparedStatement touch = c.prepareStatement(TOUCH)) {
            touch.setLong(1, userId);
            touch.setObject(2, id);
            touch.executeUpdate();
          }
        }
        return Optional.of(userId);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Revokes one of the user's tokens (its audit record commits with it); false when the user has no
   * such active token.
   */
  @Transactional
  public boolean revoke(long userId, UUID tokenId, AuditTrail.From from) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement revoke = c.prepareStatement(REVOKE)) {
      revoke.setObject(1, tokenId);
      revoke.setLong(2, userId);
      boolean revoked = revoke.executeUpdate() == 1;
      if (revoked) {
        audit.record(
            userId, AuditTrail.Event.TOKEN_REVOKED, from, Map.of("token_id", tokenId.toString()));
      }
      return revoked;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Transactional
  public List<TokenInfo> list(long userId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement list = c.prepareStatement(LIST)) {
      list.setLong(1, userId);
      List<TokenInfo> tokens = new ArrayList<>();
      try (ResultSet rs = list.executeQuery()) {
        while (rs.next()) {
          tokens.add(
              new TokenInfo(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getTimestamp(3).toInstant(),
                  rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()));
        }
      }
      return tokens;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Transactional
  public List<TokenRecord> history(long userId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement list = c.prepareStatement(LIST_ALL)) {
      list.setLong(1, userId);
      List<TokenRecord> tokens = new ArrayList<>();
      try (ResultSet rs = list.executeQuery()) {
        while (rs.next()) {
          tokens.add(
              new TokenRecord(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getTimestamp(3).toInstant(),
                  instant(rs.getTimestamp(4)),
                  instant(rs.getTimestamp(5))));
        }
      }
      return tokens;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
