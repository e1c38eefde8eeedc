package io.cvtailor.app.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** Ends a request with a ready problem response. */
public class ProblemException extends WebApplicationException {
  public ProblemException(Response problemResponse) {
    super(problemResponse);
  }
}
