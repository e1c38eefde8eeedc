package io.cvtailor.app.faults;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The built WAR in a Payara Micro of the test's own, started as a child process the way the
 * launcher ({@code ./cvtailor start}) starts it, so that a test can kill it with SIGKILL and start
 * it again. Its log goes to a file beside its runtime directory.
 */
public final class PayaraProcess implements AutoCloseable {
  private final Path runtime;
  private final int port;
  private final Process process;

  private PayaraProcess(Path runtime, int port, Process process) {
    this.runtime = runtime;
    this.port = port;
    this.process = process;
  }

  /** Starts Payara Micro with the WAR against the database, with the given configuration. */
  public static PayaraProcess start(String dbUrl, String dbUser, Map<String, String> config)
      throws IOException {
    return start(dbUrl, dbUser, config, List.of("--nocluster"));
  }

  /**
   * As {@link #start(String, String, Map)}, with Payara Micro options of the caller's instead of
   * {@code --nocluster} (ClusterIT: {@code --clustermode tcpip:...}, {@code --name ...}).
   */
  public static PayaraProcess start(
      String dbUrl, String dbUser, Map<String, String> config, List<String> microOptions)
      throws IOException {
    Path micro = Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar"));
    Path war = Path.of(System.getProperty("cvtailor.war", "target/cvtailor.war"));
    if (!Files.isRegularFile(micro) || !Files.isRegularFile(war)) {
      throw new IllegalStateException(micro + " or " + war + " missing: run after package");
    }
    Path runtime = Files.createTempDirectory("cvtailor-faults-payara");
    int port = ThrowAwayPostgres.freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.add("-Ddb.url=" + dbUrl);
    command.add("-Ddb.user=" + dbUser);
    command.add("-Ddb.password=unused");
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(
        List.of(
            "-jar",
            micro.toAbsolutePath().toString(),
            "--port",
            String.valueOf(port),
            "--rootdir",
            runtime.resolve("root").toString(),
            "--deploy",
            war.toAbsolutePath().toString(),
            "--contextroot",
            "/"));
    command.addAll(microOptions);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(runtime.resolve("payara.log").toFile())
            .start();
    return new PayaraProcess(runtime, port, process);
  }

  public URL url() {
    try {
      return URI.create("http://127.0.0.1:" + port + "/").toURL();
    } catch (IOException e) {
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

  /** The status of {@code GET path}, or -1 while nothing answers. */
  public int status(String path) {
    try {
      return HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .build()
          .send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Waits until {@code GET path} answers {@code status}; false when {@code timeout} passed. */
  public boolean awaitStatus(String path, int status, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited; see " + log());
      }
      if (status(path) == status) {
        return true;
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
    return false;
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook, no orderly undeploy. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill();
      }
    }
    // the runtime directory goes; the log stays for a look after a failure
    try (java.util.stream.Stream<Path> files = Files.walk(runtime.resolve("root"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
