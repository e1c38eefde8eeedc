package io.cvtailor.app.arquillian;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import io.cvtailor.testsupport.HttpProbe;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.Node;
import org.jboss.shrinkwrap.api.asset.Asset;

/**
 * Payara Micro's Arquillian container, with one Payara Micro kept for every test class that deploys
 * the same WAR. Payara's own adapter starts a new JVM for each class's deployment (start-up, deploy
 * and the model's warm-up: 40–90 s each on a two-core machine, most of a CI run); this one keeps
 * the deployment after its class and hands it to the next class that deploys an archive with
 * exactly the same content (the built WAR as it ships). A class that deploys something else (the
 * WAR plus test-only classes) stops it first and gets a Payara Micro of its own, as before: at most
 * one instance of the application runs on the run's database at a time, as with Payara's adapter.
 *
 * <p>The tests keep their {@code @Deployment} and {@code @ArquillianResource URL}; only the number
 * of JVMs changes. The shared instance carries state from one class to the next (rate-limit buckets
 * of anonymous routes per address, caches): the test configuration in arquillian.xml is generous
 * enough for the whole run, and no test may assume a fresh server. A deployment that stopped
 * answering is not reused.
 */
public class ReusedPayaraMicro implements DeployableContainer<PayaraMicroContainerConfiguration> {
  private static final Logger LOG = Logger.getLogger(ReusedPayaraMicro.class.getName());

  /** Registers this container in place of Payara's (META-INF/services). */
  public static class Extension implements LoadableExtension {
    @Override
    public void register(ExtensionBuilder builder) {
      builder.override(
          DeployableContainer.class, PayaraMicroDeployableContainer.class, ReusedPayaraMicro.class);
    }
  }

  private PayaraMicroContainerConfiguration configuration;

  // the running deployment: its Payara adapter, the content it was given, what it answered
  private PayaraMicroDeployableContainer running;
  private Archive<?> runningArchive;
  private String runningContent;
  private ProtocolMetaData runningMetaData;
  private int reused;

  @Override
  public Class<PayaraMicroContainerConfiguration> getConfigurationClass() {
    return PayaraMicroContainerConfiguration.class;
  }

  @Override
  public void setup(PayaraMicroContainerConfiguration configuration) {
    this.configuration = configuration;
  }

  @Override
  public ProtocolDescription getDefaultProtocol() {
    return new PayaraMicroDeployableContainer().getDefaultProtocol();
  }

  @Override
  public synchronized ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
    String content = content(archive);
    if (running != null && content.equals(runningContent) && answers(runningMetaData)) {
      reused++;
      LOG.info(
          "reusing the running Payara Micro for "
              + archive.getName()
              + " (same content; "
              + reused
              + " reuse(s) so far)");
      return runningMetaData;
    }
    stopRunning();
    PayaraMicroDeployableContainer container = new PayaraMicroDeployableContainer();
    container.setup(configuration);
    ProtocolMetaData metaData = container.deploy(archive);
    running = container;
    runningArchive = archive;
    runningContent = content;
    runningMetaData = metaData;
    return metaData;
  }

  /** Kept for the next class; {@link #stop()} (after the last class) ends it. */
  @Override
  public void undeploy(Archive<?> archive) {}

  @Override
  public synchronized void stop() throws LifecycleException {
    try {
      stopRunning();
    } catch (DeploymentException e) {
      throw new LifecycleException("stopping the kept Payara Micro failed", e);
    }
  }

  private void stopRunning() throws DeploymentException {
    if (running != null) {
      try {
        running.undeploy(runningArchive);
      } finally {
        running = null;
        runningArchive = null;
        runningContent = null;
        runningMetaData = null;
      }
    }
  }

  /** Whether the deployment's server still answers HTTP at all (a dead JVM is not reused). */
  private static boolean answers(ProtocolMetaData metaData) {
    HTTPContext http = metaData.getContext(HTTPContext.class);
    return http != null
        && HttpProbe.status(URI.create("http://" + http.getHost() + ":" + http.getPort() + "/"))
            != -1;
  }

  /**
   * A digest of the archive's name and entries. An entry read from the built WAR (a zip entry of
   * the same file all run long) counts by its path; a class or resource a test adds or replaces
   * counts by its bytes too.
   */
  private static String content(Archive<?> archive) {
    Map<String, String> entries = new TreeMap<>();
    for (Map.Entry<ArchivePath, Node> entry : archive.getContent().entrySet()) {
      Asset asset = entry.getValue().getAsset();
      String kind;
      if (asset == null) {
        kind = "directory";
      } else if (asset.getClass().getSimpleName().equals("ZipFileEntryAsset")) {
        kind = "from the WAR file";
      } else {
        try (InputStream in = asset.openStream()) {
          kind =
              HexFormat.of()
                  .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (IOException | NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
      entries.put(entry.getKey().get(), kind);
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(archive.getName().getBytes(StandardCharsets.UTF_8));
      entries.forEach(
          (path, kind) ->
              digest.update((path + '\0' + kind + '\n').getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
