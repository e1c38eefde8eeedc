package io.cvtailor.embeddings.internal.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.embeddings.EmbeddingException;
import io.cvtailor.embeddings.EmbeddingProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * Embeddings from any OpenAI-compatible {@code POST /v1/embeddings} endpoint (OpenAI, Azure-style
 * proxies, Ollama, vLLM, LM Studio). Inputs are sent in batches of at most {@link
 * OpenAiSettings#batchSize()} inputs and about {@value #MAX_TOKENS_PER_REQUEST} estimated tokens;
 * each request goes through the {@link RetryPolicy} and, in the container, through the Fault
 * Tolerance guards of {@link OpenAiEmbeddingCalls}. Responses are checked: one finite vector of the
 * configured size per input, put back in input order by {@code index}.
 *
 * <p>Errors: 429 (except {@code insufficient_quota}), 408, 5xx, timeouts and I/O errors are {@link
 * TransientEmbeddingException}s (retried here, then retryable for the job queue); an unreadable
 * body is retryable for the queue only; any other 4xx and a well-formed but wrong response are not
 * retryable.
 *
 * <p>Token counts are an estimate: OpenAI's models use the cl100k tokenizer, which is not available
 * offline here. The estimate errs high (callers size chunks with it, and the API rejects inputs
 * over its limit): see {@link #countTokens(String)}.
 */
public final class OpenAiEmbeddingProvider implements EmbeddingProvider {
  /** Runs one HTTP exchange; in the container, {@link OpenAiEmbeddingCalls#call}. */
  @FunctionalInterface
  public interface CallGuard {
    String call(Supplier<String> exchange);
  }

  /** Total estimated tokens per request; the API takes 300k, the estimate errs high. */
  static final int MAX_TOKENS_PER_REQUEST = 250_000;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private static final int MAX_ERROR_TEXT = 300;

  private final OpenAiSettings settings;
  private final HttpClient client;
  private final RetryPolicy retryPolicy;
  private final CallGuard guard;

  /** Without Fault Tolerance guards: for tests and use outside the container. */
  public OpenAiEmbeddingProvider(
      OpenAiSettings settings, HttpClient client, RetryPolicy retryPolicy) {
    this(settings, client, retryPolicy, Supplier::get);
  }

  public OpenAiEmbeddingProvider(
      OpenAiSettings settings, HttpClient client, RetryPolicy retryPolicy, CallGuard guard) {
    this.settings = settings;
    this.client = client;
    this.retryPolicy = retryPolicy;
    this.guard = guard;
  }

  /** The HTTP client the application uses: connects within the request timeout. */
  public static HttpClient httpClient(OpenAiSettings settings) {
    return HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
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

  /**
   * A conservative estimate of cl100k tokens: the larger of (ASCII characters / 3, plus one per
   * other character) and (words * 1.5), rounded up. English averages about 4 characters and 0.75
   * words per cl100k token, and CJK about one token per character, so real counts are lower.
   */
  @Override
  public int countTokens(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    long ascii = text.chars().filter(c -> c < 0x80).count();
    long other = text.codePoints().filter(c -> c >= 0x80).count();
    long words = text.strip().isEmpty() ? 0 : text.strip().split("\\s+").length;
    long byCharacters = (ascii + 2) / 3 + other;
    long byWords = (words * 3 + 1) / 2;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(byCharacters, byWords));
  }

  @Override
  public List<float[]> embed(List<String> inputs) {
    int[] tokens = new int[inputs.size()];
    for (int i = 0; i < inputs.size(); i++) {
      String text = inputs.get(i);
      if (text == null || text.isBlank()) {
        throw new EmbeddingException("input " + i + " is blank", false);
      }
      tokens[i] = countTokens(text);
      if (tokens[i] > settings.maxInputTokens()) {
        throw new EmbeddingException(
            "input "
                + i
                + " has about "
                + tokens[i]
                + " tokens; "
                + modelId()
                + " takes "
                + settings.maxInputTokens(),
            false);
      }
    }
    List<float[]> vectors = new ArrayList<>(inputs.size());
    int from = 0;
    while (from < inputs.size()) {
      int to = from;
      long batchTokens = 0;
      while (to < inputs.size()
          && to - from < settings.batchSize()
          && (to == from || batchTokens + tokens[to] <= MAX_TOKENS_PER_REQUEST)) {
        batchTokens += tokens[to];
        to++;
      }
      vectors.addAll(embedBatch(inputs.subList(from, to)));
      from = to;
    }
    return vectors;
  }

  private List<float[]> embedBatch(List<String> batch) {
    HttpRequest request = request(batch);
    String body = retryPolicy.run(() -> guarded(request));
    return parse(body, batch.size());
  }

  private HttpRequest request(List<String> batch) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", settings.model());
    ArrayNode input = body.putArray("input");
    batch.forEach(input::add);
    if (settings.sendDimensions()) {
      body.put("dimensions", settings.dimensions());
    }
    body.put("encoding_format", "float");
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(settings.embeddingsUri())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    settings.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
    return builder.build();
  }

  /** One attempt through the guards, with their refusals turned into embedding exceptions. */
  private String guarded(HttpRequest request) {
    try {
      return guard.call(() -> exchange(request));
    } catch (CircuitBreakerOpenException e) {
      // Retrying at once would only hit the open circuit again: leave it to the job queue.
      throw new EmbeddingException(
          "the embeddings API failed repeatedly; calls are paused (circuit open)", true, e);
    } catch (BulkheadException e) {
      throw new TransientEmbeddingException("too many concurrent embedding requests", e);
    } catch (org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException e) {
      throw new TransientEmbeddingException("the embeddings API did not answer in time", e);
    }
  }

  /** Sends one request and returns the body of a 2xx response, or throws. */
  private String exchange(HttpRequest request) {
    CompletableFuture<HttpResponse<String>> pending =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response;
    try {
      // The request timeout covers only the wait for the headers; this bounds the whole exchange.
      response = pending.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timedOut(e);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new EmbeddingException("interrupted while calling the embeddings API", true, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw timedOut(cause);
      }
      if (cause instanceof IOException) {
        throw new TransientEmbeddingException(
            "calling " + settings.embeddingsUri() + " failed: " + cause, cause);
      }
      throw new EmbeddingException(
          "calling " + settings.embeddingsUri() + " failed: " + cause, false, cause);
    }
    return checkStatus(response);
  }

  private TransientEmbeddingException timedOut(Throwable cause) {
    return new TransientEmbeddingException(
        "no answer from "
            + settings.embeddingsUri()
            + " within "
            + settings.timeout().toMillis()
            + " ms",
        cause);
  }

  private String checkStatus(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    ApiError error = ApiError.of(response.body());
    String message =
        "the embeddings API answered HTTP "
            + status
            + (error.text().isEmpty() ? "" : ": " + error.text());
    if (status == 429 && "insufficient_quota".equals(error.code())) {
      throw new EmbeddingException(message, false); // billing, not rate: waiting won't help
    }
    if (status == 429 || status == 408 || status >= 500) {
      Duration retryAfter = retryAfter(response.headers(), Instant.now()).orElse(null);
      throw new TransientEmbeddingException(message, retryAfter, null);
    }
    throw new EmbeddingException(message, false);
  }

  /**
   * The wait the server asked for: OpenAI's {@code retry-after-ms}, else {@code Retry-After} in
   * seconds or as an HTTP date. Absent, negative or unreadable values are ignored.
   */
  static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
    Optional<String> millis = headers.firstValue("retry-after-ms");
    if (millis.isPresent()) {
      try {
        double value = Double.parseDouble(millis.get().strip());
        if (value >= 0 && Double.isFinite(value)) {
          return Optional.of(Duration.ofMillis((long) Math.ceil(value)));
        }
      } catch (NumberFormatException e) {
        // fall back to Retry-After
      }
    }
    Optional<String> header = headers.firstValue("retry-after").map(String::strip);
    if (header.isEmpty()) {
      return Optional.empty();
    }
    try {
      double seconds = Double.parseDouble(header.get());
      return seconds >= 0 && Double.isFinite(seconds)
          ? Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)))
          : Optional.empty();
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at =
            ZonedDateTime.parse(header.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  /** The vectors of a 2xx body, checked and in input order. */
  private List<float[]> parse(String body, int expected) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      // A cut-off or non-JSON body (a proxy's error page) may not recur: retryable, by the queue.
      throw new EmbeddingException("the embeddings API answered with invalid JSON", true, e);
    }
    if (root == null || root.isMissingNode()) {
      throw new EmbeddingException("the embeddings API answered with an empty body", true);
    }
    JsonNode data = root.path("data");
    if (!data.isArray()) {
      throw malformed("has no data array");
    }
    if (data.size() != expected) {
      throw malformed("has " + data.size() + " embeddings for " + expected + " inputs");
    }
    float[][] vectors = new float[expected][];
    for (JsonNode item : data) {
      JsonNode indexNode = item.path("index");
      if (!indexNode.canConvertToInt() || !indexNode.isIntegralNumber()) {
        throw malformed("has an item without an integer index");
      }
      int index = indexNode.intValue();
      if (index < 0 || index >= expected || vectors[index] != null) {
        throw malformed(
            "has a missing or repeated index " + index + " for " + expected + " inputs");
      }
      vectors[index] = vector(item.path("embedding"), index);
    }
    return List.of(vectors);
  }

  private float[] vector(JsonNode embedding, int index) {
    if (!embedding.isArray()) {
      throw malformed("embedding " + index + " is not an array of numbers");
    }
    if (embedding.size() != settings.dimensions()) {
      throw malformed(
          "embedding "
              + index
              + " has "
              + embedding.size()
              + " dimensions; "
              + modelId()
              + " is configured for "
              + settings.dimensions());
    }
    float[] vector = new float[embedding.size()];
    for (int d = 0; d < vector.length; d++) {
      JsonNode value = embedding.get(d);
      if (!value.isNumber()) {
        throw malformed("embedding " + index + " has a non-number at " + d + ": " + value);
      }
      vector[d] = (float) value.doubleValue();
      if (!Float.isFinite(vector[d])) {
        throw malformed("embedding " + index + " has a non-finite value at " + d + ": " + value);
      }
    }
    return vector;
  }

  private static EmbeddingException malformed(String problem) {
    return new EmbeddingException("the embeddings API response " + problem, false);
  }

  /** The {@code error} object of an OpenAI error body, or the start of a non-JSON body. */
  private record ApiError(String text, String code) {
    static ApiError of(String body) {
      if (body == null || body.isBlank()) {
        return new ApiError("", "");
      }
      try {
        JsonNode error = JSON.readTree(body).path("error");
        if (error.isObject()) {
          return new ApiError(
              shorten(error.path("message").asText("")), error.path("code").asText(""));
        }
        if (error.isTextual()) {
          return new ApiError(shorten(error.asText()), "");
        }
      } catch (JacksonException e) {
        // not JSON: show the start of the body
      }
      return new ApiError(shorten(body.strip()), "");
    }

    private static String shorten(String text) {
      return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "...";
    }
  }
}
