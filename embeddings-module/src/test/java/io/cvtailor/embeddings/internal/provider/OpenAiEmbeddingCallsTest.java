package io.cvtailor.embeddings.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The guards themselves are run by the container's Fault Tolerance implementation (ProviderFaultsIT
 * drives them in Payara); this pins their intent so an edit cannot silently change it, and shows
 * that the guarded call carries the provider's HTTP exchange through unchanged.
 */
class OpenAiEmbeddingCallsTest {
  private static final int DIMS = 4;

  /**
   * The provider's request goes through {@link OpenAiEmbeddingCalls#call} to a stand-in server and
   * its reply comes back: the server saw the inputs, the model and the key, and the vectors are the
   * ones it sent (a guard that dropped, replaced or repeated the exchange fails here).
   */
  @Test
  void runsTheExchange() throws Exception {
    try (FakeOpenAiServer server = new FakeOpenAiServer(DIMS)) {
      Map<String, String> config =
          Map.of(
              "openai.base-url", server.baseUrl(),
              "openai.api-key", "calls-key",
              "embedding.model", "fake-embedder",
              "embedding.dimensions", String.valueOf(DIMS),
              "openai.timeout-ms", "5000");
      OpenAiSettings settings = OpenAiSettings.from(key -> Optional.ofNullable(config.get(key)));
      FakeTime time = new FakeTime();
      RetryPolicy once =
          new RetryPolicy(
              1,
              Duration.ofMillis(500),
              Duration.ofSeconds(8),
              Duration.ofSeconds(30),
              Duration.ofSeconds(60),
              time,
              time,
              () -> 0.5);
      OpenAiEmbeddingCalls calls = new OpenAiEmbeddingCalls();
      OpenAiEmbeddingProvider provider =
          new OpenAiEmbeddingProvider(
              settings, OpenAiEmbeddingProvider.httpClient(settings), once, calls::call);

      List<String> inputs = List.of("Ran Kafka consumers for billing", "Built the ledger");
      List<float[]> vectors = provider.embed(inputs);

      assertThat(server.requests).hasSize(1);
      FakeOpenAiServer.Received request = server.requests.get(0);
      assertThat(request.inputs()).containsExactlyElementsOf(inputs);
      assertThat(request.body().path("model").asText()).isEqualTo("fake-embedder");
      assertThat(request.authorization()).isEqualTo("Bearer calls-key");
      assertThat(vectors).hasSize(2);
      assertThat(vectors.get(0)).containsExactly(FakeOpenAiServer.vectorFor(inputs.get(0), DIMS));
      assertThat(vectors.get(1)).containsExactly(FakeOpenAiServer.vectorFor(inputs.get(1), DIMS));
    }
  }

  @Test
  void guardsEveryCallButLeavesRetryingToRetryPolicy() throws Exception {
    Method call = OpenAiEmbeddingCalls.class.getMethod("call", Supplier.class);

    assertThat(call.getAnnotation(Bulkhead.class).value()).isPositive();
    assertThat(call.getAnnotation(Timeout.class)).isNotNull();
    assertThat(call.getAnnotation(Retry.class)).isNull();
    assertThat(OpenAiEmbeddingCalls.class.getAnnotation(Retry.class)).isNull();
    CircuitBreaker breaker = call.getAnnotation(CircuitBreaker.class);
    // only transient failures open the circuit: a 400 says nothing about the API's health
    assertThat(breaker.failOn())
        .containsExactlyInAnyOrder(TransientEmbeddingException.class, TimeoutException.class);
  }
}
