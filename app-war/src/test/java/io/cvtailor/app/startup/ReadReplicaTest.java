package io.cvtailor.app.startup;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures of a read on the standby send the same read to the primary. */
class ReadReplicaTest {

  @Test
  void anUnreachableStandbyOrARecoveryConflictIsRetriedOnThePrimary() {
    // the standby refused the connection (wrapped as JPA wraps it)
    assertThat(
            ReadReplica.standbyFailure(
                new PersistenceException(new ConnectException("Connection refused"))))
        .isTrue();
    // "canceling statement due to conflict with recovery"
    assertThat(
            ReadReplica.standbyFailure(
                new PersistenceException(
                    new SQLException(
                        "canceling statement due to conflict with recovery", "40001"))))
        .isTrue();
    // the connection dropped mid-query
    assertThat(ReadReplica.standbyFailure(new RuntimeException(new SQLException("gone", "08006"))))
        .isTrue();
  }

  @Test
  void otherFailuresAreNotTheStandbysAndAreNotRetried() {
    assertThat(
            ReadReplica.standbyFailure(
                new PersistenceException(new SQLException("syntax error", "42601"))))
        .isFalse();
    assertThat(ReadReplica.standbyFailure(new IllegalArgumentException("bad input"))).isFalse();
  }
}
