package io.cvtailor.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The pgvector distance operators and how each distance becomes a similarity (higher is better):
 *
 * <ul>
 *   <li>{@code cosine} ({@code <=>}, distance 0..2): similarity = 1 - distance, in -1..1.
 *   <li>{@code l2} ({@code <->}, distance >= 0): similarity = 1 / (1 + distance), in 0..1.
 *   <li>{@code inner_product} ({@code <#>}, the negated inner product): similarity = -distance, the
 *       inner product itself (equal to cosine for the unit-length vectors the models produce).
 * </ul>
 */
public enum DistanceMethod {
  COSINE("<=>"),
  L2("<->"),
  INNER_PRODUCT("<#>");

  private final String operator;

  DistanceMethod(String operator) {
    this.operator = operator;
  }

  /** The SQL operator; comes from this enum only, never from a request. */
  public String operator() {
    return operator;
  }

  /**
   * The operator applied to two SQL expressions. {@code a <#> b} is written as its definition,
   * {@code -inner_product(a, b)} (the same value), because EclipseLink's native-query parser takes
   * {@code #} for a parameter marker.
   */
  public String distanceSql(String left, String right) {
    return this == INNER_PRODUCT
        ? "(-inner_product(" + left + ", " + right + "))"
        : "(" + left + " " + operator + " " + right + ")";
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public double similarity(double distance) {
    return switch (this) {
      case COSINE -> 1 - distance;
      case L2 -> 1 / (1 + distance);
      case INNER_PRODUCT -> -distance;
    };
  }

  public static Optional<DistanceMethod> fromValue(String value) {
    return Arrays.stream(values()).filter(m -> m.value().equals(value)).findFirst();
  }
}
