package io.cvtailor.cv;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a CV looks, the same in HTML, PDF and DOCX. Every theme is single-column with real headings
 * and lists, so applicant-tracking systems read it in order.
 */
public enum CvTheme {
  /** Blue headings under a rule, dates on the right. */
  CLASSIC,
  /** A coloured name band, accent bar beside the headings, more air. */
  MODERN,
  /** Smaller type and tighter spacing: more on a page. */
  COMPACT;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CvTheme> fromValue(String value) {
    return Arrays.stream(values())
        .filter(t -> t.value().equalsIgnoreCase(value == null ? "" : value.strip()))
        .findFirst();
  }

  /** The CV's own theme; classic for CVs made before themes existed. */
  public static CvTheme of(Cv cv) {
    return fromValue(cv.theme()).orElse(CLASSIC);
  }

  /** The allowed values, for error messages. */
  public static String allowedValues() {
    return String.join(", ", Arrays.stream(values()).map(CvTheme::value).toList());
  }
}
