package io.cvtailor.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cvtailor.kernel.FieldError;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON for the whole API (Jersey's Jackson feature, JSON-B switched off): snake_case fields,
 * ISO-8601 times, strict numbers (a string is not a number, a float is not an integer) and unknown
 * fields ignored; numbers and booleans are not text either.
 */
@Provider
public class JsonMapping implements ContextResolver<ObjectMapper> {
  /**
   * Limits on any JSON document, checked by the parser while it reads: a 16 MiB import of tiny
   * values would otherwise become millions of tree nodes (hundreds of MB of heap) before any field
   * is validated, and one huge string is read whole before its field's length is checked. A 1 MiB
   * body has at most about 520,000 tokens; no field may hold more than 100,000 characters.
   */
  static final int MAX_TOKENS = 1_000_000;

  static final int MAX_STRING_CHARS = 1_048_576;
  static final int MAX_NESTING = 100;

  public static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxTokenCount(MAX_TOKENS)
                          .maxStringLength(MAX_STRING_CHARS)
                          .maxNestingDepth(MAX_NESTING)
                          .build())
                  .build())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .addModule(new JavaTimeModule())
          // arrays with @Size(max) are counted while read (a million elements are never built)
          .addModule(BoundedCollections.module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // ALLOW_COERCION_OF_SCALARS does not cover text: without this {"title": 5} reads as "5"
          .withCoercionConfig(
              LogicalType.Textual,
              text ->
                  text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
          .serializationInclusion(JsonInclude.Include.ALWAYS)
          // query_embedding carries 384-1536 numbers: FastDoubleParser reads them several times
          // faster than the JDK's parser (same values).
          .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
          .build();

  /** The field error for a document over one of the parser's limits. */
  static FieldError constraintError(StreamConstraintsException e) {
    String text = String.valueOf(e.getMessage());
    String message;
    if (text.contains("Token count")) {
      message = "must have at most " + MAX_TOKENS + " JSON tokens (values, names, brackets)";
    } else if (text.contains("String value length")) {
      message = "must not hold a string longer than " + MAX_STRING_CHARS + " characters";
    } else if (text.contains("nesting depth")) {
      message = "must not nest arrays and objects deeper than " + MAX_NESTING + " levels";
    } else {
      message = "is larger than the JSON reader allows";
    }
    return new FieldError("body", message);
  }

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return MAPPER;
  }
}
