package io.cvtailor.app.web;

import io.cvtailor.documents.DocumentImports;
import io.cvtailor.kernel.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one file field of a multipart/form-data upload (RFC 7578), read from the bytes already
 * bounded by the caller. Kept this small on purpose: one part by name, its file name and content
 * type; no nested multiparts, no transfer encodings (browsers and curl send none).
 */
final class Multipart {
  private static final Pattern BOUNDARY =
      Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("(?i);\\s*filename=\"([^\"]*)\"");

  private Multipart() {}

  static DocumentImports.Upload file(byte[] body, String contentType, String field) {
    Matcher b = BOUNDARY.matcher(contentType);
    if (!b.find()) {
      throw new InvalidInputException("body", "multipart/form-data needs a boundary");
    }
    byte[] delimiter =
        ("--" + (b.group(1) != null ? b.group(1) : b.group(2)))
            .getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, delimiter, 0);
    while (pos >= 0) {
      int headersStart = pos + delimiter.length;
      if (headersStart + 2 <= body.length
          && body[headersStart] == '-'
          && body[headersStart + 1] == '-') {
        break;
      }
      headersStart = skipLineBreak(body, headersStart);
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) {
        break;
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      int next =
          indexOf(
              body,
              ("\r\n" + new String(delimiter, StandardCharsets.ISO_8859_1))
                  .getBytes(StandardCharsets.ISO_8859_1),
              contentStart);
      if (next < 0) {
        break;
      }
      String disposition = header(headers, "content-disposition");
      Matcher name = disposition == null ? null : NAME.matcher(disposition);
      if (name != null && name.find() && name.group(1).equals(field)) {
        byte[] content = java.util.Arrays.copyOfRange(body, contentStart, next);
        return new DocumentImports.Upload(
            content, header(headers, "content-type"), fileName(disposition));
      }
      pos = next + 2;
    }
    throw new InvalidInputException(
        "file", "is required: send the document as the multipart field 'file'");
  }

  /** The file name of a Content-Disposition header, if any. */
  static String fileName(String disposition) {
    if (disposition == null) {
      return null;
    }
    Matcher m = FILENAME.matcher(disposition);
    return m.find() ? m.group(1) : null;
  }

  private static String header(String headers, String name) {
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static int skipLineBreak(byte[] body, int at) {
    if (at + 1 < body.length && body[at] == '\r' && body[at + 1] == '\n') {
      return at + 2;
    }
    return at;
  }

  /** Where {@code needle} starts in {@code haystack} at or after {@code from}, or -1. */
  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
