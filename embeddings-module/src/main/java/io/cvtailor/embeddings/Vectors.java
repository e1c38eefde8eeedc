package io.cvtailor.embeddings;

import io.cvtailor.artifacts.InvalidInputException;
import java.util.List;

/** Checks and conversions for vectors that cross the module's boundary. */
public final class Vectors {
  private Vectors() {}

  /** Rejects NaN and infinite components, naming the field. */
  public static void requireFinite(float[] vector, String field) {
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new InvalidInputException(field + "[" + i + "]", "must be a finite number");
      }
    }
  }

  /** Converts a request's numbers, rejecting a wrong length or non-finite values. */
  public static float[] fromRequest(List<? extends Number> values, int dimensions, String field) {
    if (values.size() != dimensions) {
      throw new InvalidInputException(
          field,
          "must have "
              + dimensions
              + " numbers (the active model's dimensions), got "
              + values.size());
    }
    float[] vector = new float[values.size()];
    for (int i = 0; i < vector.length; i++) {
      Number value = values.get(i);
      if (value == null) {
        throw new InvalidInputException(field + "[" + i + "]", "must be a number");
      }
      vector[i] = value.floatValue();
      if (!Float.isFinite(vector[i])) {
        throw new InvalidInputException(field + "[" + i + "]", "must be a finite number");
      }
    }
    return vector;
  }

  /** The pgvector text form, {@code [1.0,2.0]}, for binding as a parameter cast to vector. */
  public static String toText(float[] vector) {
    StringBuilder text = new StringBuilder(vector.length * 10).append('[');
    for (int i = 0; i < vector.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(vector[i]);
    }
    return text.append(']').toString();
  }

  /** Parses the pgvector text form {@code [1,2,3]}. */
  public static float[] fromText(String text) {
    String inner = text.strip();
    inner = inner.substring(1, inner.length() - 1);
    if (inner.isBlank()) {
      return new float[0];
    }
    String[] parts = inner.split(",");
    float[] vector = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      vector[i] = Float.parseFloat(parts[i].strip());
    }
    return vector;
  }

  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
