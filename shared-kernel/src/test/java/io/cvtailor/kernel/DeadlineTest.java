package io.cvtailor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  @Test
  void withoutARequestThereIsNoDeadline() {
    Deadline.checkCurrent();
    assertThat(Deadline.current().passed()).isFalse();
  }

  @Test
  void aPassedDeadlineStopsTheWorkThatChecksIt() {
    try (Deadline.Scope scope = Deadline.after(Duration.ZERO).enter()) {
      assertThatThrownBy(Deadline::checkCurrent)
          .isInstanceOf(DeadlineExceededException.class)
          .hasMessageContaining("0 ms");
      assertThat(Deadline.current().remaining()).isZero();
    }
    Deadline.checkCurrent(); // the scope is closed: the thread has no deadline again
  }

  @Test
  void aScopeRestoresTheDeadlineItReplaced() {
    Deadline outer = Deadline.after(Duration.ofMinutes(1));
    try (Deadline.Scope a = outer.enter()) {
      try (Deadline.Scope b = Deadline.after(Duration.ZERO).enter()) {
        assertThat(Deadline.current().passed()).isTrue();
      }
      assertThat(Deadline.current()).isSameAs(outer);
      assertThat(Deadline.current().remaining()).isPositive();
    }
  }
}
