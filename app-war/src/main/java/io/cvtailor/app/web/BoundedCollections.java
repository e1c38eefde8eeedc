package io.cvtailor.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;

/**
 * Arrays are counted while they are read: a collection property with Bean Validation's
 * {@code @Size(max = n)} (the same annotation that documents {@code maxItems} in the OpenAPI
 * document and is validated afterwards) stops reading at element {@code n + 1} with a field error,
 * so a request with a million elements costs no more than one with {@code n + 1}.
 */
final class BoundedCollections {
  private BoundedCollections() {}

  static Module module() {
    SimpleModule module = new SimpleModule("bounded-collections");
    module.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyCollectionDeserializer(
              DeserializationConfig config,
              CollectionType type,
              BeanDescription description,
              JsonDeserializer<?> deserializer) {
            return new Counted(deserializer, type, Integer.MAX_VALUE, null, null);
          }
        });
    return module;
  }

  /** The array had more elements than its {@code @Size(max)}. */
  static final class TooManyItemsException extends JsonMappingException {
    TooManyItemsException(JsonParser parser, String message) {
      super(parser, message);
    }
  }

  /** Reads elements one by one, counting them, when the property declares a maximum. */
  private static final class Counted extends JsonDeserializer<Object>
      implements ContextualDeserializer {
    private final JsonDeserializer<?> whole;
    private final CollectionType type;
    private final int max;
    private final String message;
    private final JsonDeserializer<Object> element;

    Counted(
        JsonDeserializer<?> whole,
        CollectionType type,
        int max,
        String message,
        JsonDeserializer<Object> element) {
      this.whole = whole;
      this.type = type;
      this.max = max;
      this.message = message;
      this.element = element;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext context, BeanProperty property) throws JsonMappingException {
      JsonDeserializer<?> contextual =
          whole instanceof ContextualDeserializer c ? c.createContextual(context, property) : whole;
      Size size = property == null ? null : property.getAnnotation(Size.class);
      if (size == null
          || size.max() == Integer.MAX_VALUE
          || !type.getRawClass().isAssignableFrom(ArrayList.class)) {
        return contextual;
      }
      JsonDeserializer<Object> elements =
          context.findContextualValueDeserializer(type.getContentType(), property);
      // The constraint's own message, so the error reads the same as Bean Validation's would.
      String message =
          size.message().startsWith("{")
              ? "must have at most " + size.max() + " items"
              : size.message();
      return new Counted(contextual, type, size.max(), message, elements);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (element == null || !parser.isExpectedStartArrayToken()) {
        return whole.deserialize(parser, context); // reports the wrong shape as before
      }
      Collection<Object> values = new ArrayList<>();
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (values.size() >= max) {
          throw new TooManyItemsException(parser, message);
        }
        try {
          values.add(
              token == JsonToken.VALUE_NULL
                  ? element.getNullValue(context)
                  : element.deserialize(parser, context));
        } catch (JsonMappingException e) {
          throw JsonMappingException.wrapWithPath(e, values, values.size());
        }
      }
      return values;
    }

    @Override
    public Object getNullValue(DeserializationContext context) throws JsonMappingException {
      return whole.getNullValue(context);
    }
  }
}
