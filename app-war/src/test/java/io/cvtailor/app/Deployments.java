package io.cvtailor.app;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR under test: the one Maven built, exactly as it ships. */
public final class Deployments {
  private Deployments() {}

  public static WebArchive builtWar() {
    File war = new File(System.getProperty("cvtailor.war", "target/cvtailor.war"));
    if (!war.isFile()) {
      throw new IllegalStateException(war + " is missing: integration tests run after package");
    }
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }
}
