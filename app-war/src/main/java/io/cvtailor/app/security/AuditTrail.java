package io.cvtailor.app.security;

import io.cvtailor.kernel.log.RequestIds;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The audit trail: who (user id) did what with an account, when, and from where (the client address
 * as {@link RequestOrigin} sees it through the trusted-proxy policy, and the user agent cut to 200
 * characters). Read by the person at {@code GET /me/activity}; removed after {@code
 * audit.retention-days} by the clean-up job.
 *
 * <p>{@link #record} joins the caller's transaction when there is one, so an action and its record
 * commit together (token creation, sign-in, revocation); called outside one it commits on its own.
 * {@link #recordQuietly} never throws: a record that cannot be written is logged, and the request
 * it records still succeeds (or fails) for its own reasons.
 */
@ApplicationScoped
public class AuditTrail {
  private static final Logger LOG = RequestIds.logger(AuditTrail.class);
  static final int MAX_USER_AGENT = 200;
  static final int MAX_ADDRESS = 100;

  /** What can be recorded; the names are the values of {@code identity.audit_events.event}. */
  public enum Event {
    SIGN_IN("sign-in"),
    SIGN_IN_FAILED("sign-in-failed"),
    SIGN_OUT("sign-out"),
    TOKEN_CREATED("token-created"),
    TOKEN_REVOKED("token-revoked"),
    EXPORT("export"),
    IMPORT("import"),
    ACCOUNT_DELETED("account-deleted");

    private final String value;

    Event(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  private static final String INSERT =
      """
      INSERT INTO identity.audit_events (user_id, event, address, user_agent, detail)
      VALUES (?, ?, ?, ?, ?::jsonb)
      """;

  // The record that an account was deleted points at no one: no user, address or agent (V90).
  private static final String INSERT_DELETION =
      "INSERT INTO identity.account_deletions (occurred_at) VALUES (now())";

  // Newest first, one page at a time: keyset on id (the identity column grows with time), so a page
  // costs the same however far back it is; the index is (user_id, id DESC).
  private static final String PAGE =
      """
      SELECT id, event, occurred_at, address, user_agent, detail::text
      FROM identity.audit_events
      WHERE user_id = ? AND id < ?
      ORDER BY id DESC
      LIMIT ?
      """;

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject RequestOrigin origin;

  /** One recorded event as the person sees it. */
  public record Entry(
      long id,
      String event,
      Instant occurredAt,
      String address,
      String userAgent,
      Map<String, Object> detail) {}

  /** Where a request came from, taken once from the servlet request. */
  public record From(String address, String userAgent) {
    public static final From NOWHERE = new From(null, null);
  }

  public From from(HttpServletRequest http) {
    if (http == null) {
      return From.NOWHERE;
    }
    return new From(
        cut(origin.clientAddress(http), MAX_ADDRESS),
        cut(http.getHeader("User-Agent"), MAX_USER_AGENT));
  }

  /** Records an event, in the caller's transaction when there is one. */
  @Transactional
  public void record(Long userId, Event event, From from, Map<String, ?> detail) {
    if (userId == null) {
      if (event != Event.ACCOUNT_DELETED) {
        throw new IllegalArgumentException("only an account deletion is recorded without a user");
      }
      try (Connection c = dataSource.getConnection();
          PreparedStatement insert = c.prepareStatement(INSERT_DELETION)) {
        insert.executeUpdate();
        return;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert = c.prepareStatement(INSERT)) {
      insert.setLong(1, userId);
      insert.setString(2, event.value());
      insert.setString(3, from.address());
      insert.setString(4, from.userAgent());
      insert.setString(5, detailJson(detail));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records an event in a transaction of its own and never throws: for actions that are done (or
   * refused) already, whose answer must not depend on the record.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public void recordQuietly(Long userId, Event event, From from, Map<String, ?> detail) {
    try {
      record(userId, event, from, detail);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "audit event " + event.value() + " not recorded", e);
    }
  }

  /** A page of the person's events, newest first, older than {@code beforeId}. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Entry> page(long userId, long beforeId, int limit) {
    List<Entry> entries = new ArrayList<>(limit);
    each(userId, beforeId, limit, entries::add);
    return entries;
  }

  /**
   * Every event of the person, newest first, handed over a page at a time (for the export): memory
   * stays bounded whatever the number of events.
   */
  public void all(long userId, Consumer<Entry> sink) {
    long before = Long.MAX_VALUE;
    while (true) {
      List<Entry> page = page(userId, before, 1000);
      page.forEach(sink);
      if (page.size() < 1000) {
        return;
      }
      before = page.get(page.size() - 1).id();
    }
  }

  private void each(long userId, long beforeId, int limit, Consumer<Entry> sink) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement page = c.prepareStatement(PAGE)) {
      page.setLong(1, userId);
      page.setLong(2, beforeId);
      page.setInt(3, limit);
      try (ResultSet rs = page.executeQuery()) {
        while (rs.next()) {
          sink.accept(
              new Entry(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getTimestamp(3).toInstant(),
                  rs.getString(4),
                  rs.getString(5),
                  parseDetail(rs.getString(6))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parseDetail(String json) {
    try {
      return io.cvtailor.app.web.JsonMapping.MAPPER.readValue(json, Map.class);
    } catch (java.io.IOException e) {
      return Map.of();
    }
  }

  private static String detailJson(Map<String, ?> detail) {
    try {
      return io.cvtailor.app.web.JsonMapping.MAPPER.writeValueAsString(
          detail == null ? Map.of() : detail);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String cut(String value, int max) {
    if (value == null) {
      return null;
    }
    String clean = value.replace("\u0000", "");
    if (clean.length() <= max) {
      return clean;
    }
    int end = max;
    if (Character.isHighSurrogate(clean.charAt(end - 1))) {
      end--;
    }
    return clean.substring(0, end);
  }
}
