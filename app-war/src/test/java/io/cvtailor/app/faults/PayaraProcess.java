package io.cvtailor.app.faults;

import io.cvtailor.testsupport.PayaraMicro;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The built WAR in a Payara Micro of the test's own, on a {@link ThrowAwayPostgres} database, as a
 * child process the test can kill with SIGKILL and start again. The fault tests' settings on top of
 * {@link PayaraMicro}, the one way the tests and measurements start the WAR.
 */
public final class PayaraProcess implements AutoCloseable {
  private final PayaraMicro micro;

  private PayaraProcess(PayaraMicro micro) {
    this.micro = micro;
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
    return new PayaraProcess(
        PayaraMicro.of(
                Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar")),
                Path.of(System.getProperty("cvtailor.war", "target/cvtailor.war")))
            .property("db.url", dbUrl)
            .property("db.user", dbUser)
            // the throw-away cluster trusts local connections
            .property("db.password", "unused")
            .properties(config)
            .microOptions(microOptions)
            .start());
  }

  public URL url() {
    return micro.url();
  }

  public int port() {
    return micro.port();
  }

  public long pid() {
    return micro.pid();
  }

  public boolean alive() {
    return micro.alive();
  }

  public Path log() {
    return micro.log();
  }

  /** The status of {@code GET path}, or -1 while nothing answers. */
  public int status(String path) {
    return micro.status(path);
  }

  /** Waits until {@code GET path} answers {@code status}; false when {@code timeout} passed. */
  public boolean awaitStatus(String path, int status, Duration timeout) {
    return micro.awaitStatus(path, status, timeout);
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook, no orderly undeploy. */
  public void kill() throws InterruptedException {
    micro.kill();
  }

  @Override
  public void close() {
    micro.close();
  }
}
