package io.cvtailor.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Which instance answered: the {@code X-Cvtailor-Instance} response header, so that tests and
 * operators behind haproxy can see which of several instances served a request (docs/scaling.md,
 * "Correct with several instances"). The name is {@code cluster.instance-name} when configured (the
 * cluster launcher sets one per instance), otherwise {@code host:port} of the connector that took
 * the request. It names no secret: host names and ports are what a load balancer's status page
 * shows anyway.
 */
public final class InstanceName {
  public static final String HEADER = "X-Cvtailor-Instance";

  // Read once: the configured name does not change while the instance runs.
  private static volatile Optional<String> configured;
  private static volatile String host;

  private InstanceName() {}

  static void apply(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader(HEADER, of(request));
  }

  public static String of(HttpServletRequest request) {
    Optional<String> name = configured();
    return name.orElseGet(() -> host() + ":" + request.getLocalPort());
  }

  private static Optional<String> configured() {
    Optional<String> name = configured;
    if (name == null) {
      name =
          ConfigProvider.getConfig()
              .getOptionalValue("cluster.instance-name", String.class)
              .map(String::strip)
              .filter(s -> !s.isEmpty());
      configured = name;
    }
    return name;
  }

  private static String host() {
    String name = host;
    if (name == null) {
      // HOSTNAME first: InetAddress.getLocalHost() can wait on a resolver on a badly set-up host.
      name = System.getenv("HOSTNAME");
      if (name == null || name.isBlank()) {
        try {
          name = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
          name = "localhost";
        }
      }
      host = name;
    }
    return name;
  }
}
