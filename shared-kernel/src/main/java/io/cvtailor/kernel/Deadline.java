package io.cvtailor.kernel;

import java.time.Duration;

/**
 * The time a request may still use. The HTTP layer starts one per request ({@code
 * http.request-timeout-ms}); any module may call {@link #check()} in a loop whose length depends on
 * the input (pieces to embed, lines to read, candidates to score), so that a request that ran out
 * of time stops working and answers 503 instead of holding a thread, a connection or the model.
 * Outside a request (the embedding worker, start-up) there is no deadline and {@code check()} does
 * nothing.
 */
public final class Deadline {
  private static final Deadline NONE = new Deadline(Long.MAX_VALUE, Duration.ZERO);
  private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

  private final long expiresAtNanos;
  private final Duration budget;

  private Deadline(long expiresAtNanos, Duration budget) {
    this.expiresAtNanos = expiresAtNanos;
    this.budget = budget;
  }

  /** A deadline {@code budget} from now. */
  public static Deadline after(Duration budget) {
    return new Deadline(System.nanoTime() + budget.toNanos(), budget);
  }

  /** The current thread's deadline, or one that never passes. */
  public static Deadline current() {
    Deadline deadline = CURRENT.get();
    return deadline == null ? NONE : deadline;
  }

  /** Shorthand for {@code current().check()}. */
  public static void checkCurrent() {
    current().check();
  }

  /** Makes this the current thread's deadline until the returned scope is closed. */
  public Scope enter() {
    Deadline previous = CURRENT.get();
    CURRENT.set(this);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  public boolean passed() {
    return this != NONE && System.nanoTime() - expiresAtNanos >= 0;
  }

  /** Time left (zero once passed; very long when there is no deadline). */
  public Duration remaining() {
    if (this == NONE) {
      return Duration.ofNanos(Long.MAX_VALUE);
    }
    return Duration.ofNanos(Math.max(0, expiresAtNanos - System.nanoTime()));
  }

  /** Throws {@link DeadlineExceededException} once the deadline has passed. */
  public void check() {
    if (passed()) {
      throw new DeadlineExceededException(budget);
    }
  }

  /** Restores the previous deadline; closing never throws. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
