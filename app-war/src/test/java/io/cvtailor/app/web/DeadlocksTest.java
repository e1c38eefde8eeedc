package io.cvtailor.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadlocksTest {

  private static RuntimeException failure(String sqlState) {
    return new IllegalStateException(
        "commit failed", new RuntimeException(new SQLException("lost", sqlState)));
  }

  @Test
  void aTransactionThatLostALockCycleRunsAgain() {
    AtomicInteger calls = new AtomicInteger();
    String result =
        Deadlocks.retry(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw failure("40P01");
              }
              return "done";
            });
    assertThat(result).isEqualTo("done");
    assertThat(calls).hasValue(3);
  }

  @Test
  void otherFailuresAndTheLastAttemptAreNotHidden() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Deadlocks.retry(
                    () -> {
                      calls.incrementAndGet();
                      throw failure("23505");
                    }))
        .hasRootCauseMessage("lost");
    assertThat(calls).hasValue(1);

    calls.set(0);
    assertThatThrownBy(
            () ->
                Deadlocks.retry(
                    () -> {
                      calls.incrementAndGet();
                      throw failure("40001");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(calls).hasValue(Deadlocks.ATTEMPTS);
  }
}
