package io.cvtailor.measure.app;

import io.cvtailor.testsupport.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The built WAR running in its own Payara Micro process on a free port against a given database, as
 * a user would run it; {@link #close()} stops it. Measurements talk to it only over HTTP.
 */
public final class RunningApp implements AutoCloseable {
  private final Process process;
  private final URI base;
  private final Path log;

  private RunningApp(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * Starts the application and waits until {@code /health/ready} answers 200.
   *
   * @param settings extra JVM options, e.g. {@code -Dembedding.provider=openai}; the environment
   *     variable {@code EVAL_APP_OPTS} adds more (for experiments)
   */
  public static RunningApp start(TestDatabase database, List<String> settings) throws Exception {
    return start(database, settings, List.of("--nocluster"));
  }

  /**
   * As {@link #start(TestDatabase, List)}, with Payara Micro options of the caller's in place of
   * {@code --nocluster} (the cluster bench: {@code --clustermode tcpip:...}, {@code --name ...}).
   */
  public static RunningApp start(
      TestDatabase database, List<String> settings, List<String> microOptions) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path runtime = Files.createTempDirectory("cvtailor-measure");
    Path log = runtime.resolve("payara.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    // Measurements drive one user far past a person's pace; the rate-limit section turns it back
    // on.
    command.add("-Drate-limit.enabled=false");
    command.addAll(settings);
    String extra = System.getenv("EVAL_APP_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(
        List.of(
            "-Ddb.url=" + database.url(),
            "-Ddb.user=" + database.user(),
            "-Ddb.password=" + database.password(),
            // Registration speed is not what is measured; sign-in hashing stays PBKDF2.
            "-Dsecurity.password.iterations=1024",
            "-Dembedding.worker.poll-ms=500",
            "-jar",
            "app-war/target/payara-micro.jar",
            "--port",
            String.valueOf(port),
            "--rootdir",
            runtime.resolve("root").toString(),
            "--deploy",
            "app-war/target/cvtailor.war",
            "--contextroot",
            "/"));
    command.addAll(microOptions);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    RunningApp app = new RunningApp(process, URI.create("http://localhost:" + port + "/"), log);
    app.awaitReady();
    System.out.println("[cvtailor] running on port " + port + ", database " + database.name());
    return app;
  }

  private void awaitReady() {
    HttpClient http = ApiClient.newHttpClient();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited; see " + log);
      }
      try {
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/health/ready")).build();
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    }
    close();
    throw new IllegalStateException("cvtailor did not become ready; see " + log);
  }

  public URI base() {
    return base;
  }

  public long pid() {
    return process.pid();
  }

  /** A client of this application's REST API. */
  public ApiClient client() {
    return new ApiClient(base);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
