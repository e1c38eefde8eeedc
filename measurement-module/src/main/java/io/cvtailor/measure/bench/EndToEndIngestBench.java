package io.cvtailor.measure.bench;

import io.cvtailor.measure.app.RunningApp;

/** Placeholder: being written. */
final class EndToEndIngestBench {
  private EndToEndIngestBench() {}

  static void run(BenchContext ctx, RunningApp app) throws Exception {
    throw new UnsupportedOperationException("being written");
  }
}
