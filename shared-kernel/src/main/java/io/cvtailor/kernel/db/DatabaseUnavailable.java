package io.cvtailor.kernel.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Recognises a failure that means "the database cannot be reached right now" - PostgreSQL down or
 * restarting, the connection dropped, no pooled connection free within the pool's wait - wherever
 * it sits among the causes (JPA, JTA, the pool and the driver each wrap it differently). Such a
 * failure is answered 503 with Retry-After, never 500: trying again later will work.
 */
public final class DatabaseUnavailable {
  // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting
  // down), 53300 too_many_connections; class 08 is every connection exception.
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

  private DatabaseUnavailable() {}

  public static boolean isUnavailable(Throwable failure) {
    int depth = 0;
    for (Throwable cause = failure;
        cause != null && depth < 50;
        cause = cause.getCause(), depth++) {
      if (isUnavailableItself(cause)) {
        return true;
      }
      if (cause instanceof SQLException sql
          && sql.getNextException() != null
          && isUnavailableItself(sql.getNextException())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** Payara's pool gave up waiting for a free connection ({@code expired max-wait-time}). */
  public static boolean isPoolTimeout(Throwable cause) {
    String message = cause.getMessage();
    return message != null && message.contains("max-wait-time");
  }

  private static boolean isUnavailableItself(Throwable cause) {
    if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
      return true;
    }
    if (cause instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      if (state.startsWith("08") || STATES.contains(state)) {
        return true;
      }
    }
    String type = cause.getClass().getSimpleName();
    String message = cause.getMessage();
    // Payara's pool: "Error in allocating a connection. Cause: Connection could not be allocated
    // because: ..." (PoolingException / ResourceAllocationException), e.g. when PostgreSQL refuses
    // the connection or the pool's wait expired.
    return type.equals("PoolingException")
        || type.equals("ResourceAllocationException")
        || isPoolTimeout(cause)
        || (message != null
            && (message.contains("Error in allocating a connection")
                || message.contains("Connection could not be allocated")));
  }
}
