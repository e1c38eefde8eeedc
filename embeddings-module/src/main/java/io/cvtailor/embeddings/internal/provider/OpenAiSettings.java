package io.cvtailor.embeddings.internal.provider;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Configuration of {@link OpenAiEmbeddingProvider}, read from MicroProfile Config keys (environment
 * variables such as {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL} map onto them by MP Config's
 * own rules):
 *
 * <ul>
 *   <li>{@code embedding.model} - default {@code text-embedding-3-small};
 *   <li>{@code embedding.dimensions} - required for models this class does not know; for {@code
 *       text-embedding-3-*} a value below the native size (1536 small, 3072 large) is sent as the
 *       API's {@code dimensions} parameter and becomes part of the model id ({@code
 *       text-embedding-3-large@1024}), so vectors of different shapes are never mixed;
 *   <li>{@code openai.api-key} - required for api.openai.com, optional for local compatible servers
 *       (Ollama, vLLM, LM Studio);
 *   <li>{@code openai.base-url} - default {@code https://api.openai.com/v1};
 *   <li>{@code embedding.price-per-million-tokens} - US dollars; defaults 0.02 small, 0.13 large,
 *       0.10 ada-002, otherwise 0;
 *   <li>{@code openai.timeout-ms} - per request, default 30000;
 *   <li>{@code embedding.max-input-tokens} - default 8191;
 *   <li>{@code embedding.batch-size} - inputs per request, default 256 (the API takes up to 2048).
 * </ul>
 */
public record OpenAiSettings(
    String model,
    int dimensions,
    boolean sendDimensions,
    URI baseUrl,
    Optional<String> apiKey,
    BigDecimal pricePerMillionTokens,
    Duration timeout,
    int maxInputTokens,
    int batchSize) {

  public static final String DEFAULT_MODEL = "text-embedding-3-small";
  public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
  static final int MAX_BATCH_SIZE = 2048;

  private record KnownModel(int dimensions, boolean reducible, BigDecimal pricePerMillion) {}

  private static final Map<String, KnownModel> KNOWN_MODELS =
      Map.of(
          "text-embedding-3-small", new KnownModel(1536, true, new BigDecimal("0.02")),
          "text-embedding-3-large", new KnownModel(3072, true, new BigDecimal("0.13")),
          "text-embedding-ada-002", new KnownModel(1536, false, new BigDecimal("0.10")));

  /**
   * Reads and checks the settings.
   *
   * @param config a config key to its value, e.g. {@code key -> config.getOptionalValue(key,
   *     String.class)}
   * @throws IllegalStateException naming the key when a value is missing or invalid
   */
  public static OpenAiSettings from(Function<String, Optional<String>> config) {
    Function<String, Optional<String>> read =
        key -> config.apply(key).map(String::strip).filter(value -> !value.isEmpty());
    String model = read.apply("embedding.model").orElse(DEFAULT_MODEL);
    KnownModel known = KNOWN_MODELS.get(model);
    Optional<Integer> configuredDimensions =
        read.apply("embedding.dimensions").map(v -> positiveInt("embedding.dimensions", v));
    int dimensions;
    boolean sendDimensions;
    if (known == null) {
      dimensions =
          configuredDimensions.orElseThrow(
              () ->
                  new IllegalStateException(
                      "embedding.dimensions is required for model '"
                          + model
                          + "': set it to the length of the vectors the model returns"));
      sendDimensions = false;
    } else {
      dimensions = configuredDimensions.orElse(known.dimensions());
      if (dimensions > known.dimensions()
          || (!known.reducible() && dimensions != known.dimensions())) {
        throw new IllegalStateException(
            "embedding.dimensions="
                + dimensions
                + " is not possible for "
                + model
                + (known.reducible()
                    ? ": it returns at most " + known.dimensions()
                    : ": it always returns " + known.dimensions()));
      }
      sendDimensions = dimensions < known.dimensions();
    }
    URI baseUrl = baseUrl(read.apply("openai.base-url").orElse(DEFAULT_BASE_URL));
    Optional<String> apiKey = read.apply("openai.api-key");
    if (apiKey.isEmpty() && "api.openai.com".equalsIgnoreCase(baseUrl.getHost())) {
      throw new IllegalStateException(
          "openai.api-key (environment variable OPENAI_API_KEY) is required for " + baseUrl);
    }
    BigDecimal price =
        read.apply("embedding.price-per-million-tokens")
            .map(v -> price("embedding.price-per-million-tokens", v))
            .orElse(known == null ? BigDecimal.ZERO : known.pricePerMillion());
    Duration timeout =
        Duration.ofMillis(
            read.apply("openai.timeout-ms")
                .map(v -> positiveInt("openai.timeout-ms", v))
                .orElse(30_000));
    int maxInputTokens =
        read.apply("embedding.max-input-tokens")
            .map(v -> positiveInt("embedding.max-input-tokens", v))
            .orElse(8191);
    int batchSize =
        read.apply("embedding.batch-size")
            .map(v -> positiveInt("embedding.batch-size", v))
            .orElse(256);
    if (batchSize > MAX_BATCH_SIZE) {
      throw new IllegalStateException(
          "embedding.batch-size=" + batchSize + " is above the API's " + MAX_BATCH_SIZE);
    }
    return new OpenAiSettings(
        model,
        dimensions,
        sendDimensions,
        baseUrl,
        apiKey,
        price,
        timeout,
        maxInputTokens,
        batchSize);
  }

  /** The id stored with every vector: the model, plus {@code @dims} when reduced dimensions. */
  public String modelId() {
    return sendDimensions ? model + "@" + dimensions : model;
  }

  public URI embeddingsUri() {
    return URI.create(baseUrl + "/embeddings");
  }

  /** Never prints the API key. */
  @Override
  public String toString() {
    return "OpenAiSettings[modelId="
        + modelId()
        + ", dimensions="
        + dimensions
        + ", baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey.isPresent() ? "(set)" : "(none)")
        + ", pricePerMillionTokens="
        + pricePerMillionTokens
        + ", timeout="
        + timeout
        + ", maxInputTokens="
        + maxInputTokens
        + ", batchSize="
        + batchSize
        + "]";
  }

  private static URI baseUrl(String value) {
    String trimmed = value.replaceAll("/+$", "");
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("openai.base-url '" + value + "' is not a URL", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalStateException(
          "openai.base-url '" + value + "' must be an http(s) URL such as " + DEFAULT_BASE_URL);
    }
    return uri;
  }

  private static int positiveInt(String key, String value) {
    try {
      int parsed = Integer.parseInt(value);
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalStateException(key + "='" + value + "' must be a positive whole number");
  }

  private static BigDecimal price(String key, String value) {
    try {
      BigDecimal parsed = new BigDecimal(value);
      if (parsed.signum() >= 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalStateException(key + "='" + value + "' must be a non-negative number");
  }
}
