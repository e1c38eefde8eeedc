package io.cvtailor.artifacts.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** {@code List<String>} to a jsonb array. */
@Converter
public class TagsConverter implements AttributeConverter<List<String>, Object> {
  @Override
  public Object convertToDatabaseColumn(List<String> tags) {
    return JsonColumns.toJsonb(tags == null ? List.of() : tags);
  }

  @Override
  public List<String> convertToEntityAttribute(Object column) {
    return JsonColumns.fromJsonb(column, new TypeReference<>() {}, List.of());
  }
}
