package io.cvtailor.embeddings.internal.provider;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The MicroProfile Fault Tolerance guards around every HTTP request {@link OpenAiEmbeddingProvider}
 * makes in the container (FT annotations work only on CDI beans, so they live on this small bean
 * and not on the plain provider):
 *
 * <ul>
 *   <li>{@code @Bulkhead}: at most 4 requests in flight; a refused call is a {@link
 *       TransientEmbeddingException} that {@link RetryPolicy} retries after a backoff;
 *   <li>{@code @CircuitBreaker}: when half of the last 10 requests failed transiently (429, 5xx,
 *       timeout, I/O), calls stop for 30 s instead of piling onto a struggling API; client errors
 *       (400, 401) do not count. An open circuit fails at once, retryable by the job queue;
 *   <li>{@code @Timeout}: a backstop over the whole call; the provider itself enforces {@code
 *       openai.timeout-ms} on each exchange, which unit tests cover.
 * </ul>
 *
 * Retrying is not here: it needs the server's {@code Retry-After}, which {@code @Retry} cannot
 * honour, so it is {@link RetryPolicy}, and each of its attempts passes through these guards. The
 * values can be changed with the standard FT config keys, e.g. {@code
 * io.cvtailor.embeddings.internal.provider.OpenAiEmbeddingCalls/call/Bulkhead/value=8}.
 */
@ApplicationScoped
public class OpenAiEmbeddingCalls {

  @Bulkhead(4)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      failureRatio = 0.5,
      delay = 30,
      delayUnit = ChronoUnit.SECONDS,
      successThreshold = 2,
      failOn = {TransientEmbeddingException.class, TimeoutException.class})
  @Timeout(value = 120, unit = ChronoUnit.SECONDS)
  public String call(Supplier<String> exchange) {
    return exchange.get();
  }
}
