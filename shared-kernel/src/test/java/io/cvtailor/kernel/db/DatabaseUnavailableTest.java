package io.cvtailor.kernel.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

  /** What the PostgreSQL driver throws when the server is down: nothing listens on its port. */
  private static Throwable connectToAClosedPort() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return catchThrowable(
        () ->
            DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/x?connectTimeout=2", "x", "x")
                .close());
  }

  @Test
  void aServerThatIsDownIsUnavailableHoweverDeeplyWrapped() throws Exception {
    Throwable refused = connectToAClosedPort();
    assertThat(refused).isInstanceOf(SQLException.class);
    assertThat(DatabaseUnavailable.isUnavailable(refused)).isTrue();
    assertThat(
            DatabaseUnavailable.isUnavailable(
                new IllegalStateException(new RuntimeException("wrapped", refused))))
        .isTrue();
  }

  @Test
  void thePoolsWaitAndAServerShuttingDownAreUnavailable() {
    assertThat(
            DatabaseUnavailable.isUnavailable(
                new SQLException(
                    "Error in allocating a connection. Cause: In-use connections equal"
                        + " max-pool-size and expired max-wait-time. Cannot allocate more"
                        + " connections.")))
        .isTrue();
    assertThat(
            DatabaseUnavailable.isUnavailable(
                new SQLException("terminating connection due to administrator command", "57P01")))
        .isTrue();
  }

  @Test
  void aWrongStatementOrAnyOtherFailureIsNot() {
    assertThat(DatabaseUnavailable.isUnavailable(new SQLException("syntax error", "42601")))
        .isFalse();
    assertThat(
            DatabaseUnavailable.isUnavailable(
                new SQLException("duplicate key value violates unique constraint", "23505")))
        .isFalse();
    assertThat(DatabaseUnavailable.isUnavailable(new IllegalStateException("no"))).isFalse();
  }
}
