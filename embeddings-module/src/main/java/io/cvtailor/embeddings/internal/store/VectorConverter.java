package io.cvtailor.embeddings.internal.store;

import com.pgvector.PGvector;
import io.cvtailor.embeddings.Vectors;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.SQLException;

/**
 * Maps {@code float[]} to a pgvector {@code vector}. Writes a {@link PGvector}; on reads the driver
 * returns a plain PGobject (the type is not registered on pooled connections), so its text is
 * parsed. Non-finite values are rejected before they reach the database.
 */
@Converter
public class VectorConverter implements AttributeConverter<float[], Object> {

  @Override
  public Object convertToDatabaseColumn(float[] vector) {
    if (vector == null) {
      return null;
    }
    Vectors.requireFinite(vector, "embedding_vector");
    return new PGvector(vector);
  }

  @Override
  public float[] convertToEntityAttribute(Object column) {
    if (column == null) {
      return null;
    }
    if (column instanceof PGvector vector) {
      return vector.toArray();
    }
    try {
      return new PGvector(column.toString()).toArray();
    } catch (SQLException e) {
      throw new IllegalStateException("stored vector cannot be read", e);
    }
  }
}
