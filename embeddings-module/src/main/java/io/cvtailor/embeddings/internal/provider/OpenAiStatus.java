package io.cvtailor.embeddings.internal.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.embeddings.EmbeddingException;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What an embeddings API's HTTP status means for the caller: 2xx is the body; 429 (except {@code
 * insufficient_quota}), 408 and 5xx are {@link TransientEmbeddingException}s carrying the server's
 * Retry-After; any other status is a permanent {@link EmbeddingException}. The error text of the
 * body is quoted, shortened.
 */
final class OpenAiStatus {
  private static final int MAX_ERROR_TEXT = 300;

  private OpenAiStatus() {}

  /** The body of a 2xx response; otherwise throws what the status means. */
  static String bodyOf(HttpResponse<String> response) {
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

  /** The {@code error} object of an OpenAI error body, or the start of a non-JSON body. */
  private record ApiError(String text, String code) {
    static ApiError of(String body) {
      if (body == null || body.isBlank()) {
        return new ApiError("", "");
      }
      try {
        JsonNode error = OpenAiJson.MAPPER.readTree(body).path("error");
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
