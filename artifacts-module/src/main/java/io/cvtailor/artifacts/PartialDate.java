package io.cvtailor.artifacts;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date given as {@code YYYY}, {@code YYYY-MM} or {@code YYYY-MM-DD}, keeping the precision given,
 * or as people write a month: "March 2020", "Mar. 2020", "03/2020", "3.2020", "2020/03". Always
 * stored and shown in the ISO form ({@link #toString()}). Comparisons use the first day of the
 * period.
 */
public record PartialDate(LocalDate start, Precision precision) implements Comparable<PartialDate> {

  public enum Precision {
    YEAR,
    MONTH,
    DAY
  }

  private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:-(\\d{2})(?:-(\\d{2}))?)?");

  // Each pattern is a fixed sequence without nested repetition, matched against at most
  // MAX_CHARS characters: linear, whatever is typed.
  private static final Pattern MONTH_NAME_YEAR =
      Pattern.compile("([a-z]{3,9})\\.?,? ?(\\d{4})", Pattern.CASE_INSENSITIVE);
  private static final Pattern MONTH_SLASH_YEAR = Pattern.compile("(\\d{1,2})[/.](\\d{4})");
  private static final Pattern YEAR_SLASH_MONTH = Pattern.compile("(\\d{4})[/.](\\d{1,2})");
  private static final int MAX_CHARS = 40;
  private static final String[] MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december"
  };

  /** Parses the text, or returns empty when it is not a valid partial date. */
  public static Optional<PartialDate> parse(String text) {
    if (text == null || text.length() > MAX_CHARS) {
      return Optional.empty();
    }
    String trimmed = text.strip().replaceAll("\\s+", " ");
    Matcher m = FORMAT.matcher(trimmed);
    if (!m.matches()) {
      return monthAsWritten(trimmed);
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

  /** "March 2020", "Sept 2020", "03/2020", "2020/3": a month and a year. */
  private static Optional<PartialDate> monthAsWritten(String text) {
    int month;
    int year;
    Matcher named = MONTH_NAME_YEAR.matcher(text);
    Matcher monthFirst = MONTH_SLASH_YEAR.matcher(text);
    Matcher yearFirst = YEAR_SLASH_MONTH.matcher(text);
    if (named.matches()) {
      month = monthNamed(named.group(1));
      year = Integer.parseInt(named.group(2));
    } else if (monthFirst.matches()) {
      month = Integer.parseInt(monthFirst.group(1));
      year = Integer.parseInt(monthFirst.group(2));
    } else if (yearFirst.matches()) {
      year = Integer.parseInt(yearFirst.group(1));
      month = Integer.parseInt(yearFirst.group(2));
    } else {
      return Optional.empty();
    }
    if (month < 1 || month > 12 || year < 1) {
      return Optional.empty();
    }
    return Optional.of(new PartialDate(LocalDate.of(year, month, 1), Precision.MONTH));
  }

  /** 1..12 for a month's English name or its abbreviation of three letters or more; 0 otherwise. */
  private static int monthNamed(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    for (int i = 0; i < MONTHS.length; i++) {
      if (MONTHS[i].startsWith(lower) || (lower.equals("sept") && i == 8)) {
        return i + 1;
      }
    }
    return 0;
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
