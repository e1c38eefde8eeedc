package io.cvtailor.embeddings.internal.provider;

import io.cvtailor.embeddings.EmbeddingException;
import io.cvtailor.embeddings.EmbeddingProvider;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * Embeddings from any OpenAI-compatible {@code POST /v1/embeddings} endpoint (OpenAI, Azure-style
 * proxies, Ollama, vLLM, LM Studio). This class checks the inputs and puts the parts together, each
 * with one reason to change:
 *
 * <ul>
 *   <li>{@link OpenAiTokens}: token counts (cl100k exactly for OpenAI's models, else an estimate);
 *   <li>{@link RequestBatches}: at most {@link OpenAiSettings#batchSize()} inputs and {@value
 *       #MAX_TOKENS_PER_REQUEST} tokens per request;
 *   <li>{@link OpenAiJson}: the request body, and the response's vectors checked and in order;
 *   <li>{@link OpenAiTransport}: one HTTP exchange through the Fault Tolerance guards of {@link
 *       OpenAiEmbeddingCalls}, with its timeout;
 *   <li>{@link OpenAiStatus}: what a status means (2xx, transient with Retry-After, permanent);
 *   <li>{@link RetryPolicy}: retrying the transient failures of each request.
 * </ul>
 *
 * <p>Errors: 429 (except {@code insufficient_quota}), 408, 5xx, timeouts and I/O errors are {@link
 * TransientEmbeddingException}s (retried here, then retryable for the job queue); an unreadable
 * body is retryable for the queue only; any other 4xx and a well-formed but wrong response are not
 * retryable.
 */
public final class OpenAiEmbeddingProvider implements EmbeddingProvider {
  /** Runs one HTTP exchange; in the container, {@link OpenAiEmbeddingCalls#call}. */
  @FunctionalInterface
  public interface CallGuard {
    String call(Supplier<String> exchange);
  }

  /** Tokens per request; the API takes 300k, this leaves room for an estimated count. */
  static final int MAX_TOKENS_PER_REQUEST = 250_000;

  private final OpenAiSettings settings;
  private final OpenAiTransport transport;
  private final RetryPolicy retryPolicy;
  private final ToIntFunction<String> tokens;

  /** Without Fault Tolerance guards: for tests and use outside the container. */
  public OpenAiEmbeddingProvider(
      OpenAiSettings settings, HttpClient client, RetryPolicy retryPolicy) {
    this(settings, client, retryPolicy, Supplier::get);
  }

  public OpenAiEmbeddingProvider(
      OpenAiSettings settings, HttpClient client, RetryPolicy retryPolicy, CallGuard guard) {
    this.settings = settings;
    this.transport = new OpenAiTransport(settings, client, guard);
    this.retryPolicy = retryPolicy;
    this.tokens = OpenAiTokens.forModel(settings.model());
  }

  /** The HTTP client the application uses: connects within the request timeout. */
  public static HttpClient httpClient(OpenAiSettings settings) {
    return OpenAiTransport.httpClient(settings);
  }

  @Override
  public String modelId() {
    return settings.modelId();
  }

  @Override
  public int dimensions() {
    return settings.dimensions();
  }

  @Override
  public int maxInputTokens() {
    return settings.maxInputTokens();
  }

  @Override
  public BigDecimal pricePerToken() {
    return settings.pricePerMillionTokens().movePointLeft(6);
  }

  /** See {@link OpenAiTokens}: exact for OpenAI's models, an estimate that errs high otherwise. */
  @Override
  public int countTokens(String text) {
    return tokens.applyAsInt(text);
  }

  @Override
  public List<float[]> embed(List<String> inputs) {
    int[] counts = new int[inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      String text = inputs.get(i);
      if (text == null || text.isBlank()) {
        throw new EmbeddingException("input " + i + " is blank", false);
      }
      counts[i] = countTokens(text);
      if (counts[i] > settings.maxInputTokens()) {
        throw new EmbeddingException(
            "input "
                + i
                + " has about "
                + counts[i]
                + " tokens; "
                + modelId()
                + " takes "
                + settings.maxInputTokens(),
            false);
      }
    }
    List<float[]> vectors = new ArrayList<>(inputs.size());
    for (RequestBatches.Range range :
        RequestBatches.of(counts, settings.batchSize(), MAX_TOKENS_PER_REQUEST)) {
      List<String> batch = inputs.subList(range.from(), range.to());
      HttpRequest request = transport.request(OpenAiJson.request(settings, batch));
      String body = retryPolicy.run(() -> transport.send(request));
      vectors.addAll(OpenAiJson.vectors(settings, body, batch.size()));
    }
    return vectors;
  }
}
