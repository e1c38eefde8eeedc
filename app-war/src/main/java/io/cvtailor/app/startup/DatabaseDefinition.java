package io.cvtailor.app.startup;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The application's one data source; URL and credentials come from MicroProfile Config ({@code
 * db.url}, {@code db.user}, {@code db.password}, or the environment variables DB_URL, DB_USER,
 * DB_PASSWORD). Every module's persistence unit uses it.
 *
 * <p>Time limits, so that no request can hold a connection or make others wait without bound: every
 * connection starts with PostgreSQL's {@code statement_timeout} ({@code db.statement-timeout-ms}, a
 * session default, so {@code RESET} returns to it after the explicit untimed path of migrations and
 * index builds, {@code io.cvtailor.kernel.db.Untimed}), and a request waits at most {@code
 * db.pool.max-wait-ms} for a free connection. Both failures answer 503 with Retry-After.
 */
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
      "fish.payara.max-wait-time-in-millis=${MPCONFIG=db.pool.max-wait-ms}"
    })
@Singleton
public class DatabaseDefinition {}
