package io.cvtailor.kernel.text;

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
  public static String joined(String text, String separator) {
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
