package io.cvtailor.kernel.db;

import java.util.function.Supplier;

/**
 * Where the current thread's read-only queries go: the primary (always, unless told otherwise) or
 * the read data source {@code java:app/jdbc/cvtailor-read} ({@code db.read-url}, a streaming
 * standby). Only the application's entry points decide, for requests that are reads from start to
 * end and tolerate the documented staleness (similar search, ranking); the module code of those
 * reads asks {@link #replica()} and picks its read persistence unit. Nothing else ever reads from
 * the standby: a read that must see the caller's own write keeps the default. Why a thread-local:
 * the same module method serves a stale-tolerant request and a write flow (a CV ranks the artifacts
 * it is built from), so the caller, not the method, knows which it is.
 */
public final class ReadRoute {
  private static final ThreadLocal<Boolean> REPLICA = new ThreadLocal<>();

  private ReadRoute() {}

  /** True while the current thread runs work that {@link #onReplica} routed to the standby. */
  public static boolean replica() {
    return Boolean.TRUE.equals(REPLICA.get());
  }

  /** Runs {@code work} with its module reads on the read data source. */
  public static <T> T onReplica(Supplier<T> work) {
    Boolean outer = REPLICA.get();
    REPLICA.set(Boolean.TRUE);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        REPLICA.remove();
      } else {
        REPLICA.set(outer);
      }
    }
  }
}
