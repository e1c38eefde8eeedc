package io.cvtailor.app.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a request comes from and whether it travelled over TLS, believing forwarding headers only
 * from the configured trusted proxies ({@code security.trusted-proxies}).
 */
@ApplicationScoped
public class RequestOrigin {
  @Inject
  @ConfigProperty(name = "security.trusted-proxies")
  Optional<String> trustedProxyList;

  /**
   * {@code auto} (TLS seen by us or reported by a trusted proxy), {@code always} or {@code never}.
   */
  @Inject
  @ConfigProperty(name = "security.cookie.secure", defaultValue = "auto")
  String cookieSecure;

  private TrustedProxies proxies = TrustedProxies.none();

  /** {@code security.cookie.secure}, checked and lower-cased. */
  private String cookieMode = "auto";

  @PostConstruct
  void init() {
    proxies = TrustedProxies.parse(trustedProxyList.orElse(""));
    String mode = cookieSecure.strip().toLowerCase(Locale.ROOT);
    if (!mode.equals("auto") && !mode.equals("always") && !mode.equals("never")) {
      throw new IllegalArgumentException(
          "security.cookie.secure must be auto, always or never (got '" + cookieSecure + "')");
    }
    cookieMode = mode;
  }

  /** The client's address: the socket's peer, or what a trusted proxy says it forwarded for. */
  public String clientAddress(HttpServletRequest request) {
    return proxies.clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
  }

  /** Whether cookies set on this response should be {@code Secure}. */
  public boolean secureCookies(HttpServletRequest request) {
    return switch (cookieMode) {
      case "always" -> true;
      case "never" -> false;
      default ->
          request.isSecure()
              || proxies.forwardedOverTls(
                  request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto"));
    };
  }
}
