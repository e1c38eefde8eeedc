package io.cvtailor.app.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cvtailor.app.faults.PayaraProcess;
import io.cvtailor.app.faults.ThrowAwayPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What ClusterIT's requests go through to reach its instances: haproxy from Debian when it is
 * installed ({@code ./cvtailor test} installs it), configured as {@code ./cvtailor cluster}
 * configures it (round-robin, {@code option httpchk GET /health/ready}, a refused connection
 * redispatched); otherwise a round-robin HTTP relay in the test's JVM over the instances whose
 * process is alive, and the test output says so.
 */
abstract class Front implements AutoCloseable {
  abstract URL url();

  abstract String kind();

  static Front over(List<PayaraProcess> instances) throws Exception {
    Path haproxy =
        List.of(Path.of("/usr/sbin/haproxy"), Path.of("/usr/bin/haproxy")).stream()
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(null);
    return haproxy != null ? Haproxy.start(haproxy, instances) : new Relay(instances);
  }

  static URL url(int port) {
    try {
      return URI.create("http://127.0.0.1:" + port + "/").toURL();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** haproxy as a child process, its configuration in a temporary directory. */
  static final class Haproxy extends Front {
    private final Process process;
    private final Path dir;
    private final int port;

    private Haproxy(Process process, Path dir, int port) {
      this.process = process;
      this.dir = dir;
      this.port = port;
    }

    static Haproxy start(Path binary, List<PayaraProcess> instances) throws Exception {
      Path dir = Files.createTempDirectory("cvtailor-cluster-haproxy");
      int port = ThrowAwayPostgres.freePort();
      StringBuilder config =
          new StringBuilder(
              """
              defaults
                  mode http
                  option forwardfor
                  retries 2
                  option redispatch
                  timeout connect 3s
                  timeout client 5m
                  timeout server 5m
              frontend cvtailor
              """);
      config.append("    bind 127.0.0.1:").append(port).append('\n');
      config.append(
          """
              default_backend instances
          backend instances
              balance roundrobin
              option httpchk GET /health/ready
              http-check expect status 200
          """);
      for (int i = 0; i < instances.size(); i++) {
        config
            .append("    server instance-")
            .append(i + 1)
            .append(" 127.0.0.1:")
            .append(instances.get(i).port())
            .append(" check inter 1s fall 2 rise 1\n");
      }
      Path file = dir.resolve("haproxy.cfg");
      Files.writeString(file, config);
      Process process =
          new ProcessBuilder(binary.toString(), "-db", "-f", file.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("haproxy.log").toFile())
              .start();
      return new Haproxy(process, dir, port);
    }

    @Override
    URL url() {
      if (!process.isAlive()) {
        throw new IllegalStateException("haproxy exited; see " + dir.resolve("haproxy.log"));
      }
      return url(port);
    }

    @Override
    String kind() {
      return "haproxy";
    }

    @Override
    public void close() throws Exception {
      process.destroy();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Round-robin over the live instances, in this JVM; a refused connection tries the next. */
  static final class Relay extends Front {
    private static final Set<String> HOP_BY_HOP =
        Set.of(
            "connection",
            "content-length",
            "host",
            "transfer-encoding",
            "upgrade",
            "expect",
            "date",
            "from",
            "via",
            "warning");
    private final List<PayaraProcess> instances;
    private final AtomicInteger next = new AtomicInteger();
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final HttpServer server;

    Relay(List<PayaraProcess> instances) throws IOException {
      this.instances = instances;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", this::relay);
      server.setExecutor(executor);
      server.start();
    }

    private void relay(HttpExchange exchange) throws IOException {
      try (exchange;
          InputStream in = exchange.getRequestBody()) {
        byte[] body = in.readAllBytes();
        IOException last = null;
        for (int tries = 0; tries < instances.size(); tries++) {
          PayaraProcess target =
              instances.get(Math.floorMod(next.getAndIncrement(), instances.size()));
          if (!target.alive()) {
            continue;
          }
          HttpRequest.Builder request =
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + target.port() + exchange.getRequestURI()))
                  .timeout(Duration.ofMinutes(5))
                  .method(
                      exchange.getRequestMethod(),
                      body.length == 0
                          ? HttpRequest.BodyPublishers.noBody()
                          : HttpRequest.BodyPublishers.ofByteArray(body));
          exchange
              .getRequestHeaders()
              .forEach(
                  (name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                      values.forEach(v -> request.header(name, v));
                    }
                  });
          request.header("X-Forwarded-For", "127.0.0.1");
          HttpResponse<byte[]> response;
          try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
          } catch (IOException e) {
            last = e;
            continue;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
          }
          response
              .headers()
              .map()
              .forEach(
                  (name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                      exchange.getResponseHeaders().put(name, new ArrayList<>(values));
                    }
                  });
          byte[] answer = response.body();
          exchange.sendResponseHeaders(
              response.statusCode(), answer.length == 0 ? -1 : answer.length);
          exchange.getResponseBody().write(answer);
          return;
        }
        exchange.sendResponseHeaders(503, -1);
        if (last != null) {
          System.out.println("[cluster] relay: no instance answered: " + last);
        }
      }
    }

    @Override
    URL url() {
      return url(server.getAddress().getPort());
    }

    @Override
    String kind() {
      return "round-robin relay in the test JVM (haproxy is not installed)";
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
