package io.cvtailor.cv;

/**
 * The CV changed since the version a change was based on: nothing was written. {@code
 * precondition}: the caller named that version (If-Match), answered 412; otherwise the change met
 * others made at the same moment several times over and gave up, answered 409.
 */
public class CvChangedException extends RuntimeException {
  private final long currentVersion;
  private final boolean precondition;

  public CvChangedException(long currentVersion, boolean precondition) {
    super(
        precondition
            ? "the CV was changed since you read it (it is now at version "
                + currentVersion
                + "): read it again and repeat your change"
            : "the CV is being changed by another request; try again");
    this.currentVersion = currentVersion;
    this.precondition = precondition;
  }

  public long currentVersion() {
    return currentVersion;
  }

  public boolean precondition() {
    return precondition;
  }
}
