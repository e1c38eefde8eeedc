package io.cvtailor.artifacts.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cvtailor.artifacts.Profile;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** {@link Profile} to a jsonb object. */
@Converter
public class ProfileConverter implements AttributeConverter<Profile, Object> {
  @Override
  public Object convertToDatabaseColumn(Profile profile) {
    return JsonColumns.toJsonb(profile == null ? Profile.empty() : profile);
  }

  @Override
  public Profile convertToEntityAttribute(Object column) {
    return JsonColumns.fromJsonb(column, new TypeReference<>() {}, Profile.empty());
  }
}
