package io.cvtailor.measure.bench;

/** Placeholder: being written. */
final class VectorStoreBench {
  private VectorStoreBench() {}

  static void run(BenchContext ctx) throws Exception {
    throw new UnsupportedOperationException("VectorStoreBench is being written");
  }
}
