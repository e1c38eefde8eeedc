package io.cvtailor.embeddings.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The guards themselves are run by the container's Fault Tolerance implementation; this pins their
 * intent so an edit cannot silently change it.
 */
class OpenAiEmbeddingCallsTest {

  @Test
  void runsTheExchange() {
    assertThat(new OpenAiEmbeddingCalls().call(() -> "body")).isEqualTo("body");
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
