package io.cvtailor.cv;

/**
 * Nothing in the person's artifacts is relevant to the posting: no CV is made (a CV covering none
 * of the requirements would only mislead). Answered as 422 naming {@code field}.
 */
public class CvRefusedException extends RuntimeException {
  private final String field;

  public CvRefusedException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
