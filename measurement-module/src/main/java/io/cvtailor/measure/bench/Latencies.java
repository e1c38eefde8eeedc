package io.cvtailor.measure.bench;

import java.util.Arrays;
import java.util.List;

/** Latency percentiles (nearest-rank) of a set of measurements in milliseconds. */
public record Latencies(int count, double p50, double p95, double p99, double max, double mean) {

  public static Latencies of(List<Double> millis) {
    return of(millis.stream().mapToDouble(Double::doubleValue).toArray());
  }

  public static Latencies of(double[] millis) {
    if (millis.length == 0) {
      return new Latencies(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    return new Latencies(
        sorted.length,
        percentile(sorted, 0.50),
        percentile(sorted, 0.95),
        percentile(sorted, 0.99),
        sorted[sorted.length - 1],
        Arrays.stream(sorted).average().orElse(Double.NaN));
  }

  /** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
  static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
