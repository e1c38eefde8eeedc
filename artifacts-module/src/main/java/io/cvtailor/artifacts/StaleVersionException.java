package io.cvtailor.artifacts;

/** An update carried a version that is no longer the current one. */
public class StaleVersionException extends RuntimeException {
  private final long currentVersion;

  public StaleVersionException(long artifactId, long givenVersion, long currentVersion) {
    super(
        "artifact "
            + artifactId
            + " is at version "
            + currentVersion
            + ", the update was based on version "
            + givenVersion
            + "; reload it and apply your change again");
    this.currentVersion = currentVersion;
  }

  public long currentVersion() {
    return currentVersion;
  }
}
