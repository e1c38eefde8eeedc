package io.cvtailor.artifacts.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Map;

/** {@code Map<String, Object>} to a jsonb object. */
@Converter
public class JsonObjectConverter implements AttributeConverter<Map<String, Object>, Object> {
  @Override
  public Object convertToDatabaseColumn(Map<String, Object> value) {
    return JsonColumns.toJsonb(value == null ? Map.of() : value);
  }

  @Override
  public Map<String, Object> convertToEntityAttribute(Object column) {
    return JsonColumns.fromJsonb(column, new TypeReference<>() {}, Map.of());
  }
}
