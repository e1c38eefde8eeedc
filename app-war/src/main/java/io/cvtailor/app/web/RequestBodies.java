package io.cvtailor.app.web;

import io.cvtailor.kernel.InvalidInputException;

/**
 * Request bodies are checked in code rather than with Bean Validation annotations on resource
 * parameters: Payara's OpenAPI generator fails on those (payara/Payara#7649).
 */
final class RequestBodies {
  private RequestBodies() {}

  /** The body, or a 400 naming {@code body} when it is missing. */
  static <T> T required(T body) {
    if (body == null) {
      throw new InvalidInputException("body", "must be a JSON object");
    }
    return body;
  }
}
