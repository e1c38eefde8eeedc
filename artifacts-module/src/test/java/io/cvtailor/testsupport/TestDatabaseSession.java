package io.cvtailor.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Creates the run's database before any test when {@code cvtailor.test.db=eager} (integration test
 * runs: Arquillian must know the database before it starts Payara Micro) and drops it when the run
 * ends.
 */
public class TestDatabaseSession implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if ("eager".equals(System.getProperty("cvtailor.test.db"))) {
      TestDatabase.get();
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    TestDatabase.dropIfCreated();
  }
}
