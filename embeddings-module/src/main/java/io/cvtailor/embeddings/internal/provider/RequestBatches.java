package io.cvtailor.embeddings.internal.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * How inputs are cut into requests: consecutive runs of at most {@code maxInputs} inputs and at
 * most {@code maxTokens} tokens in all (an input over the token cap goes alone). Order is kept, so
 * the vectors of the requests, appended, are in input order.
 */
final class RequestBatches {
  private RequestBatches() {}

  /** A run of inputs {@code [from, to)}. */
  record Range(int from, int to) {}

  static List<Range> of(int[] tokens, int maxInputs, long maxTokens) {
    List<Range> ranges = new ArrayList<>();
    int from = 0;
    while (from < tokens.length) {
      int to = from;
      long batchTokens = 0;
      while (to < tokens.length
          && to - from < maxInputs
          && (to == from || batchTokens + tokens[to] <= maxTokens)) {
        batchTokens += tokens[to];
        to++;
      }
      ranges.add(new Range(from, to));
      from = to;
    }
    return ranges;
  }
}
