package io.cvtailor.app;

import io.cvtailor.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Looks at the run's database directly, to see what the API did (or did not) write. */
public final class Db {
  private Db() {}

  /** The single number a query returns, e.g. a count. */
  public static long number(String sql, Object... parameters) {
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement statement = prepare(c, sql, parameters);
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The single text a query returns (null when it returns no row). */
  public static String text(String sql, Object... parameters) {
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement statement = prepare(c, sql, parameters);
        ResultSet rs = statement.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public static int update(String sql, Object... parameters) {
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement statement = prepare(c, sql, parameters)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }
}
