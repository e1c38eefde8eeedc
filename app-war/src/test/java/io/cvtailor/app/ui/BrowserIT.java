package io.cvtailor.app.ui;

import io.cvtailor.app.Deployments;
import java.net.URL;
import java.nio.file.Path;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every browser test shares: the built WAR in a real Payara Micro, one headless Chromium per
 * test class, screenshots in {@code target/screenshots/}, and the password its people sign up with.
 * A subclass holds only its journey.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class BrowserIT {
  static final String PASSWORD = "correct horse battery staple";
  static final Path SCREENSHOTS =
      Path.of(System.getProperty("basedir", "."), "target", "screenshots");

  static Browser browser;

  @ArquillianResource URL deployment;

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start(SCREENSHOTS);
  }

  @AfterAll
  static void quitBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}
