package io.cvtailor.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.kernel.FieldError;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ProblemTest {

  private static List<FieldError> errors(int n) {
    return IntStream.range(0, n).mapToObj(i -> new FieldError("f[" + i + "]", "bad")).toList();
  }

  @Test
  void aProblemListsTwentyFieldErrorsThenCountsTheRest() {
    Problem problem = Problem.of(400, "Bad Request", "invalid", errors(1_000_000));
    assertThat(problem.errors()).hasSize(21);
    assertThat(problem.errors().get(19).field()).isEqualTo("f[19]");
    assertThat(problem.errors().get(20)).isEqualTo(new FieldError("errors", "and 999980 more"));
  }

  @Test
  void twentyOrFewerErrorsAreListedAsTheyAre() {
    assertThat(Problem.of(400, "Bad Request", "invalid", errors(20)).errors())
        .isEqualTo(errors(20));
  }

  @Test
  void errorsCountedByACollectorAreAddedToTheCount() {
    BoundedErrors collected = new BoundedErrors();
    errors(25).forEach(collected::add);
    Problem problem = Problem.of(400, "Bad Request", "invalid", collected.toList());
    assertThat(problem.errors()).hasSize(21);
    assertThat(problem.errors().get(20).message()).isEqualTo("and 5 more");
  }
}
