package io.cvtailor.kernel.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The explicit way around the pool's {@code statement_timeout} (set per connection from {@code
 * db.statement-timeout-ms}) for maintenance that may legitimately run long: migrations and index
 * builds. The timeout is switched off on the connection for the work and reset afterwards to the
 * connection's default, so a pooled connection never goes back to the pool untimed.
 */
public final class Untimed {
  private Untimed() {}

  /** Work on a connection that may throw {@link SQLException}. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs the work with no statement timeout on this connection, then restores the default. */
  public static <T> T run(Connection connection, SqlWork<T> work) throws SQLException {
    off(connection);
    try {
      return work.run(connection);
    } finally {
      restore(connection);
    }
  }

  /**
   * A data source whose connections have no statement timeout until they are closed (for Flyway,
   * which takes its connections itself).
   */
  public static DataSource dataSource(DataSource pooled) {
    return (DataSource)
        Proxy.newProxyInstance(
            Untimed.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              Object result = invoke(pooled, method, args);
              return result instanceof Connection connection ? untimed(connection) : result;
            });
  }

  private static Connection untimed(Connection connection) throws SQLException {
    off(connection);
    return (Connection)
        Proxy.newProxyInstance(
            Untimed.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                  if (!connection.isClosed()) {
                    restore(connection);
                  }
                } finally {
                  connection.close();
                }
                return null;
              }
              return invoke(connection, method, args);
            });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void off(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET statement_timeout = 0");
    }
  }

  /**
   * RESET returns to the session default, which the pool sets when it opens the connection ({@code
   * options=-c statement_timeout=...}), so this needs no knowledge of the configured value.
   */
  private static void restore(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("RESET statement_timeout");
    }
  }
}
