package io.cvtailor.documents.internal.read;

import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.DocumentRejectedException.Kind;
import io.cvtailor.documents.internal.parse.DocLine;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown and plain text. Markdown headings ({@code #}, underlined with {@code ===}/{@code ---}),
 * bold lines ({@code **...**}) and list items are kept as layout; inline markup (emphasis, code,
 * links as their text and address) is removed from the text.
 */
public final class PlainText {
  private static final Pattern ATX = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern UNDERLINE = Pattern.compile("^\\s*(=+|-+)\\s*$");
  private static final Pattern BOLD_LINE = Pattern.compile("^\\s*(\\*\\*|__)(.+?)\\1\\s*(.*)$");

  private PlainText() {}

  /** UTF-8 (a BOM is dropped); Windows-1252 when the bytes are not valid UTF-8. */
  public static String decode(byte[] bytes) {
    int offset = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xEF
        && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF) {
      offset = 3;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, java.nio.charset.Charset.forName("windows-1252"));
    }
  }

  public static List<DocLine> read(byte[] bytes, boolean markdown) {
    String text = decode(bytes);
    if (text.indexOf('\0') >= 0) {
      throw new DocumentRejectedException(
          Kind.UNREADABLE,
          "the file is binary, not text; upload it with its own type (PDF, DOCX, ODT)");
    }
    String[] raw = text.split("\\R", -1);
    List<DocLine> lines = new ArrayList<>();
    boolean gap = false;
    boolean fenced = false;
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i].replace("\u00A0", " ");
      if (markdown && line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (line.isBlank()
          || (markdown
              && line.strip().matches("^(\\*\\s*){3,}$|^(-\\s*){3,}$|^(_\\s*){3,}$")
              && (i == 0 || raw[i - 1].isBlank()))) {
        gap = true;
        continue;
      }
      int level = 0;
      boolean bold = false;
      boolean bullet = false;
      String content = line;
      if (!fenced) {
        Matcher atx = ATX.matcher(line);
        if (markdown && atx.matches()) {
          level = atx.group(1).length();
          content = atx.group(2);
        } else if (i + 1 < raw.length
            && UNDERLINE.matcher(raw[i + 1]).matches()
            && raw[i + 1].strip().length() >= Math.min(3, line.strip().length())) {
          level = raw[i + 1].strip().startsWith("=") ? 1 : 2;
          i++;
        }
        if (markdown) {
          Matcher boldLine = BOLD_LINE.matcher(content);
          if (level == 0 && boldLine.matches()) {
            bold = true;
          }
          String stripped = content.strip();
          if (stripped.matches("^[-*+]\\s+.*")) {
            bullet = true;
            content = stripped.substring(1).strip();
          }
          content = inline(content);
        }
      }
      lines.add(new DocLine(content, bold, false, level, bullet, gap));
      gap = false;
    }
    return lines;
  }

  /**
   * Inline Markdown removed: links become "text (address)" or the address, emphasis and code marks
   * go. One pass per kind of mark, each linear: where a mark's partner is comes from a table of
   * "next such position" built once from the end, so an unclosed mark costs nothing more (the
   * former patterns scanned ahead from every unclosed marker: 9 s for 7,000 " *a").
   */
  static String inline(String text) {
    String plain = links(text);
    plain = emphasis(plain, "**", false);
    plain = emphasis(plain, "__", false);
    plain = emphasis(plain, "*", true);
    plain = emphasis(plain, "_", true);
    return code(plain).replace("\\", "");
  }

  /** Emphasis spans at most this many characters, as people write it (and as before). */
  private static final int MAX_EMPHASIS = 500;

  /** {@code [label](address)} → "label address", or the address alone when it is the label. */
  private static String links(String text) {
    int n = text.length();
    int[] nextClose = nextIndex(text, c -> c == ']');
    int[] nextEnd = nextIndex(text, c -> c == ')' || Character.isWhitespace(c));
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '[') {
        int close = nextClose[i + 1];
        int end = close < n - 1 && text.charAt(close + 1) == '(' ? nextEnd[close + 2] : n;
        if (close < n && end < n && text.charAt(end) == ')') {
          String label = text.substring(i + 1, close);
          String url = text.substring(close + 2, end);
          out.append(label.equals(url) || label.isBlank() ? url : label + " " + url);
          i = end + 1;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /**
   * Removes pairs of {@code mark} around 1 to {@value #MAX_EMPHASIS} characters. A single mark
   * ({@code *}, {@code _}) opens only after a non-word character and before a non-space, and closes
   * after a non-space and before a non-word character, so {@code snake_case_name} and {@code 2*3*4}
   * keep theirs.
   */
  private static String emphasis(String text, String mark, boolean single) {
    int n = text.length();
    int m = mark.length();
    char c = mark.charAt(0);
    // closes[i]: the first position >= i where a closing mark starts, n when none.
    int[] closes = new int[n + 2];
    closes[n] = n;
    closes[n + 1] = n;
    for (int i = n - 1; i >= 0; i--) {
      closes[i] = isMark(text, i, mark) && (!single || closes(text, i, c)) ? i : closes[i + 1];
    }
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      if (isMark(text, i, mark) && (!single || opens(text, i, c))) {
        int close = closes[Math.min(n, i + m + 1)];
        if (close < n && close - (i + m) <= MAX_EMPHASIS && noLineBreak(text, i + m, close)) {
          out.append(text, i + m, close);
          i = close + m;
          continue;
        }
      }
      out.append(text.charAt(i));
      i++;
    }
    return out.toString();
  }

  private static boolean isMark(String text, int i, String mark) {
    return text.startsWith(mark, i);
  }

  private static boolean opens(String text, int i, char c) {
    boolean afterWord = i > 0 && (isWord(text.charAt(i - 1)) || text.charAt(i - 1) == c);
    return !afterWord && i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1));
  }

  private static boolean closes(String text, int i, char c) {
    boolean afterSpace = i == 0 || Character.isWhitespace(text.charAt(i - 1));
    boolean beforeWord =
        i + 1 < text.length() && (isWord(text.charAt(i + 1)) || text.charAt(i + 1) == c);
    return !afterSpace && !beforeWord;
  }

  private static boolean isWord(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** Emphasis never spans lines (as {@code .} did not); bounded by {@value #MAX_EMPHASIS}. */
  private static boolean noLineBreak(String text, int from, int to) {
    for (int k = from; k < to; k++) {
      if (text.charAt(k) == '\n' || text.charAt(k) == '\r') {
        return false;
      }
    }
    return true;
  }

  /** {@code `code`} → code. */
  private static String code(String text) {
    int n = text.length();
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      int close = text.charAt(i) == '`' ? text.indexOf('`', i + 1) : -1;
      if (close < 0) {
        if (text.charAt(i) == '`') {
          // no partner to the end: no later backtick has one either
          out.append(text, i, n);
          break;
        }
        out.append(text.charAt(i));
        i++;
      } else {
        out.append(text, i + 1, close);
        i = close + 1;
      }
    }
    return out.toString();
  }

  /** next[i]: the first position >= i whose character matches, {@code text.length()} when none. */
  private static int[] nextIndex(String text, java.util.function.IntPredicate matches) {
    int n = text.length();
    int[] next = new int[n + 2];
    next[n] = n;
    next[n + 1] = n;
    for (int i = n - 1; i >= 0; i--) {
      next[i] = matches.test(text.charAt(i)) ? i : next[i + 1];
    }
    return next;
  }
}
