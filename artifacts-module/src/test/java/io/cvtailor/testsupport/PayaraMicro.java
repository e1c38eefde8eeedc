package io.cvtailor.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built WAR in a Payara Micro child process, started the way the launcher ({@code ./cvtailor
 * start}) starts it: {@code java -jar payara-micro.jar --deploy cvtailor.war} on a free port, with
 * the application's settings as system properties. The one way to do so for the tests that need a
 * server of their own (app-war's shared IT deployment and its fault tests, which kill and restart
 * it) and for {@code ./cvtailor eval} and {@code bench} (measurement-module's RunningApp).
 *
 * <p>Its output goes to {@code payara.log} in a temporary directory; {@link #close()} removes
 * Payara's runtime files there (the exploded WAR) and keeps the log for a look after a failure.
 */
public final class PayaraMicro implements AutoCloseable {
  private final Process process;
  private final Path runtime;
  private final int port;
  private final URI base;

  private PayaraMicro(Process process, Path runtime, int port, String contextRoot) {
    this.process = process;
    this.runtime = runtime;
    this.port = port;
    this.base =
        URI.create(
            "http://127.0.0.1:"
                + port
                + (contextRoot.endsWith("/") ? contextRoot : contextRoot + "/"));
  }

  /** A launch of {@code war} in {@code microJar}; nothing starts before {@link Launch#start()}. */
  public static Launch of(Path microJar, Path war) {
    return new Launch(microJar, war);
  }

  /** What to start: JVM options in the order given (a later {@code -D} of a key wins). */
  public static final class Launch {
    private final Path microJar;
    private final Path war;
    private final List<String> jvmOptions = new ArrayList<>();
    private List<String> microOptions = List.of("--nocluster");
    private String heap = "768m";
    private String contextRoot = "/";
    private int port;

    private Launch(Path microJar, Path war) {
      this.microJar = microJar;
      this.war = war;
    }

    /** {@code -Xmx}; 768m unless set (the in-process model and ONNX Runtime need most of it). */
    public Launch heap(String maximum) {
      this.heap = maximum;
      return this;
    }

    /** One setting, {@code -Dkey=value}. */
    public Launch property(String key, String value) {
      jvmOptions.add("-D" + key + "=" + value);
      return this;
    }

    public Launch properties(Map<String, String> settings) {
      settings.forEach(this::property);
      return this;
    }

    /** JVM options as they are, e.g. {@code -Dembedding.provider=openai}. */
    public Launch jvmOptions(List<String> options) {
      jvmOptions.addAll(options);
      return this;
    }

    /**
     * Payara Micro's own options besides port, deployment and root directory, in place of the
     * default {@code --nocluster} (a clustered instance: {@code --clustermode tcpip:...}, {@code
     * --name ...}).
     */
    public Launch microOptions(List<String> options) {
      this.microOptions = List.copyOf(options);
      return this;
    }

    /** Where the WAR is deployed; {@code /} unless set, as the launcher deploys it. */
    public Launch contextRoot(String path) {
      this.contextRoot = path;
      return this;
    }

    /** The HTTP port; a free one unless set. */
    public Launch port(int httpPort) {
      this.port = httpPort;
      return this;
    }

    /** Starts the process; it answers HTTP some seconds later (see {@link #awaitReady}). */
    public PayaraMicro start() throws IOException {
      if (!Files.isRegularFile(microJar) || !Files.isRegularFile(war)) {
        throw new IllegalStateException(
            microJar.toAbsolutePath()
                + " or "
                + war.toAbsolutePath()
                + " missing: build the WAR first (./cvtailor build, or mvn package)");
      }
      int httpPort = port > 0 ? port : freePort();
      Path runtime = Files.createTempDirectory("cvtailor-payara");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx" + heap);
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", microJar.toAbsolutePath().toString()));
      command.addAll(microOptions);
      command.addAll(
          List.of(
              "--port",
              String.valueOf(httpPort),
              "--rootdir",
              runtime.resolve("root").toString(),
              "--deploy",
              war.toAbsolutePath().toString(),
              "--contextroot",
              contextRoot));
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(runtime.resolve("payara.log").toFile())
              .start();
      return new PayaraMicro(process, runtime, httpPort, contextRoot);
    }
  }

  /** A TCP port nothing listens on right now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  /** The deployment's URL over loopback, ending in {@code /}. */
  public URI base() {
    return base;
  }

  public URL url() {
    try {
      return base.toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public Path log() {
    return runtime.resolve("payara.log");
  }

  /** The status of {@code GET path} (from the server root, e.g. {@code /health/ready}), or -1. */
  public int status(String path) {
    return HttpProbe.status(base.resolve(path));
  }

  /**
   * Waits until {@code GET path} answers {@code status}; false when {@code timeout} passed first.
   * Throws when the process exited meanwhile.
   */
  public boolean awaitStatus(String path, int status, Duration timeout) {
    return HttpProbe.awaitStatus(
        base.resolve(path), status, timeout, process::isAlive, "Payara Micro (log: " + log() + ")");
  }

  /** Waits until the application itself is ready ({@code /health/ready} 200), or throws. */
  public PayaraMicro awaitReady(Duration timeout) {
    if (!awaitStatus("/health/ready", 200, timeout)) {
      throw new IllegalStateException(
          "cvtailor was not ready within " + timeout + "; see " + log());
    }
    return this;
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook, no orderly undeploy. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** Stops it (SIGTERM, SIGKILL after a minute) and removes its runtime files, keeping the log. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          kill();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    Path root = runtime.resolve("root");
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
