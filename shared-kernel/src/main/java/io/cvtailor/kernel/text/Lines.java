package io.cvtailor.kernel.text;

import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds multi-line text onto one line. One pass, no regular expression: the patterns this replaces
 * ({@code \s*\R\s*}, {@code \s*\n\s*}) backtracked quadratically over a long run of spaces without
 * a line break.
 */
public final class Lines {
  private Lines() {}

  /**
   * The text with every run of white space that contains a line break replaced by {@code
   * separator}; runs without a line break are kept as they are. Null stays null.
   */
  public static @Nullable String joined(@Nullable String text, String separator) {
    if (text == null) {
      return null;
    }
    int n = text.length();
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!isSpace(c)) {
        out.append(c);
        i++;
        continue;
      }
      int end = i;
      boolean lineBreak = false;
      while (end < n && isSpace(text.charAt(end))) {
        lineBreak |= isLineBreak(text.charAt(end));
        end++;
      }
      if (lineBreak) {
        out.append(separator);
      } else {
        out.append(text, i, end);
      }
      i = end;
    }
    return out.toString();
  }

  /**
   * The paragraphs of the text, each stripped: a paragraph ends where a line break is followed,
   * after optional white space, by another; blank paragraphs are left out. One pass, in place of
   * {@code split("\\R\\s*\\R")} (which could also yield an empty paragraph).
   */
  public static List<String> paragraphs(String text) {
    List<String> paragraphs = new ArrayList<>();
    if (text == null) {
      return paragraphs;
    }
    int n = text.length();
    int start = 0;
    int i = 0;
    while (i < n) {
      if (!isLineBreak(text.charAt(i))) {
        i++;
        continue;
      }
      int end = i;
      int breaks = 0;
      while (end < n && isSpace(text.charAt(end))) {
        char c = text.charAt(end);
        if (isLineBreak(c) && !(c == '\n' && end > 0 && text.charAt(end - 1) == '\r')) {
          breaks++; // \r\n is one line break
        }
        end++;
      }
      if (breaks >= 2) {
        addParagraph(text.substring(start, i), paragraphs);
        start = end;
      }
      i = end;
    }
    addParagraph(text.substring(start), paragraphs);
    return paragraphs;
  }

  private static void addParagraph(String paragraph, List<String> paragraphs) {
    String stripped = paragraph.strip();
    if (!stripped.isEmpty()) {
      paragraphs.add(stripped);
    }
  }

  static boolean isLineBreak(char c) {
    return c == '\n'
        || c == '\r'
        || c == '\u000B'
        || c == '\f'
        || c == '\u0085'
        || c == '\u2028'
        || c == '\u2029';
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || isLineBreak(c);
  }
}
