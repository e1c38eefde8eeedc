package io.cvtailor.embeddings.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pgvector.PGvector;
import io.cvtailor.kernel.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PGobject;

class VectorConverterTest {
  private final VectorConverter converter = new VectorConverter();

  @Test
  void writesAPgvectorAndReadsBackThePlainPgobjectTheDriverReturns() throws Exception {
    float[] vector = {0.25f, -1.5f, 3.0e-7f, 42f};
    Object column = converter.convertToDatabaseColumn(vector);
    assertThat(column).isInstanceOf(PGvector.class);

    // Pooled connections do not register the vector type: the driver hands back a PGobject.
    PGobject fromDriver = new PGobject();
    fromDriver.setType("vector");
    fromDriver.setValue(column.toString());
    assertThat(converter.convertToEntityAttribute(fromDriver)).containsExactly(vector);
    assertThat(converter.convertToEntityAttribute(column)).containsExactly(vector);
  }

  @Test
  void nullStaysNull() {
    assertThat(converter.convertToDatabaseColumn(null)).isNull();
    assertThat(converter.convertToEntityAttribute(null)).isNull();
  }

  @Test
  void rejectsNanAndInfinityBeforeTheDatabase() {
    assertThatThrownBy(() -> converter.convertToDatabaseColumn(new float[] {1f, Float.NaN}))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("embedding_vector[1]");
    assertThatThrownBy(
            () -> converter.convertToDatabaseColumn(new float[] {Float.POSITIVE_INFINITY}))
        .isInstanceOf(InvalidInputException.class);
  }
}
