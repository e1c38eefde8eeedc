package io.cvtailor.kernel.db;

import io.cvtailor.kernel.Deadline;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Every module's persistence unit registers this listener ({@code
 * eclipselink.session-event-listener}): before each query a request runs, its {@link Deadline} is
 * checked, so a request that has used up its time stops at its next query (503 with Retry-After)
 * instead of running statement after statement, each within {@code statement_timeout}. Queries of
 * the embedding worker and of start-up have no deadline and are not affected.
 */
public class DeadlineQueries extends SessionEventAdapter {
  @Override
  public void preExecuteQuery(SessionEvent event) {
    Deadline.checkCurrent();
  }
}
