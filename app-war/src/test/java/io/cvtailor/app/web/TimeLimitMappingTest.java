package io.cvtailor.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.cvtailor.kernel.DeadlineExceededException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Time and size limits are recognised wherever they surface, however JPA, Jersey or Jackson wrapped
 * them (before, a cancelled statement or an exhausted pool was a 500). The responses themselves
 * (with Retry-After) are checked over HTTP by LimitsIT.
 */
class TimeLimitMappingTest {

  private static void assertUnavailable(Throwable e, String detail) {
    Problem problem = ProblemMappers.TimeAndSize.problemOf(e);
    assertThat(problem).isNotNull();
    assertThat(problem.status()).isEqualTo(503);
    assertThat(problem.detail()).contains(detail).doesNotContain("SQL");
  }

  @Test
  void aStatementCancelledByStatementTimeoutIs503() {
    SQLException cancelled =
        new SQLException("ERROR: canceling statement due to statement timeout", "57014");
    assertUnavailable(new PersistenceException("wrapped", cancelled), "db.statement-timeout-ms");
  }

  @Test
  void noFreePooledConnectionIs503() {
    SQLException pool =
        new SQLException(
            "Error in allocating a connection. Cause: In-use connections equal max-pool-size and"
                + " expired max-wait-time. Cannot allocate more connections.");
    assertUnavailable(
        new RuntimeException(new PersistenceException(pool)), "no database connection was free");
  }

  @Test
  void aPassedDeadlineIs503EvenInsideAJacksonError() {
    assertUnavailable(
        new JsonMappingException(
            null, "wrapped", new DeadlineExceededException(Duration.ofMillis(30_000))),
        "30000 ms");
  }

  @Test
  void aBodyOverItsLimitIs413EvenInsideAJerseyError() {
    Problem problem =
        ProblemMappers.TimeAndSize.problemOf(
            new IllegalStateException(
                new BodyTooLargeException("body", 1024, "http.max-body-bytes")));
    assertThat(problem.status()).isEqualTo(413);
    assertThat(problem.errors().get(0).message())
        .isEqualTo("must be at most 1024 bytes (http.max-body-bytes)");
  }

  @Test
  void otherFailuresAreNoLimit() {
    assertThat(ProblemMappers.TimeAndSize.problemOf(new IllegalStateException("other"))).isNull();
    assertThat(
            ProblemMappers.TimeAndSize.problemOf(
                new PersistenceException(new SQLException("duplicate key", "23505"))))
        .isNull();
  }
}
