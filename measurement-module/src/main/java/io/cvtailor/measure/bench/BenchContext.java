package io.cvtailor.measure.bench;

import io.cvtailor.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * What every benchmark section gets: the run's throw-away database, the run's size, and the report
 * its figures go to.
 *
 * @param quick the smoke-check sizes ({@code --quick}: the whole run within about 3 minutes)
 * @param full also the 1M-vector HNSW set ({@code --full})
 * @param artifacts the per-user search collection (users × 10 artifacts) and the HNSW base set
 * @param seed every synthetic vector and query derives from it
 */
public record BenchContext(
    TestDatabase database,
    boolean quick,
    boolean full,
    int artifacts,
    long seed,
    BenchReport report) {

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(database.url(), database.user(), database.password());
  }

  /** How long each load level runs. */
  public int secondsPerLevel() {
    return quick ? 2 : 15;
  }

  public static void progress(String format, Object... args) {
    System.out.printf("[bench] " + format + "%n", args);
    System.out.flush();
  }
}
