package io.cvtailor.embeddings.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.cvtailor.embeddings.EmbeddingException;
import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiEmbeddingProviderTest {
  private static final int DIMS = 8;
  private static final String OK_ERROR = "{\"error\":{\"message\":\"%s\",\"code\":\"%s\"}}";

  private FakeOpenAiServer server;
  private FakeTime time;
  private final Map<String, String> config = new HashMap<>();

  @BeforeEach
  void startServer() throws Exception {
    server = new FakeOpenAiServer(DIMS);
    time = new FakeTime();
    config.put("openai.base-url", server.baseUrl());
    config.put("openai.api-key", "test-key");
    config.put("embedding.model", "fake-embedder");
    config.put("embedding.dimensions", String.valueOf(DIMS));
    config.put("openai.timeout-ms", "5000");
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private RetryPolicy policy(int maxAttempts) {
    return new RetryPolicy(
        maxAttempts,
        Duration.ofMillis(500),
        Duration.ofSeconds(8),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        time,
        time,
        () -> 0.5);
  }

  private OpenAiEmbeddingProvider provider() {
    return provider(policy(4));
  }

  private OpenAiEmbeddingProvider provider(RetryPolicy policy) {
    return provider(policy, exchange -> exchange.get());
  }

  private OpenAiEmbeddingProvider provider(
      RetryPolicy policy, OpenAiEmbeddingProvider.CallGuard guard) {
    OpenAiSettings settings = OpenAiSettings.from(key -> Optional.ofNullable(config.get(key)));
    return new OpenAiEmbeddingProvider(
        settings, OpenAiEmbeddingProvider.httpClient(settings), policy, guard);
  }

  private static List<String> texts(int count) {
    return IntStream.range(0, count).mapToObj(i -> "text number " + i).toList();
  }

  @Test
  void batchesInputsAndRestoresTheirOrderByIndex() {
    config.put("embedding.batch-size", "4");
    List<String> inputs = texts(10);

    List<float[]> vectors = provider().embed(inputs);

    assertThat(server.requests).hasSize(3);
    assertThat(server.requests.stream().map(r -> r.inputs().size())).containsExactly(4, 4, 2);
    assertThat(server.requests.stream().flatMap(r -> r.inputs().stream()))
        .containsExactlyElementsOf(inputs);
    assertThat(vectors).hasSize(10);
    for (int i = 0; i < inputs.size(); i++) {
      assertThat(vectors.get(i)).containsExactly(FakeOpenAiServer.vectorFor(inputs.get(i), DIMS));
    }
    FakeOpenAiServer.Received first = server.requests.get(0);
    assertThat(first.body().path("model").asText()).isEqualTo("fake-embedder");
    assertThat(first.body().path("encoding_format").asText()).isEqualTo("float");
    assertThat(first.body().has("dimensions")).isFalse();
    assertThat(first.authorization()).isEqualTo("Bearer test-key");
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void capsTheEstimatedTokensOfOneRequest() {
    OpenAiEmbeddingProvider provider = provider();
    List<String> inputs =
        IntStream.range(0, 40).mapToObj(i -> i + " " + "abcde ".repeat(4000)).toList();
    int tokens = provider.countTokens(inputs.get(10));
    assertThat(tokens).isLessThanOrEqualTo(provider.maxInputTokens());
    int perRequest = OpenAiEmbeddingProvider.MAX_TOKENS_PER_REQUEST / tokens;

    assertThat(provider.embed(inputs)).hasSize(40);

    assertThat(server.requests.stream().map(r -> r.inputs().size()))
        .containsExactly(perRequest, 40 - perRequest);
  }

  @Test
  void sendsReducedDimensionsAndNamesThemInTheModelId() {
    config.put("embedding.model", "text-embedding-3-large");
    config.put("embedding.dimensions", "1024");
    OpenAiEmbeddingProvider provider = provider();

    List<float[]> vectors = provider.embed(List.of("a", "b"));

    assertThat(provider.modelId()).isEqualTo("text-embedding-3-large@1024");
    assertThat(provider.dimensions()).isEqualTo(1024);
    assertThat(server.requests)
        .singleElement()
        .satisfies(r -> assertThat(r.body().path("dimensions").asInt()).isEqualTo(1024));
    assertThat(vectors).allSatisfy(v -> assertThat(v).hasSize(1024));
  }

  @Test
  void retriesA429AfterTheRetryAfterTheServerAskedFor() {
    server.then(
        429, OK_ERROR.formatted("Rate limit reached", "rate_limit_exceeded"), "Retry-After", "7");

    List<float[]> vectors = provider().embed(List.of("one"));

    assertThat(vectors).hasSize(1);
    assertThat(server.requests).hasSize(2);
    assertThat(time.sleeps)
        .singleElement()
        .satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
  }

  @Test
  void retriesA500WithExponentialBackoff() {
    server.then(500, "{\"error\":{\"message\":\"boom\"}}").then(503, "");

    assertThat(provider().embed(List.of("one"))).hasSize(1);

    assertThat(server.requests).hasSize(3);
    // 0.5 s then 1 s, each plus 12.5 % jitter (random fixed at 0.5)
    assertThat(time.sleeps).containsExactly(Duration.ofMillis(563), Duration.ofMillis(1125));
  }

  @Test
  void givesUpOnAPersistent500AfterTheAttemptsRetryably() {
    for (int i = 0; i < 10; i++) {
      server.then(500, "{\"error\":{\"message\":\"The server had an error\"}}");
    }

    EmbeddingException failure =
        catchThrowableOfType(EmbeddingException.class, () -> provider().embed(List.of("one")));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure)
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("The server had an error")
        .hasMessageContaining("gave up after 4 attempts");
    assertThat(server.requests).hasSize(4);
    assertThat(time.sleeps).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 404, 422})
  void doesNotRetryAClientError(int status) {
    server.then(
        status, OK_ERROR.formatted("This model's maximum context length is 8192 tokens", "bad"));

    EmbeddingException failure =
        catchThrowableOfType(EmbeddingException.class, () -> provider().embed(List.of("one")));

    assertThat(failure.retryable()).isFalse();
    assertThat(failure)
        .hasMessageContaining("HTTP " + status)
        .hasMessageContaining("maximum context length");
    assertThat(server.requests).hasSize(1);
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void doesNotRetryAnExhaustedQuota() {
    server.then(429, OK_ERROR.formatted("You exceeded your current quota", "insufficient_quota"));

    EmbeddingException failure =
        catchThrowableOfType(EmbeddingException.class, () -> provider().embed(List.of("one")));

    assertThat(failure.retryable()).isFalse();
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void aSlowServerTimesOutRetryably() {
    config.put("openai.timeout-ms", "300");
    server.thenHang().thenHang();
    long started = System.nanoTime();

    EmbeddingException failure =
        catchThrowableOfType(
            EmbeddingException.class, () -> provider(policy(2)).embed(List.of("one")));

    assertThat(failure.retryable()).isTrue();
    assertThat(failure)
        .hasMessageContaining("within 300 ms")
        .hasMessageContaining("gave up after 2 attempts");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(server.requests).hasSize(2);
  }

  @Test
  void anUnreachableServerIsRetryable() {
    config.put("openai.base-url", "http://127.0.0.1:1/v1");

    EmbeddingException failure =
        catchThrowableOfType(
            EmbeddingException.class, () -> provider(policy(2)).embed(List.of("one")));

    assertThat(failure.retryable()).isTrue();
    assertThat(time.sleeps).hasSize(1);
  }

  @Test
  void invalidJsonIsRetryableLaterButNotRetriedAtOnce() {
    server.then(200, "{\"data\": [ {\"index\": 0, \"embedd");

    EmbeddingException failure =
        catchThrowableOfType(EmbeddingException.class, () -> provider().embed(List.of("one")));

    assertThat(failure).hasMessageContaining("invalid JSON");
    assertThat(failure.retryable()).isTrue();
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void rejectsAVectorOfTheWrongSize() {
    server.then(200, "{\"data\":[{\"index\":0,\"embedding\":[0.1,0.2,0.3]}]}");

    assertThatThrownBy(() -> provider().embed(List.of("one")))
        .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("3 dimensions");
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e400", "\"0.5\"", "null"})
  void rejectsNonFiniteOrNonNumericValues(String value) {
    server.then(
        200,
        "{\"data\":[{\"index\":0,\"embedding\":[0.1,0.2,0.3,0.4,0.5,0.6,0.7," + value + "]}]}");

    assertThatThrownBy(() -> provider().embed(List.of("one")))
        .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("embedding 0 has a non-");
  }

  @Test
  void rejectsMissingItems() {
    server.then(
        request -> {
          FakeOpenAiServer.Reply full = server.embeddings(request);
          String body =
              full.body().replaceFirst("\\{\"object\":\"embedding\",\"index\":1,[^}]*\\},", "");
          return new FakeOpenAiServer.Reply(200, full.headers(), body);
        });

    assertThatThrownBy(() -> provider().embed(List.of("one", "two", "three")))
        .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("2 embeddings for 3 inputs");
  }

  @Test
  void rejectsARepeatedIndex() {
    float[] v = FakeOpenAiServer.vectorFor("x", 2);
    config.put("embedding.dimensions", "2");
    String item = "{\"index\":0,\"embedding\":[" + v[0] + "," + v[1] + "]}";
    server.then(200, "{\"data\":[" + item + "," + item + "]}");

    assertThatThrownBy(() -> provider().embed(List.of("one", "two")))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("repeated index 0");
  }

  @Test
  void rejectsABodyWithoutData() {
    server.then(200, "{\"object\":\"list\"}");

    assertThatThrownBy(() -> provider().embed(List.of("one")))
        .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("no data array");
  }

  @Test
  void rejectsBlankAndTooLongInputsWithoutCallingTheApi() {
    config.put("embedding.max-input-tokens", "10");
    OpenAiEmbeddingProvider provider = provider();

    assertThatThrownBy(() -> provider.embed(List.of("fine", " ")))
        .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("input 1 is blank");
    assertThatThrownBy(() -> provider.embed(List.of("one two three four five six seven eight")))
        .isInstanceOfSatisfying(EmbeddingException.class, e -> assertThat(e.retryable()).isFalse())
        .hasMessageContaining("takes 10");
    assertThat(server.requests).isEmpty();
  }

  @Test
  void anOpenCircuitFailsRetryablyWithoutRetryingAtOnce() {
    AtomicInteger calls = new AtomicInteger();
    OpenAiEmbeddingProvider provider =
        provider(
            policy(4),
            exchange -> {
              calls.incrementAndGet();
              throw new CircuitBreakerOpenException("open");
            });

    EmbeddingException failure =
        catchThrowableOfType(EmbeddingException.class, () -> provider.embed(List.of("one")));

    assertThat(failure)
        .isNotInstanceOf(TransientEmbeddingException.class)
        .hasMessageContaining("circuit open");
    assertThat(failure.retryable()).isTrue();
    assertThat(calls).hasValue(1);
    assertThat(server.requests).isEmpty();
    assertThat(time.sleeps).isEmpty();
  }

  @Test
  void aFullBulkheadIsRetriedAfterABackoff() {
    AtomicInteger calls = new AtomicInteger();
    OpenAiEmbeddingProvider provider =
        provider(
            policy(4),
            exchange -> {
              if (calls.incrementAndGet() == 1) {
                throw new BulkheadException("full");
              }
              return exchange.get();
            });

    assertThat(provider.embed(List.of("one"))).hasSize(1);

    assertThat(calls).hasValue(2);
    assertThat(server.requests).hasSize(1);
    assertThat(time.sleeps).hasSize(1);
  }

  @Test
  void aGuardTimeoutIsRetried() {
    AtomicInteger calls = new AtomicInteger();
    OpenAiEmbeddingProvider provider =
        provider(
            policy(4),
            exchange -> {
              if (calls.incrementAndGet() == 1) {
                throw new org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException(
                    "slow");
              }
              return exchange.get();
            });

    assertThat(provider.embed(List.of("one"))).hasSize(1);
    assertThat(calls).hasValue(2);
  }

  @Test
  void readsRetryAfterInSecondsMillisecondsOrAsADate() {
    Instant now = Instant.parse("2025-01-01T00:00:00Z");

    assertThat(OpenAiStatus.retryAfter(headers("Retry-After", "7"), now))
        .contains(Duration.ofSeconds(7));
    assertThat(OpenAiStatus.retryAfter(headers("retry-after-ms", "1500", "Retry-After", "2"), now))
        .contains(Duration.ofMillis(1500));
    assertThat(
            OpenAiStatus.retryAfter(headers("Retry-After", "Wed, 01 Jan 2025 00:00:20 GMT"), now))
        .contains(Duration.ofSeconds(20));
    assertThat(OpenAiStatus.retryAfter(headers("Retry-After", "soon"), now)).isEmpty();
    assertThat(OpenAiStatus.retryAfter(headers("Retry-After", "-3"), now)).isEmpty();
    assertThat(OpenAiStatus.retryAfter(headers(), now)).isEmpty();
  }

  private static HttpHeaders headers(String... pairs) {
    Map<String, List<String>> map = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], List.of(pairs[i + 1]));
    }
    return HttpHeaders.of(map, (name, value) -> true);
  }

  @Test
  void estimatesTokensOnTheHighSide() {
    OpenAiEmbeddingProvider provider = provider();
    // cl100k: about 4 characters and 0.75 words per token in English, about 1 token per CJK
    // character
    String english =
        "Led the migration of a monolithic billing system to event-driven microservices on Kubernetes,"
            + " cutting release time from two weeks to one day.";
    int words = english.split("\\s+").length;
    assertThat(provider.countTokens(english))
        .isGreaterThanOrEqualTo((int) Math.ceil(english.length() / 3.0))
        .isGreaterThanOrEqualTo((int) Math.ceil(words * 1.5));
    assertThat(provider.countTokens("hello world")).isGreaterThanOrEqualTo(2);
    assertThat(provider.countTokens("软件工程师")).isGreaterThanOrEqualTo(5);
    assertThat(provider.countTokens("")).isZero();
  }

  @Test
  void pricesTokensFromTheConfiguredOrDefaultPrice() {
    config.put("embedding.model", "text-embedding-3-small");
    config.remove("embedding.dimensions");
    assertThat(provider().pricePerToken()).isEqualByComparingTo(new BigDecimal("0.00000002"));
    config.put("embedding.price-per-million-tokens", "1.5");
    assertThat(provider().pricePerToken()).isEqualByComparingTo(new BigDecimal("0.0000015"));
  }
}
