package io.cvtailor.embeddings.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.embeddings.internal.provider.RequestBatches.Range;
import org.junit.jupiter.api.Test;

class RequestBatchesTest {
  @Test
  void runsOfAtMostTheInputLimit() {
    assertThat(RequestBatches.of(new int[10], 4, 1_000))
        .containsExactly(new Range(0, 4), new Range(4, 8), new Range(8, 10));
  }

  @Test
  void runsOfAtMostTheTokenLimitAndAnInputOverItGoesAlone() {
    assertThat(RequestBatches.of(new int[] {40, 40, 30, 200, 10}, 100, 100))
        .containsExactly(new Range(0, 2), new Range(2, 3), new Range(3, 4), new Range(4, 5));
  }

  @Test
  void noInputsNoRequests() {
    assertThat(RequestBatches.of(new int[0], 4, 100)).isEmpty();
  }
}
