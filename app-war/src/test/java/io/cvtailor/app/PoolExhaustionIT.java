package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.testsupport.TestDatabase;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15 item 1: an exhausted connection pool answers 503 problem+json with Retry-After once a
 * request has waited {@code db.pool.max-wait-ms} for a connection, instead of queueing it forever;
 * never 500. The test holds an exclusive lock on the artifacts table from its own connection, so
 * that every request listing artifacts blocks in its query while it holds a pooled connection; more
 * requests than the pool has connections (40, {@code DatabaseDefinition}) are sent at once. While
 * the lock is still held, the requests that found no connection must have been answered 503; after
 * it is released every request is answered, and the application serves again.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PoolExhaustionIT {
  private static final int POOL = 40;
  private static final int REQUESTS = POOL + 20;
  private static final String BUSY = "no database connection was free in time";

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  private record Answer(Instant at, Api.Reply reply) {}

  @Test
  void requestsThatFindNoFreeConnectionAnswer503InsteadOfQueueingForever() throws Exception {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Crowd");
    List<Answer> answers = new ArrayList<>();
    List<Future<?>> requests = new ArrayList<>();
    ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
    Instant sent;
    Instant released;
    List<Answer> whileHeld;
    try (Connection holder = TestDatabase.get().connect()) {
      holder.setAutoCommit(false);
      try (Statement lock = holder.createStatement()) {
        lock.execute("LOCK TABLE artifacts.artifacts IN ACCESS EXCLUSIVE MODE");
      }
      sent = Instant.now();
      for (int i = 0; i < REQUESTS; i++) {
        requests.add(
            clients.submit(
                () -> {
                  Api.Reply reply = api.get("api/v1/artifacts", user.token());
                  synchronized (answers) {
                    answers.add(new Answer(Instant.now(), reply));
                  }
                }));
      }
      // the lock stays until the pool has turned requests away (bounded: then the test fails)
      Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
      while (busy(snapshot(answers)).isEmpty() && Instant.now().isBefore(deadline)) {
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      }
      whileHeld = snapshot(answers);
      holder.rollback();
      released = Instant.now();
    }
    try {
      for (Future<?> request : requests) {
        // nothing hangs: each request is answered (the bound only guards the test itself)
        request.get(2, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
    }

    List<Answer> all = snapshot(answers);
    assertThat(all).hasSize(REQUESTS);
    assertThat(busy(whileHeld))
        .as("503 'no connection free' while every pooled connection was held")
        .isNotEmpty();
    for (Answer answer : whileHeld) {
      assertThat(answer.reply().status())
          .as("answered while the lock was held: %s", answer.reply().raw().body())
          .isEqualTo(503);
    }
    for (Answer answer : all) {
      Api.Reply reply = answer.reply();
      if (reply.status() != 200) {
        Api.assertProblem(reply, 503);
        assertThat(reply.header("Retry-After")).as(reply.raw().body()).isPresent();
      }
    }
    assertThat(all.stream().filter(a -> a.reply().status() == 200))
        .as("the requests that held a connection are served once the lock is gone")
        .isNotEmpty();
    assertThat(api.get("api/v1/artifacts", user.token()).status()).isEqualTo(200);
    Answer firstBusy = busy(whileHeld).get(0);
    System.out.printf(
        "[faults] %d requests at once for a pool of %d, all blocked in their query: first 503"
            + " 'no connection free' %.1f s after they were sent, %d answered 503 while the"
            + " connections were held (%.1f s), then %d answered 200 and %d 503 in all, 0 other%n",
        REQUESTS,
        POOL,
        Duration.between(sent, firstBusy.at()).toMillis() / 1000.0,
        whileHeld.size(),
        Duration.between(sent, released).toMillis() / 1000.0,
        all.stream().filter(a -> a.reply().status() == 200).count(),
        all.stream().filter(a -> a.reply().status() == 503).count());
  }

  private static List<Answer> snapshot(List<Answer> answers) {
    synchronized (answers) {
      return List.copyOf(answers);
    }
  }

  private static List<Answer> busy(List<Answer> answers) {
    return answers.stream()
        .filter(
            a ->
                a.reply().status() == 503
                    && a.reply().json() != null
                    && a.reply().json().path("detail").asText().contains(BUSY))
        .toList();
  }
}
