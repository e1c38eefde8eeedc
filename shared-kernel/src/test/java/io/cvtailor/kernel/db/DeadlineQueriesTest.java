package io.cvtailor.kernel.db;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cvtailor.kernel.Deadline;
import io.cvtailor.kernel.DeadlineExceededException;
import java.time.Duration;
import org.eclipse.persistence.sessions.SessionEvent;
import org.junit.jupiter.api.Test;

class DeadlineQueriesTest {
  /** The listener looks at the thread's deadline only, not at the query. */
  private final SessionEvent query = null;

  @Test
  void aQueryOfARequestPastItsDeadlineDoesNotRun() {
    try (Deadline.Scope scope = Deadline.after(Duration.ZERO).enter()) {
      assertThatThrownBy(() -> new DeadlineQueries().preExecuteQuery(query))
          .isInstanceOf(DeadlineExceededException.class);
    }
  }

  @Test
  void queriesWithTimeLeftOrWithoutADeadlineRun() {
    new DeadlineQueries().preExecuteQuery(query);
    try (Deadline.Scope scope = Deadline.after(Duration.ofMinutes(1)).enter()) {
      new DeadlineQueries().preExecuteQuery(query);
    }
  }
}
