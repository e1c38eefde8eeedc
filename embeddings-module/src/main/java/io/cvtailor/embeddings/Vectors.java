package io.cvtailor.embeddings;

import io.cvtailor.kernel.InvalidInputException;
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

  /**
   * The pgvector text form, e.g. {@code [1e0,-25e-2]}, for binding as a parameter cast to vector.
   * Every component is written with 9 significant digits — enough for any float to parse back to
   * exactly the same float — by integer arithmetic, several times faster than {@code
   * Float.toString}'s shortest-representation search, which took a quarter of a 1536-dimension
   * search request's CPU.
   */
  public static String toText(float[] vector) {
    StringBuilder text = new StringBuilder(vector.length * 14).append('[');
    for (int i = 0; i < vector.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      appendFloat(text, vector[i]);
    }
    return text.append(']').toString();
  }

  private static final double[] POWERS_OF_TEN = new double[64];

  static {
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = Double.parseDouble("1e" + i);
    }
  }

  /** Appends {@code value} as {@code <9-digit integer>e<exponent>}, trailing zeros dropped. */
  static void appendFloat(StringBuilder text, float value) {
    if (value == 0 || !Float.isFinite(value)) {
      text.append(value == 0 ? "0" : Float.toString(value));
      return;
    }
    double magnitude = Math.abs((double) value);
    // Choose the exponent so that the scaled value has 9 digits before the decimal point.
    int exponent = (int) Math.floor(Math.log10(magnitude)) - 8;
    long digits = Math.round(scale(magnitude, exponent));
    if (digits < 100_000_000L) { // log10 rounded up near a power of ten: one digit short
      exponent--;
      digits = Math.round(scale(magnitude, exponent));
    }
    while (digits % 10 == 0) {
      digits /= 10;
      exponent++;
    }
    if (value < 0) {
      text.append('-');
    }
    text.append(digits);
    if (exponent != 0) {
      text.append('e').append(exponent);
    }
  }

  /** {@code magnitude / 10^exponent} with exact powers of ten (floats span 10^-45 to 10^38). */
  private static double scale(double magnitude, int exponent) {
    return exponent >= 0
        ? magnitude / POWERS_OF_TEN[exponent]
        : magnitude
            * POWERS_OF_TEN[Math.min(-exponent, 22)]
            * (-exponent > 22 ? POWERS_OF_TEN[-exponent - 22] : 1);
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
