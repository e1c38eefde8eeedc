package io.cvtailor.artifacts;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date given as {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}, keeping the precision given.
 * Comparisons use the first day of the period.
 */
public record PartialDate(LocalDate start, Precision precision) implements Comparable<PartialDate> {

  public enum Precision {
    YEAR,
    MONTH,
    DAY
  }

  private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

  /** Parses the text, or returns empty when it is not a valid partial date. */
  public static Optional<PartialDate> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      int year = Integer.parseInt(m.group(1));
      if (m.group(2) == null) {
        return Optional.of(new PartialDate(LocalDate.of(year, 1, 1), Precision.YEAR));
      }
      int month = Integer.parseInt(m.group(2));
      if (m.group(3) == null) {
        return Optional.of(new PartialDate(LocalDate.of(year, month, 1), Precision.MONTH));
      }
      return Optional.of(
          new PartialDate(LocalDate.of(year, month, Integer.parseInt(m.group(3))), Precision.DAY));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The last day this partial date can stand for, e.g. 2021-12-31 for {@code 2021}. */
  public LocalDate end() {
    return switch (precision) {
      case YEAR -> start.withDayOfYear(start.lengthOfYear());
      case MONTH -> start.withDayOfMonth(start.lengthOfMonth());
      case DAY -> start;
    };
  }

  @Override
  public int compareTo(PartialDate other) {
    return start.compareTo(other.start);
  }

  @Override
  public String toString() {
    String text = start.toString();
    return switch (precision) {
      case YEAR -> text.substring(0, 4);
      case MONTH -> text.substring(0, 7);
      case DAY -> text;
    };
  }
}
