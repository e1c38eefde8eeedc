package io.cvtailor.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a server from outside, by the status of a {@code GET}: the one wait-until-ready of
 * the tests and measurements that start a server of their own (a Payara Micro child process, a full
 * Payara Server). A status from the application itself, never a log line: Payara logs "ready" also
 * after a failed deployment.
 */
public final class HttpProbe {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpProbe() {}

  /** The status of {@code GET url}, or -1 while nothing answers (refused, reset, timed out). */
  public static int status(URI url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * Polls {@code GET url} until it answers {@code status}; false when {@code timeout} passed first.
   *
   * @param alive asked before each poll; when it turns false (the server's process exited) there is
   *     nothing left to wait for, and an {@link IllegalStateException} says so with {@code what}
   */
  public static boolean awaitStatus(
      URI url, int status, Duration timeout, BooleanSupplier alive, String what) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException(what + " exited while " + url + " was awaited");
      }
      if (status(url) == status) {
        return true;
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
    }
    return false;
  }
}
