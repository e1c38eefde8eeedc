package io.cvtailor.documents.internal.parse;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Date ranges as CVs write them, into partial dates ({@code YYYY} or {@code YYYY-MM}): {@code Jan
 * 2019 – Present}, {@code 2019–21}, {@code 03/2019 - 11/2020}, {@code since 2018}, {@code seit März
 * 2018}, {@code sept. 2017 à juin 2019}, month names in English, German, French, Spanish,
 * Portuguese, Swedish, Norwegian and Danish. A lone date is a start.
 */
public final class DateRanges {
  private DateRanges() {}

  /** A range found in a line: where it is and what it means ({@code end} null = open or none). */
  public record Found(int start, int end, String from, String to, boolean open) {}

  private static final Map<String, Integer> MONTHS = new LinkedHashMap<>();

  private static void months(int month, String... names) {
    for (String name : names) {
      MONTHS.put(name, month);
    }
  }

  static {
    months(1, "january", "januar", "januari", "janvier", "janv", "enero", "ene", "janeiro", "jan");
    months(
        2,
        "february",
        "februar",
        "februari",
        "fevrier",
        "fevr",
        "febrero",
        "fevereiro",
        "feb",
        "fev",
        "febr");
    months(3, "march", "marz", "maerz", "mars", "marzo", "marco", "marts", "mar", "mrz");
    months(4, "april", "avril", "abril", "apr", "avr", "abr");
    months(5, "may", "mai", "mayo", "maio", "maj");
    months(6, "june", "juni", "juin", "junio", "junho", "jun");
    months(7, "july", "juli", "juillet", "juil", "julio", "julho", "jul");
    months(8, "august", "augusti", "aout", "agosto", "aug", "ago");
    months(9, "september", "septembre", "septiembre", "setembro", "sept", "sep", "set");
    months(10, "october", "oktober", "octobre", "octubre", "outubro", "oct", "okt", "out");
    months(11, "november", "novembre", "noviembre", "novembro", "nov");
    months(
        12,
        "december",
        "dezember",
        "decembre",
        "diciembre",
        "dezembro",
        "desember",
        "dec",
        "dez",
        "dic",
        "des");
  }

  private static final String MONTH =
      "(?<M>"
          + String.join(
              "|", MONTHS.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList())
          + ")";

  /** Words for "until now", normalised (accents removed, lower case). */
  private static final String OPEN =
      "(?:present|current|now|today|ongoing|heute|aktuell|jetzt|dato|derzeit|presente|actualidad|actual"
          + "|hoy|atual|atualmente|o momento|aujourd'hui|aujourd\u2019hui|ce jour|present|en cours|nu|idag"
          + "|i dag|na|naa|dags dato|pagaende|nuvarande|nuvaerende)";

  private static final String SINCE =
      "(?:since|seit|depuis|desde|dal|sedan|siden|fra|fran|from|ab)";

  private static final String SEP =
      "\\s*(?:-|\u2013|\u2014|\u2012|\u2015|\u2212|~|to|until|till|til|bis|a|au|à|al|ate|até|–)\\s*";

  /** One date: month name + year, MM/YYYY, MM.YYYY, YYYY-MM, or a year. */
  private static String date(String suffix) {
    return "(?:"
        + MONTH.replace("<M>", "<M" + suffix + ">")
        // "janeiro de 2020", "enero de 2019": Portuguese and Spanish put "de" before the year.
        + "\\.?,?\\s*(?:de\\s+|del\\s+)?(?<MY"
        + suffix
        + ">(?:19|20)\\d{2})"
        + "|(?<NM"
        + suffix
        + ">0?[1-9]|1[0-2])\\s*[/.]\\s*(?<NY"
        + suffix
        + ">(?:19|20)\\d{2})"
        + "|(?<IY"
        + suffix
        + ">(?:19|20)\\d{2})-(?<IM"
        + suffix
        + ">0[1-9]|1[0-2])(?![\\d])"
        + "|(?<Y"
        + suffix
        + ">(?:19|20)\\d{2}))";
  }

  private static final Pattern RANGE =
      Pattern.compile(
          // "since 2018" takes spaces only: "Sälta Software AB<tab>May 2022" is a company
          // beside its dates, not German "ab Mai 2022".
          "(?<![\\p{L}\\d])(?:(?<since>"
              + SINCE
              + ")[ \u00A0]+)?"
              + date("1")
              + "(?:"
              + SEP
              + "(?:"
              + date("2")
              + "|(?<short>\\d{2})(?![\\d])|(?<open>"
              + OPEN
              + ")))?(?![\\p{L}\\d])",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** Accents removed and lower-cased, same length as the input for the plain cases we match. */
  static String fold(String text) {
    String nfd = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < nfd.length(); i++) {
      char c = nfd.charAt(i);
      if (Character.getType(c) != Character.NON_SPACING_MARK) {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * The first date or date range in the line, with its position in the line. Positions are in the
   * line as given as long as folding kept its length (it does for Latin letters with accents).
   */
  public static Optional<Found> find(String line) {
    String folded = fold(line);
    if (folded.length() != line.length()) {
      folded = line.toLowerCase(Locale.ROOT);
    }
    Matcher m = RANGE.matcher(folded);
    while (m.find()) {
      Optional<String> from = single(m, "1");
      if (from.isEmpty()) {
        continue;
      }
      String to = null;
      boolean open = m.group("open") != null;
      if (m.group("short") != null) {
        int century = Integer.parseInt(from.get().substring(0, 2)) * 100;
        int year = century + Integer.parseInt(m.group("short"));
        if (year < Integer.parseInt(from.get().substring(0, 4))) {
          // "2019-18" is not a range; take the first year alone.
          return Optional.of(new Found(m.start(), m.start("short") - 1, from.get(), null, false));
        }
        to = Integer.toString(year);
      } else if (!open) {
        to = single(m, "2").orElse(null);
      }
      if (to == null && !open && m.group("since") != null) {
        open = true;
      }
      return Optional.of(new Found(m.start(), m.end(), from.get(), to, open));
    }
    return Optional.empty();
  }

  private static Optional<String> single(Matcher m, String suffix) {
    if (m.group("MY" + suffix) != null) {
      Integer month = MONTHS.get(m.group("M" + suffix));
      return month == null
          ? Optional.empty()
          : Optional.of(m.group("MY" + suffix) + "-" + two(month));
    }
    if (m.group("NY" + suffix) != null) {
      return Optional.of(
          m.group("NY" + suffix) + "-" + two(Integer.parseInt(m.group("NM" + suffix))));
    }
    if (m.group("IY" + suffix) != null) {
      return Optional.of(m.group("IY" + suffix) + "-" + m.group("IM" + suffix));
    }
    if (m.group("Y" + suffix) != null) {
      return Optional.of(m.group("Y" + suffix));
    }
    return Optional.empty();
  }

  private static String two(int month) {
    return month < 10 ? "0" + month : Integer.toString(month);
  }

  /** A single date as LinkedIn and forms write it ({@code Jan 2019}, {@code 2019}, ...). */
  public static Optional<String> parseSingle(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    return find(text.strip()).map(Found::from);
  }
}
