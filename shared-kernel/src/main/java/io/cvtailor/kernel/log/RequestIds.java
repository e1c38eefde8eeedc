package io.cvtailor.kernel.log;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The id of the HTTP request a thread is serving, in every line the project logs for it.
 *
 * <p>java.util.logging has no MDC, and Payara's handlers and formatters belong to the server, not
 * the WAR. So the project's loggers come from {@link #logger(Class)}: each carries a filter that
 * prefixes a record logged while a request is being served with {@code [request <id>]}. The filter
 * runs on the logging thread before any handler sees the record, whatever handler and formatter the
 * server uses. The web tier opens the id ({@link #open}) for each request, takes the caller's
 * {@code X-Request-Id} only when it is short and plain ({@link #accept}) and otherwise makes one,
 * and sends it back in the response's {@code X-Request-Id}. Lines of background work (the embedding
 * worker, start-up) have no request and no prefix.
 */
public final class RequestIds {
  /** The HTTP header that carries the id both ways. */
  public static final String HEADER = "X-Request-Id";

  /** What a caller's id may be: up to 64 letters, digits, dots, dashes and underscores. */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Filter PREFIX = RequestIds::prefix;

  private RequestIds() {}

  /**
   * A logger whose lines name the request being served: use instead of {@link Logger#getLogger} (an
   * ArchUnit rule in app-war holds every class to it).
   */
  public static Logger logger(Class<?> owner) {
    Logger logger = Logger.getLogger(owner.getName());
    logger.setFilter(PREFIX);
    return logger;
  }

  /**
   * The caller's id when it is safe to repeat in logs and headers (no spaces, quotes, control
   * characters or line breaks that could forge a log line, at most 64 characters), else a new one.
   */
  public static String accept(String callerId) {
    return callerId != null && SAFE.matcher(callerId).matches() ? callerId : newId();
  }

  /** A new random id: 16 hexadecimal digits. */
  public static String newId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The id of the request this thread serves, or null. */
  public static String current() {
    return CURRENT.get();
  }

  /**
   * Serves {@code id} on this thread from the first point a request reaches the WAR (the
   * authentication mechanism runs before any filter) until {@link #end}; a request answered before
   * its filters ran leaves it for the next request on the thread to replace at its start.
   */
  public static void serve(String id) {
    CURRENT.set(id);
  }

  /** The thread serves no request any more. */
  public static void end() {
    CURRENT.remove();
  }

  /** Serves {@code id} on this thread until the scope is closed (the previous id comes back). */
  public static Scope open(String id) {
    String previous = CURRENT.get();
    CURRENT.set(id);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** A request's span on a thread; closing it never throws. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  private static boolean prefix(LogRecord record) {
    String id = CURRENT.get();
    if (id != null) {
      String message = record.getMessage();
      String tag = "[request " + id + "] ";
      if (message == null || !message.startsWith(tag)) {
        record.setMessage(message == null ? tag.strip() : tag + message);
      }
    }
    return true;
  }
}
