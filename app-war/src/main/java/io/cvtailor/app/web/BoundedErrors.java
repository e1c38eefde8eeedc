package io.cvtailor.app.web;

import io.cvtailor.kernel.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects field errors while reading a long input (an NDJSON import), keeping only the ones a
 * {@link Problem} will show and counting the others, so that memory stays bounded too. Past {@link
 * #MAX_COUNTED} errors the input is hopeless: the reader stops ({@link #full()}) instead of
 * spending a parse failure per line on megabytes of garbage.
 */
final class BoundedErrors {
  static final int MAX_COUNTED = 1_000;

  private final List<FieldError> kept = new ArrayList<>();
  private long leftOut;

  void add(FieldError error) {
    if (kept.size() < Problem.MAX_ERRORS) {
      kept.add(error);
    } else {
      leftOut++;
    }
  }

  boolean isEmpty() {
    return kept.isEmpty();
  }

  /** Enough errors to reject the input: reading on would only count more. */
  boolean full() {
    return kept.size() + leftOut >= MAX_COUNTED;
  }

  /** The kept errors followed by "and N more" when some were left out. */
  List<FieldError> toList() {
    return Problem.capped(kept, leftOut);
  }
}
