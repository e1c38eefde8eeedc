package io.cvtailor.kernel;

/**
 * The resource does not exist for this caller. Also thrown for other users' private resources, so
 * that their existence is never revealed.
 */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String what) {
    super(what + " not found");
  }
}
