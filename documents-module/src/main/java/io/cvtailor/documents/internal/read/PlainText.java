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
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)\\s]*)\\)");
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
   * go.
   */
  static String inline(String text) {
    Matcher link = LINK.matcher(text);
    StringBuilder out = new StringBuilder();
    while (link.find()) {
      String label = link.group(1);
      String url = link.group(2);
      String replacement = label.equals(url) || label.isBlank() ? url : label + " " + url;
      link.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    link.appendTail(out);
    // Emphasis spans at most 500 characters: an unclosed marker then costs a bounded look ahead
    // instead of a scan to the end of the text from every marker (9 s for 7,000 " *a").
    return out.toString()
        .replaceAll("(\\*\\*|__)(.{1,500}?)\\1", "$2")
        .replaceAll("(?<![\\w*])\\*(?!\\s)(.{1,500}?)(?<!\\s)\\*(?![\\w*])", "$1")
        .replaceAll("(?<![\\w_])_(?!\\s)(.{1,500}?)(?<!\\s)_(?![\\w_])", "$1")
        .replaceAll("`([^`]*)`", "$1")
        .replace("\\", "");
  }
}
