package io.cvtailor.cv.internal;

import io.cvtailor.cv.CvService.PostingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Proposes a job title and company from a posting, in linear time (index scans, no pattern):
 * labelled lines ("Job title: …", "Company: …"), a first line "Title at Company" or "Title —
 * Company", else the first line as the title and the second line's first part ("Acme Pay —
 * Gothenburg") as the company, else "at Company" / "Company is hiring" in the opening text. A
 * proposal only: the person confirms or edits it.
 */
final class PostingContexts {
  static final int MAX_LENGTH = 120;
  private static final int HEAD_CHARS = 3000;
  private static final String[] SEPARATORS = {" — ", " – ", " | ", " - ", " · ", " @ "};

  private PostingContexts() {}

  static PostingContext propose(String posting) {
    if (posting == null || posting.isBlank()) {
      return new PostingContext(null, null);
    }
    String head = posting.length() > HEAD_CHARS ? posting.substring(0, HEAD_CHARS) : posting;
    List<String> lines = new ArrayList<>();
    for (String line : head.split("\n", 12)) {
      String s = line.strip();
      if (!s.isEmpty() && lines.size() < 10) {
        lines.add(s);
      }
    }
    String title = null;
    String company = null;
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      String value = afterLabel(line, lower, "job title:", "title:", "position:", "role:");
      if (value != null && title == null) {
        title = value;
      }
      value = afterLabel(line, lower, "company:", "employer:", "organisation:", "organization:");
      if (value != null && company == null) {
        company = value;
      }
    }
    if (title == null && !lines.isEmpty() && looksLikeHeading(lines.get(0))) {
      String first = lines.get(0);
      int at = first.indexOf(" at ");
      if (at > 0) {
        title = first.substring(0, at);
        company = company != null ? company : firstPart(first.substring(at + 4));
      } else {
        int sep = separator(first);
        if (sep > 0 && company == null) {
          title = first.substring(0, sep);
          company = firstPart(first.substring(sep + 3)); // every separator is 3 characters
        } else {
          title = first;
        }
      }
      if (company == null && lines.size() > 1 && looksLikeHeading(lines.get(1))) {
        String second = lines.get(1);
        if (second.indexOf(':') < 0) {
          company = firstPart(second);
        }
      }
    }
    if (company == null) {
      company = atCompany(head);
    }
    return new PostingContext(clean(title), clean(company));
  }

  /** A short line that is not a sentence: a heading. */
  private static boolean looksLikeHeading(String line) {
    return line.length() <= MAX_LENGTH
        && !line.endsWith(".")
        && !line.endsWith(":")
        && !line.endsWith("?")
        && !line.endsWith("!");
  }

  private static String afterLabel(String line, String lower, String... labels) {
    for (String label : labels) {
      if (lower.startsWith(label)) {
        String value = line.substring(label.length()).strip();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  private static int separator(String line) {
    int best = -1;
    for (String sep : SEPARATORS) {
      int i = line.indexOf(sep);
      if (i > 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }

  /**
   * The text before the first separator, comma or parenthesis: "Acme Pay — Gothenburg" → Acme Pay.
   */
  private static String firstPart(String text) {
    String s = text.strip();
    int cut = s.length();
    int sep = separator(s);
    if (sep > 0) {
      cut = sep;
    }
    for (char c : new char[] {',', '(', ';'}) {
      int i = s.indexOf(c);
      if (i > 0 && i < cut) {
        cut = i;
      }
    }
    return s.substring(0, cut).strip();
  }

  /**
   * "… at Acme Pay …" or "Acme Pay is hiring / is looking for": a run of capitalised words (at most
   * four) after " at " or before " is hiring" / " is looking".
   */
  static String atCompany(String text) {
    int from = 0;
    while (from < text.length()) {
      int at = text.indexOf(" at ", from);
      if (at < 0) {
        break;
      }
      String run = capitalisedRun(text, at + 4);
      if (run != null) {
        return run;
      }
      from = at + 4;
    }
    for (String marker : new String[] {" is hiring", " is looking for", " are hiring"}) {
      int i = text.indexOf(marker);
      if (i > 0) {
        int start = i;
        int words = 0;
        while (start > 0 && words < 4) {
          int wordEnd = start;
          int s = start - 1;
          while (s >= 0 && !Character.isWhitespace(text.charAt(s))) {
            s--;
          }
          String word = text.substring(s + 1, wordEnd);
          if (word.isEmpty() || !Character.isUpperCase(word.charAt(0))) {
            break;
          }
          start = s;
          words++;
          if (s < 0 || text.charAt(s) == '\n') {
            break;
          }
        }
        if (words > 0) {
          return text.substring(Math.max(0, start), i).strip();
        }
      }
    }
    return null;
  }

  private static String capitalisedRun(String text, int start) {
    int i = start;
    int words = 0;
    int end = start;
    while (i < text.length() && words < 4) {
      int wordStart = i;
      while (i < text.length()
          && (Character.isLetterOrDigit(text.charAt(i)) || "&.'-".indexOf(text.charAt(i)) >= 0)) {
        i++;
      }
      if (i == wordStart || !Character.isUpperCase(text.charAt(wordStart))) {
        break;
      }
      end = i;
      words++;
      if (i < text.length() && text.charAt(i) == ' ') {
        i++;
      } else {
        break;
      }
    }
    if (words == 0) {
      return null;
    }
    String run = text.substring(start, end);
    while (run.endsWith(".")) {
      run = run.substring(0, run.length() - 1);
    }
    return run.isBlank() ? null : run;
  }

  private static String clean(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    if (s.isEmpty()) {
      return null;
    }
    return s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH).strip() : s;
  }
}
