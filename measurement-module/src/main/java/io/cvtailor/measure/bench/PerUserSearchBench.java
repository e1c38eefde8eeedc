package io.cvtailor.measure.bench;

import io.cvtailor.measure.app.RunningApp;

/** Placeholder: being written. */
final class PerUserSearchBench {
  record Model(String id, int dimensions, java.util.List<String> appSettings) {}

  static final Model LOCAL_384 = new Model("all-minilm-l6-v2-q", 384, java.util.List.of());
  static final Model OPENAI_1536 = new Model("text-embedding-3-small", 1536, java.util.List.of());

  private final BenchContext ctx;

  PerUserSearchBench(BenchContext ctx) {
    this.ctx = ctx;
  }

  void run(RunningApp app, Model model) throws Exception {
    throw new UnsupportedOperationException("being written");
  }

  void runWithModel(Model model) throws Exception {
    throw new UnsupportedOperationException("being written");
  }
}
