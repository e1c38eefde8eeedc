package io.cvtailor.measure.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticVectorsTest {

  @Test
  void vectorsAreUnitLengthAndTheSameForTheSameSeedAndIndex() {
    SyntheticVectors a = new SyntheticVectors(384, 50, 0.5, 7);
    SyntheticVectors b = new SyntheticVectors(384, 50, 0.5, 7);
    for (long i : new long[] {0, 1, 99_999, 10_000_000}) {
      float[] v = a.vector(i);
      assertThat(v).hasSize(384).containsExactly(b.vector(i));
      assertThat(SyntheticVectors.dot(v, v)).isCloseTo(1.0, within(1e-5));
    }
    assertThat(new SyntheticVectors(384, 50, 0.5, 8).vector(0)).isNotEqualTo(a.vector(0));
  }

  @Test
  void vectorsClusterAroundTheirTopics() {
    // With 2 topics, a vector's nearest other vector shares its topic (cosine ≈ 0.8), far above
    // what unrelated unit vectors in 384 dimensions reach (≈ 0 ± 0.05).
    SyntheticVectors vectors = new SyntheticVectors(384, 2, 0.5, 1);
    double best = -1;
    float[] first = vectors.vector(0);
    for (int i = 1; i < 20; i++) {
      best = Math.max(best, SyntheticVectors.dot(first, vectors.vector(i)));
    }
    assertThat(best).isGreaterThan(0.7);
  }

  @Test
  void textFormIsPgvectorsArrayLiteral() {
    assertThat(SyntheticVectors.toText(new float[] {0.5f, -1f})).isEqualTo("[0.5,-1.0]");
  }

  @Test
  void latenciesAreNearestRankPercentiles() {
    Latencies l = Latencies.of(List.of(5.0, 1.0, 3.0, 2.0, 4.0, 6.0, 7.0, 8.0, 9.0, 10.0));
    assertThat(l.p50()).isEqualTo(5.0);
    assertThat(l.p95()).isEqualTo(10.0);
    assertThat(l.max()).isEqualTo(10.0);
    assertThat(l.count()).isEqualTo(10);
    assertThat(Latencies.of(List.of()).count()).isZero();
  }

  @Test
  void machineReadableFiguresKeepFourSignificantDigits() {
    assertThat(BenchReport.rounded(0.8705000000000004)).isEqualTo(0.8705);
    assertThat(BenchReport.rounded(12345.678)).isEqualTo(12350.0);
    assertThat(BenchReport.rounded(Double.NaN)).isNull();
    assertThat(BenchReport.rounded(42)).isEqualTo(42);
  }
}
