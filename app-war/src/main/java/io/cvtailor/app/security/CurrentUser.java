package io.cvtailor.app.security;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;

/** The signed-in user's id, from the caller principal set by the authentication mechanism. */
public final class CurrentUser {
  private CurrentUser() {}

  public static long id(SecurityContext security) {
    if (security.getUserPrincipal() == null) {
      throw new NotAuthorizedException("Bearer");
    }
    return Long.parseLong(security.getUserPrincipal().getName());
  }
}
