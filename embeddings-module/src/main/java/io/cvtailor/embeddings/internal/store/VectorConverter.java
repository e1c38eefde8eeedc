package io.cvtailor.embeddings.internal.store;

import com.pgvector.PGvector;
import io.cvtailor.embeddings.Vectors;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Maps {@code float[]} to a pgvector {@code vector}. Writes a {@link PGvector} (JPA binds a typed
 * object; native queries bind {@link Vectors#toText} cast to vector instead); on reads the driver
 * returns a plain PGobject (the type is not registered on pooled connections), whose text {@link
 * Vectors#fromText} parses, as for native queries. Non-finite values are rejected before they reach
 * the database.
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
    // A PGobject's text is its value: the pgvector text form, read as every native query reads it.
    return Vectors.fromText(column.toString());
  }
}
