package io.cvtailor.kernel;

import java.time.Duration;

/**
 * The request used up its time ({@link Deadline}); what it did so far is rolled back with its
 * transaction. Answered as 503 with Retry-After.
 */
public class DeadlineExceededException extends RuntimeException {
  public DeadlineExceededException(Duration budget) {
    super("the request did not finish within its " + budget.toMillis() + " ms");
  }
}
