package io.cvtailor.app.security;

import io.cvtailor.app.ratelimit.RouteClass;
import io.cvtailor.artifacts.Account;
import io.cvtailor.artifacts.UserAccounts;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Deletes a person and everything held about them, in one transaction: the account row (artifacts,
 * embeddings, embedding jobs, CVs, import proposals, credentials, tokens, sessions, cached posting
 * embeddings, re-index runs and audit events follow it through ON DELETE CASCADE), and what is
 * keyed by the e-mail address or the id as text rather than by a foreign key: sign-in throttling
 * counters and shared rate-limit buckets. One anonymous audit row says that an account was deleted,
 * and when; nothing in it points at the person (see docs/operations.md).
 */
@ApplicationScoped
public class AccountDeletion {
  // The e-mail is the key of the pair and account counters; 'address' rows name no account.
  private static final String FORGET_SIGN_INS =
      """
      DELETE FROM identity.sign_in_counters WHERE account_key = ? AND scope IN ('pair', 'account')
      """;

  // Shared rate-limit buckets are named <route class>:u:<user id> (RateLimitFilter).
  private static final String FORGET_BUCKETS =
      "DELETE FROM identity.rate_limit_buckets WHERE id = ANY (?)";

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject UserAccounts accounts;
  @Inject AuditTrail audit;

  @Transactional
  public void delete(Account account) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement forget = c.prepareStatement(FORGET_SIGN_INS)) {
        forget.setString(1, UserAccounts.normaliseEmail(account.email()));
        forget.executeUpdate();
      }
      try (PreparedStatement forget = c.prepareStatement(FORGET_BUCKETS)) {
        String[] keys =
            Arrays.stream(RouteClass.values())
                .map(route -> route.key() + ":u:" + account.id())
                .toArray(String[]::new);
        forget.setArray(1, c.createArrayOf("text", keys));
        forget.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    accounts.delete(account.id());
    audit.record(null, AuditTrail.Event.ACCOUNT_DELETED, AuditTrail.From.NOWHERE, Map.of());
  }
}
