package io.cvtailor.app.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Every path works with and without a trailing slash ({@code /artifacts/} = {@code /artifacts}).
 */
@Provider
@PreMatching
public class TrailingSlashes implements ContainerRequestFilter {
  @Override
  public void filter(ContainerRequestContext request) {
    URI uri = request.getUriInfo().getRequestUri();
    String path = uri.getRawPath();
    if (path.length() > 1 && path.endsWith("/")) {
      request.setRequestUri(
          UriBuilder.fromUri(uri).replacePath(withoutTrailingSlashes(path)).build());
    }
  }

  /**
   * The path without its trailing slashes. Plain code: {@code /+$} backtracked quadratically over a
   * long run of slashes followed by anything else (20 s for 40,000).
   */
  public static String withoutTrailingSlashes(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(0, end);
  }
}
