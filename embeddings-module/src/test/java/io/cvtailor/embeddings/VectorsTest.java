package io.cvtailor.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorsTest {

  @Test
  void textFormParsesBackToExactlyTheSameFloats() {
    SplittableRandom random = new SplittableRandom(11);
    float[] vector = new float[20_000];
    for (int i = 0; i < vector.length; i++) {
      // Every magnitude a float can have, both signs, plus random bit patterns.
      vector[i] =
          i % 2 == 0
              ? (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-44, 38)))
              : Float.intBitsToFloat(random.nextInt());
      if (!Float.isFinite(vector[i])) {
        vector[i] = 1f;
      }
    }
    float[] parsed = Vectors.fromText(Vectors.toText(vector));
    for (int i = 0; i < vector.length; i++) {
      assertThat(parsed[i]).as("component %d", i).isEqualTo(vector[i]);
    }
  }

  @Test
  void edgeValuesKeepTheirExactValue() {
    float[] edges = {
      0f,
      -0f,
      1f,
      -1f,
      0.1f,
      0.5f,
      1e-45f,
      Float.MIN_NORMAL,
      Float.MAX_VALUE,
      -Float.MAX_VALUE,
      1e38f,
      999999.94f,
      1.0000001f,
      123456789f,
      0.33333334f
    };
    float[] parsed = Vectors.fromText(Vectors.toText(edges));
    for (int i = 0; i < edges.length; i++) {
      assertThat(Math.abs(parsed[i])).as("edge %s", edges[i]).isEqualTo(Math.abs(edges[i]));
    }
  }

  @Test
  void textIsPgvectorsArrayLiteralWithoutTrailingZeros() {
    assertThat(Vectors.toText(new float[] {0.5f, -2f, 0f, 1f})).isEqualTo("[5e-1,-2,0,1]");
    assertThat(Vectors.toText(new float[0])).isEqualTo("[]");
  }
}
