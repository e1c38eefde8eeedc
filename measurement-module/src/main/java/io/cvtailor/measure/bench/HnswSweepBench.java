package io.cvtailor.measure.bench;

/** Placeholder: being written. */
final class HnswSweepBench {
  private HnswSweepBench() {}

  static void run(BenchContext ctx) throws Exception {
    throw new UnsupportedOperationException("HnswSweepBench is being written");
  }
}
