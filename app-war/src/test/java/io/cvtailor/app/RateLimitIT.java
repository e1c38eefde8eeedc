package io.cvtailor.app;

import static io.cvtailor.app.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-user and per-address rate limits: one caller's flood meets 429 with Retry-After while another
 * caller is served. (The figures — the other user's latency during a flood — are printed by {@code
 * ./cvtailor bench --only ratelimit}; nothing here asserts on time.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RateLimitIT {
  private static final int FLOOD = 1_000;
  private static final int CLIENTS = 16;

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  @Test
  void aFloodOfReadsFromOneUserMeets429WhileAnotherUserIsServed() throws Exception {
    Api api = new Api(deployment);
    String flooder = api.newUserToken("Flooder");
    String other = api.newUserToken("Patient");
    Flood flood = flood(() -> api.get("api/v1/me", flooder), other);

    assertThat(flood.refused).as("requests refused with 429").isNotEmpty();
    assertThat(flood.served).as("the first requests are served").isNotEmpty();
    assertThat(flood.served.size() + flood.refused.size()).isEqualTo(FLOOD);
    Api.Reply refused = flood.refused.get(0);
    assertProblem(refused, 429);
    assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
    // while the flood ran, the other user's requests were all answered
    assertThat(flood.others).isNotEmpty().containsOnly(200);
    assertThat(api.get("api/v1/me", other).status()).isEqualTo(200);
    // a different route class has its own bucket: the flooder can still search... until that floods
    assertThat(
            api.post(
                    "api/v1/artifacts/search/similar",
                    flooder,
                    Map.of("query_text", "distributed systems"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void aFloodOfSearchesMeets429BeforeTheModelIsCalledForEachOne() throws Exception {
    Api api = new Api(deployment);
    String flooder = api.newUserToken("Searcher");
    String other = api.newUserToken("Neighbour");
    List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    run(
        300,
        () ->
            statuses.add(
                api.post(
                        "api/v1/artifacts/search/similar",
                        flooder,
                        Map.of(
                            "query_text",
                            "kubernetes operators " + ThreadLocalRandom.current().nextInt()))
                    .status()));
    assertThat(statuses).contains(429);
    // searches are a class of their own: 120 at once by default, far fewer than the reads' 600
    assertThat(statuses.stream().filter(s -> s == 200).count()).isLessThan(300);
    assertThat(
            api.post(
                    "api/v1/artifacts/search/similar",
                    other,
                    Map.of("query_text", "kubernetes operators"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void anonymousRoutesAreLimitedPerClientAddress() throws Exception {
    // over 127.0.0.1, the test server's trusted proxy: X-Forwarded-For names the client
    Api api = new Api(new URL("http", "127.0.0.1", deployment.getPort(), deployment.getPath()));
    String flooding = "198.51.100." + (1 + ThreadLocalRandom.current().nextInt(254));
    List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    // invalid sign-ups: each would be refused cheaply anyway, but the bucket counts them first
    run(
        FLOOD,
        () ->
            statuses.add(
                api.call(
                        "POST",
                        "api/v1/auth/register",
                        null,
                        "application/json",
                        "{}",
                        "X-Forwarded-For",
                        flooding)
                    .status()));
    assertThat(statuses).contains(429).contains(400);
    Api.Reply refused =
        api.call(
            "POST",
            "api/v1/auth/register",
            null,
            "application/json",
            "{}",
            "X-Forwarded-For",
            flooding);
    assertProblem(refused, 429);
    assertThat(refused.header("Retry-After")).isPresent();
    // another address is not affected
    assertProblem(
        api.call(
            "POST",
            "api/v1/auth/register",
            null,
            "application/json",
            "{}",
            "X-Forwarded-For",
            "203.0.113.77"),
        400);
  }

  /** What a flood of {@link #FLOOD} requests from {@link #CLIENTS} threads got. */
  private static final class Flood {
    final List<Api.Reply> served = Collections.synchronizedList(new ArrayList<>());
    final List<Api.Reply> refused = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> others = Collections.synchronizedList(new ArrayList<>());
  }

  /** Floods with the request while another user lists their artifacts, one request at a time. */
  private Flood flood(java.util.function.Supplier<Api.Reply> request, String other)
      throws Exception {
    Api api = new Api(deployment);
    Flood flood = new Flood();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread bystander =
        new Thread(
            () -> {
              while (running.get()) {
                flood.others.add(api.get("api/v1/artifacts", other).status());
              }
            });
    bystander.start();
    try {
      run(
          FLOOD,
          () -> {
            Api.Reply reply = request.get();
            (reply.status() == 429 ? flood.refused : flood.served).add(reply);
          });
    } finally {
      running.set(false);
      bystander.join();
    }
    return flood;
  }

  private static void run(int count, Runnable request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(pool.submit(request));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
