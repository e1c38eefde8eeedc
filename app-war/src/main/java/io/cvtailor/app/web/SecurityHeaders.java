package io.cvtailor.app.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on every response of the WAR: a Content-Security-Policy that allows no inline or
 * foreign script (a CV page shows user-written text; whatever slips into it cannot run), {@code
 * nosniff}, no framing by other sites and no referrer. Set before the chain runs, so they are on
 * error responses too; the authentication mechanism applies them as well, because it can answer
 * 401/403 before any filter. The same path adds {@link InstanceName}'s header.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {
  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none';"
          + " base-uri 'none'; form-action 'self'; frame-ancestors %s";

  // The web UI previews a CV's HTML in a (sandboxed) frame of its own origin; nothing else frames.
  private static final String PAGE_POLICY = POLICY.formatted("'none'");
  private static final String CV_PREVIEW_POLICY = POLICY.formatted("'self'");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    apply(request, response);
    chain.doFilter(request, response);
  }

  public static void apply(HttpServletRequest request, HttpServletResponse response) {
    boolean cvPreview = request.getRequestURI().endsWith("/html");
    response.setHeader("Content-Security-Policy", cvPreview ? CV_PREVIEW_POLICY : PAGE_POLICY);
    response.setHeader("X-Frame-Options", cvPreview ? "SAMEORIGIN" : "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    // Not a security header, but it must be on every response too (401s and error pages included):
    // with several instances behind haproxy, it says which one answered.
    InstanceName.apply(request, response);
  }
}
