package io.cvtailor.measure.app;

import io.cvtailor.testsupport.PayaraMicro;
import io.cvtailor.testsupport.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The built WAR running in its own Payara Micro process on a free port against a given database, as
 * a user would run it; {@link #close()} stops it. Measurements talk to it only over HTTP. Started
 * through {@link PayaraMicro}, as the tests start it.
 */
public final class RunningApp implements AutoCloseable {
  private final PayaraMicro micro;

  private RunningApp(PayaraMicro micro) {
    this.micro = micro;
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
    List<String> options = new ArrayList<>(settings);
    String extra = System.getenv("EVAL_APP_OPTS");
    if (extra != null && !extra.isBlank()) {
      options.addAll(List.of(extra.trim().split("\\s+")));
    }
    PayaraMicro micro =
        PayaraMicro.of(
                Path.of("app-war/target/payara-micro.jar"), Path.of("app-war/target/cvtailor.war"))
            .heap("1g")
            // Measurements drive one user far past a person's pace; the rate-limit section turns
            // it back on.
            .property("rate-limit.enabled", "false")
            .jvmOptions(options)
            .property("db.url", database.url())
            .property("db.user", database.user())
            .property("db.password", database.password())
            // Registration speed is not what is measured; sign-in hashing stays PBKDF2.
            .property("security.password.iterations", "1024")
            .property("embedding.worker.poll-ms", "500")
            .microOptions(microOptions)
            .start();
    try {
      micro.awaitReady(Duration.ofMinutes(10));
    } catch (RuntimeException e) {
      micro.close();
      throw e;
    }
    System.out.println(
        "[cvtailor] running on port " + micro.port() + ", database " + database.name());
    return new RunningApp(micro);
  }

  public URI base() {
    return micro.base();
  }

  public long pid() {
    return micro.pid();
  }

  /** A client of this application's REST API. */
  public ApiClient client() {
    return new ApiClient(base());
  }

  @Override
  public void close() {
    micro.close();
  }
}
