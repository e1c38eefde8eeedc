package io.cvtailor.app.startup;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The application's one data source; URL and credentials come from MicroProfile Config ({@code
 * db.url}, {@code db.user}, {@code db.password}, or the environment variables DB_URL, DB_USER,
 * DB_PASSWORD). Every module's persistence unit uses it.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/cvtailor",
    className = "org.postgresql.ds.PGSimpleDataSource",
    url = "${MPCONFIG=db.url}",
    user = "${MPCONFIG=db.user}",
    password = "${MPCONFIG=db.password}",
    minPoolSize = 2,
    maxPoolSize = 40)
@Singleton
public class DatabaseDefinition {}
