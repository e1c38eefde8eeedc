package io.cvtailor.app.startup;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.annotation.sql.DataSourceDefinitions;
import jakarta.ejb.Singleton;

/**
 * The application's data sources; URL and credentials come from MicroProfile Config ({@code
 * db.url}, {@code db.user}, {@code db.password}, or the environment variables DB_URL, DB_USER,
 * DB_PASSWORD). Every module's persistence unit uses the first; the second ({@code db.read-url}) is
 * only for the stale-tolerant reads that {@link ReadReplica} routes to a standby.
 *
 * <p>Time limits, so that no request can hold a connection or make others wait without bound: every
 * connection starts with PostgreSQL's {@code statement_timeout} ({@code db.statement-timeout-ms}, a
 * session default, so {@code RESET} returns to it after the explicit untimed path of migrations and
 * index builds, {@code io.cvtailor.kernel.db.Untimed}), and a request waits at most {@code
 * db.pool.max-wait-ms} for a free connection. Both failures answer 503 with Retry-After.
 *
 * <p>Failover ({@code db.url} a multi-host URL with {@code targetServerType=primary},
 * docs/scaling.md "Reads from the standby, and failover"): a pooled connection is validated ({@code
 * SELECT 1}, at most once every 2 s per connection) before it is handed out, and one failed
 * validation closes every pooled connection, so after the primary dies the pool does not hand out
 * its dead connections one by one; new connections go through the URL's host list to whichever
 * server is primary now. A host that does not answer costs at most {@code connectTimeout} (3 s) per
 * attempt, and pgJDBC looks again at a host it has seen as a standby after {@code
 * hostRecheckSeconds} (2 s), so a promoted standby is found within seconds. No {@code
 * socketTimeout}: index builds and migrations run untimed on purpose; TCP keep-alive finds a peer
 * that vanished without a reset.
 */
@DataSourceDefinitions({
  @DataSourceDefinition(
      name = "java:app/jdbc/cvtailor",
      className = "org.postgresql.ds.PGSimpleDataSource",
      url = "${MPCONFIG=db.url}",
      user = "${MPCONFIG=db.user}",
      password = "${MPCONFIG=db.password}",
      minPoolSize = 2,
      maxPoolSize = 40,
      properties = {
        "options=-c statement_timeout=${MPCONFIG=db.statement-timeout-ms}",
        "connectTimeout=3",
        "hostRecheckSeconds=2",
        "tcpKeepAlive=true",
        "fish.payara.max-wait-time-in-millis=${MPCONFIG=db.pool.max-wait-ms}",
        "fish.payara.is-connection-validation-required=true",
        "fish.payara.connection-validation-method=custom-validation",
        "fish.payara.validation-classname="
            + "org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
        "fish.payara.validate-atmost-once-period-in-seconds=2",
        "fish.payara.fail-all-connections=true"
      }),
  // Read-only by construction (default_transaction_read_only): a write that strayed here fails
  // loudly instead of landing on whatever server db.read-url names. No minimum pool: when
  // db.read-url is the primary's URL (the default) it is never used at all.
  @DataSourceDefinition(
      name = "java:app/jdbc/cvtailor-read",
      className = "org.postgresql.ds.PGSimpleDataSource",
      url = "${MPCONFIG=db.read-url}",
      user = "${MPCONFIG=db.user}",
      password = "${MPCONFIG=db.password}",
      minPoolSize = 0,
      maxPoolSize = 20,
      properties = {
        "options=-c statement_timeout=${MPCONFIG=db.statement-timeout-ms}"
            + " -c default_transaction_read_only=on",
        "connectTimeout=3",
        "tcpKeepAlive=true",
        "fish.payara.max-wait-time-in-millis=${MPCONFIG=db.pool.max-wait-ms}",
        "fish.payara.is-connection-validation-required=true",
        "fish.payara.connection-validation-method=custom-validation",
        "fish.payara.validation-classname="
            + "org.glassfish.api.jdbc.validation.PostgresConnectionValidation",
        "fish.payara.validate-atmost-once-period-in-seconds=2",
        "fish.payara.fail-all-connections=true"
      })
})
@Singleton
public class DatabaseDefinition {}
