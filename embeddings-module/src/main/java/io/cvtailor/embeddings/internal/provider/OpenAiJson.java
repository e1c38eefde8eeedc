package io.cvtailor.embeddings.internal.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.embeddings.EmbeddingException;
import java.util.List;

/**
 * The JSON of {@code POST /v1/embeddings}: the request body, and the vectors of a response, checked
 * (one finite vector of the configured size per input) and put back in input order by {@code
 * index}. A well-formed but wrong response is a permanent failure; an unreadable body may not recur
 * (a proxy's error page, a cut-off body) and is retryable by the job queue.
 */
final class OpenAiJson {
  // NaN and Infinity are read so that they are rejected by name instead of as unreadable JSON.
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private OpenAiJson() {}

  static String request(OpenAiSettings settings, List<String> batch) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", settings.model());
    ArrayNode input = body.putArray("input");
    batch.forEach(input::add);
    if (settings.sendDimensions()) {
      body.put("dimensions", settings.dimensions());
    }
    body.put("encoding_format", "float");
    return body.toString();
  }

  /** The vectors of a 2xx body, checked and in input order. */
  static List<float[]> vectors(OpenAiSettings settings, String body, int expected) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
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
      vectors[index] = vector(settings, item.path("embedding"), index);
    }
    return List.of(vectors);
  }

  private static float[] vector(OpenAiSettings settings, JsonNode embedding, int index) {
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
              + settings.modelId()
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
}
