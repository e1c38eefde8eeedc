package io.cvtailor.measure.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The text of an EXPLAIN statement's plan, its parameters bound by the caller. */
final class QueryPlans {
  private QueryPlans() {}

  static String text(PreparedStatement explain) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rs = explain.executeQuery()) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
