package io.cvtailor.app.web;

import io.cvtailor.kernel.log.RequestIds;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's own error pages (an exception outside JAX-RS, a malformed request, a missing
 * static file) would show stack traces and the server's name and version: every such error is
 * answered here instead, as a problem+json without internals (see web.xml). The exception is
 * logged.
 */
@WebServlet(urlPatterns = "/error-problem")
public class ErrorPages extends HttpServlet {
  private static final Logger LOG = RequestIds.logger(ErrorPages.class);

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer number && number >= 400 ? number : 500;
    Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    // A database that is down (or no pooled connection in time) outside JAX-RS - a servlet
    // filter, the authentication mechanism - is a 503 to retry, not an unexpected error.
    Problem unavailable =
        failure instanceof Throwable thrown ? ProblemMappers.TimeAndSize.problemOf(thrown) : null;
    if (unavailable != null && unavailable.status() == 503 && !response.isCommitted()) {
      response.resetBuffer();
      response.setStatus(503);
      response.setHeader("Retry-After", ProblemMappers.TimeAndSize.RETRY_AFTER_SECONDS);
      response.setContentType(Problem.MEDIA_TYPE.toString());
      SecurityHeaders.apply(request, response);
      JsonMapping.MAPPER.writeValue(response.getOutputStream(), unavailable);
      return;
    }
    if (failure instanceof Throwable thrown) {
      LOG.log(
          Level.SEVERE,
          "unhandled error for " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
          thrown);
    }
    Status known = Status.fromStatusCode(status);
    String title = known == null ? "Error" : known.getReasonPhrase();
    String detail =
        status >= 500 ? "an unexpected error occurred" : title.toLowerCase(java.util.Locale.ROOT);
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(Problem.MEDIA_TYPE.toString());
    SecurityHeaders.apply(request, response);
    JsonMapping.MAPPER.writeValue(
        response.getOutputStream(), Problem.of(status, title, detail, List.of()));
  }
}
