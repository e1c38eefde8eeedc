package io.cvtailor.app.web;

import io.cvtailor.kernel.log.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Gives every request an id, in every line the project logs while serving it ({@link RequestIds})
 * and in the response's {@code X-Request-Id}, so a caller's report ("request 3f9c… failed") finds
 * its log lines. A caller's own {@code X-Request-Id} is kept when it is short and plain (a proxy's
 * or a client's trace id), else replaced. The authentication mechanism assigns it too, because it
 * runs before any filter and can answer 401 or 503 itself.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestIdFilter extends HttpFilter {
  private static final String ATTRIBUTE = RequestIdFilter.class.getName();

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    assign(request, response);
    try {
      chain.doFilter(request, response);
    } finally {
      RequestIds.end();
    }
  }

  /** The request's id, the same however often asked: on the thread and in the response. */
  public static String assign(HttpServletRequest request, HttpServletResponse response) {
    String id = (String) request.getAttribute(ATTRIBUTE);
    if (id == null) {
      id = RequestIds.accept(request.getHeader(RequestIds.HEADER));
      request.setAttribute(ATTRIBUTE, id);
    }
    RequestIds.serve(id);
    response.setHeader(RequestIds.HEADER, id);
    return id;
  }
}
