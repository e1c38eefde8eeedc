package io.cvtailor.app.security;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * Sessions of the web UI. The cookie carries a random id (stored hashed); each session has its own
 * CSRF token that every cookie-authenticated write must echo in {@code X-CSRF-Token}.
 */
@ApplicationScoped
public class WebSessions {
  public static final String COOKIE = "cvtailor_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final String INSERT =
      """
      INSERT INTO identity.sessions (id_hash, user_id, csrf_token, expires_at)
      VALUES (?, ?, ?, now() + make_interval(hours => ?))
      """;

  private static final String FIND =
      """
      -- fans out: looked up by the hash of its secret, before the user is known
      SELECT user_id, csrf_token FROM identity.sessions WHERE id_hash = ? AND expires_at > now()
      """;

  // RETURNING: the sign-out is recorded for the session's owner in the same transaction.
  private static final String DELETE =
      """
      -- fans out: looked up by the hash of its secret, before the user is known
      DELETE FROM identity.sessions WHERE id_hash = ? RETURNING user_id
      """;

  // For the account export: when each open session began and ends (never its id or CSRF token).
  private static final String LIST =
      """
      SELECT created_at, expires_at FROM identity.sessions
      WHERE user_id = ? AND expires_at > now() ORDER BY created_at
      """;

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject
  @ConfigProperty(name = "security.session.hours", defaultValue = "12")
  int sessionHours;

  @Inject AuditTrail audit;

  /** A signed-in browser: who it is and the CSRF token its writes must carry. */
  public record Session(long userId, String csrfToken) {}

  /** An open session as the account export shows it. */
  public record SessionRecord(java.time.Instant createdAt, java.time.Instant expiresAt) {}

  /** A new session: the cookie value and its CSRF token. */
  public record NewSession(String cookieValue, String csrfToken, int maxAgeSeconds) {}

  /** Opens a session after a correct password; the sign-in is recorded with it. */
  @Transactional
  public NewSession open(long userId, AuditTrail.From from) {
    String id = Secrets.newSecret("");
    String csrf = Secrets.newSecret("");
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert = c.prepareStatement(INSERT)) {
      insert.setString(1, Secrets.sha256(id));
      insert.setLong(2, userId);
      insert.setString(3, csrf);
      insert.setInt(4, sessionHours);
      insert.executeUpdate();
      audit.record(userId, AuditTrail.Event.SIGN_IN, from, Map.of("via", "web session"));
      return new NewSession(id, csrf, sessionHours * 3600);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Transactional
  public Optional<Session> find(String cookieValue) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement find = c.prepareStatement(FIND)) {
      find.setString(1, Secrets.sha256(cookieValue));
      try (ResultSet rs = find.executeQuery()) {
        return rs.next()
            ? Optional.of(new Session(rs.getLong(1), rs.getString(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Ends a session; the sign-out is recorded for its owner (nothing when it had ended already). */
  @Transactional
  public void close(String cookieValue, AuditTrail.From from) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement delete = c.prepareStatement(DELETE)) {
      delete.setString(1, Secrets.sha256(cookieValue));
      try (ResultSet rs = delete.executeQuery()) {
        if (rs.next()) {
          audit.record(rs.getLong(1), AuditTrail.Event.SIGN_OUT, from, Map.of());
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Transactional
  public java.util.List<SessionRecord> openOf(long userId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement list = c.prepareStatement(LIST)) {
      list.setLong(1, userId);
      java.util.List<SessionRecord> open = new java.util.ArrayList<>();
      try (ResultSet rs = list.executeQuery()) {
        while (rs.next()) {
          open.add(
              new SessionRecord(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()));
        }
      }
      return open;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
