package io.cvtailor.artifacts.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import org.postgresql.util.PGobject;

/** Reads and writes {@code jsonb} columns through JPA converters. */
final class JsonColumns {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonColumns() {}

  static PGobject toJsonb(Object value) {
    try {
      PGobject jsonb = new PGobject();
      jsonb.setType("jsonb");
      jsonb.setValue(MAPPER.writeValueAsString(value));
      return jsonb;
    } catch (JsonProcessingException | SQLException e) {
      throw new IllegalArgumentException("value cannot be stored as JSON", e);
    }
  }

  /** The driver hands back a PGobject (or a String); parse its text. */
  static <T> T fromJsonb(Object column, TypeReference<T> type, T whenNull) {
    if (column == null) {
      return whenNull;
    }
    try {
      return MAPPER.readValue(column.toString(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON cannot be read", e);
    }
  }
}
