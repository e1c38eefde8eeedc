package io.cvtailor.kernel.text;

import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one sentence splitter of cvtailor: postings, artifact text, chunks and CV highlights are all
 * cut here, so "e.g." or a bullet means the same thing everywhere.
 *
 * <p>Rules, in order:
 *
 * <ul>
 *   <li>A line break always ends a sentence; blank lines are skipped.
 *   <li>A line starting with a bullet marker ({@code - * + • · ▪ ◦ ‣ –} or up to three digits and
 *       {@code .} or {@code )}, then a space) is a bullet; the marker is not part of its text.
 *   <li>{@code . ! ? …} (a run of them, with any closing quotes or brackets after it) end a
 *       sentence when a space or the end of the line follows; {@code 。！？} end one wherever they
 *       stand (CJK text has no spaces).
 *   <li>None of them ends a sentence when the next word starts with a lower-case letter ({@code
 *       etc. and more}, {@code (twice!) and}). A single {@code .} does not end one after a dotted
 *       abbreviation ({@code e.g.}, {@code i.e.}, {@code U.S.}), a known abbreviation ({@code cf.
 *       vs. approx. incl. Dr.} …) or a single capital (an initial). Decimals ({@code 3.5}) and
 *       versions never have a space after the dot.
 * </ul>
 *
 * <p>One pass over the text, each character looked at a bounded number of times: linear in the
 * length of the text, no regular expression (so no backtracking on hostile input).
 */
public final class Sentences {
  /** Lower-case abbreviations (without their dot) after which a dot never ends a sentence. */
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "approx", "ca", "cf", "dr", "esp", "incl", "jr", "mr", "mrs", "ms", "prof", "resp", "sr",
          "viz", "vs");

  /** Longest abbreviation looked at before a dot; longer words are never abbreviations. */
  private static final int MAX_ABBREVIATION = 8;

  private Sentences() {}

  /**
   * One non-blank line: its text (stripped, without a bullet marker) and whether it was a bullet.
   */
  public record Line(String text, boolean bullet) {}

  /** The sentences of the text, in order: stripped, non-empty, without bullet markers. */
  public static List<String> of(String text) {
    List<String> sentences = new ArrayList<>();
    if (text != null) {
      for (Line line : lines(text)) {
        splitLine(line.text(), sentences);
      }
    }
    return sentences;
  }

  /** The non-blank lines of the text, each stripped and with its bullet marker removed. */
  public static List<Line> lines(String text) {
    List<Line> lines = new ArrayList<>();
    if (text == null) {
      return lines;
    }
    int n = text.length();
    int start = 0;
    while (start <= n) {
      int end = start;
      while (end < n && !isLineBreak(text.charAt(end))) {
        end++;
      }
      Line line = line(text, start, end);
      if (line != null) {
        lines.add(line);
      }
      start = end + 1;
    }
    return lines;
  }

  /** The text of a bullet line without its marker, or {@code null} if the line is no bullet. */
  public static @Nullable String bulletText(@Nullable String line) {
    Line parsed = line == null ? null : line(line, 0, line.length());
    return parsed != null && parsed.bullet() ? parsed.text() : null;
  }

  /** The line between start and end (no line break inside), or {@code null} if it is blank. */
  private static @Nullable Line line(String text, int start, int end) {
    int from = skipSpace(text, start, end);
    int to = end;
    while (to > from && isSpace(text.charAt(to - 1))) {
      to--;
    }
    if (from >= to) {
      return null;
    }
    int afterMarker = afterBulletMarker(text, from, to);
    if (afterMarker > 0) {
      int body = skipSpace(text, afterMarker, to);
      if (body > afterMarker && body < to) {
        return new Line(text.substring(body, to), true);
      }
    }
    return new Line(text.substring(from, to), false);
  }

  /** The index just after a bullet marker starting at {@code from}, or -1 if there is none. */
  private static int afterBulletMarker(String text, int from, int to) {
    char c = text.charAt(from);
    if ("-*+•·▪◦‣–".indexOf(c) >= 0) {
      return from + 1;
    }
    int i = from;
    while (i < to && i - from < 3 && isAsciiDigit(text.charAt(i))) {
      i++;
    }
    if (i > from && i < to && (text.charAt(i) == '.' || text.charAt(i) == ')')) {
      return i + 1;
    }
    return -1;
  }

  /** Adds the sentences of one line (no line break inside, already stripped) to the list. */
  private static void splitLine(String line, List<String> sentences) {
    int n = line.length();
    int start = 0;
    int i = 0;
    while (i < n) {
      char c = line.charAt(i);
      if (isCjkTerminator(c)) {
        int end = afterClosers(line, skipTerminators(line, i + 1, n), n);
        add(line, start, end, sentences);
        start = skipSpace(line, end, n);
        i = start;
      } else if (isTerminator(c)) {
        int runEnd = skipTerminators(line, i + 1, n);
        int end = afterClosers(line, runEnd, n);
        if (end < n && !isSpace(line.charAt(end))) {
          i = end; // "3.5", "e.g.," or "a.b": no boundary here
          continue;
        }
        int next = skipSpace(line, end, n);
        boolean singleDot = c == '.' && runEnd == i + 1 && end == runEnd;
        if (next < n
            && (Character.isLowerCase(line.charAt(next))
                || (singleDot && !endsAfterDot(line, start, i)))) {
          i = next;
          continue;
        }
        add(line, start, end, sentences);
        start = next;
        i = next;
      } else {
        i++;
      }
    }
    add(line, start, n, sentences);
  }

  /**
   * Whether the single dot at {@code dot}, followed by a space and a word that does not start in
   * lower case, ends the sentence that started at {@code start}.
   */
  private static boolean endsAfterDot(String line, int start, int dot) {
    // The word before the dot: letters and inner dots, looked at no further than an abbreviation.
    int from = dot;
    boolean dotted = false;
    while (from > start && dot - from < MAX_ABBREVIATION + 1) {
      char p = line.charAt(from - 1);
      if (Character.isLetter(p)) {
        from--;
      } else if (p == '.' && from - 1 > start && Character.isLetter(line.charAt(from - 2))) {
        dotted = true;
        from--;
      } else {
        break;
      }
    }
    if (from == dot) {
      return true; // "2019." or ")."
    }
    boolean wholeWord = from == start || !Character.isLetterOrDigit(line.charAt(from - 1));
    if (!wholeWord) {
      return true; // a longer word than any abbreviation
    }
    if (dotted) {
      return false; // "e.g.", "i.e.", "U.S."
    }
    if (dot - from == 1 && Character.isUpperCase(line.charAt(from))) {
      return false; // an initial: "J. Smith"
    }
    return !ABBREVIATIONS.contains(line.substring(from, dot).toLowerCase(Locale.ROOT));
  }

  private static void add(String line, int from, int to, List<String> sentences) {
    int a = skipSpace(line, from, to);
    int b = to;
    while (b > a && isSpace(line.charAt(b - 1))) {
      b--;
    }
    if (b > a) {
      sentences.add(line.substring(a, b));
    }
  }

  private static int skipTerminators(String line, int i, int n) {
    while (i < n && (isTerminator(line.charAt(i)) || isCjkTerminator(line.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static int afterClosers(String line, int i, int n) {
    while (i < n && "\"')]}»”’」』）".indexOf(line.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  private static int skipSpace(String text, int i, int end) {
    while (i < end && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isTerminator(char c) {
    return c == '.' || c == '!' || c == '?' || c == '…';
  }

  private static boolean isCjkTerminator(char c) {
    return c == '。' || c == '！' || c == '？' || c == '｡';
  }

  private static boolean isLineBreak(char c) {
    return c == '\n'
        || c == '\r'
        || c == '\u000B'
        || c == '\f'
        || c == '\u0085'
        || c == '\u2028'
        || c == '\u2029';
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
