package io.cvtailor.app.web;

import io.cvtailor.kernel.Deadline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads NDJSON one line at a time, refusing a line longer than {@code http.max-ndjson-line-bytes}
 * as soon as its bytes pass the limit (a whole body without a line break is never buffered). Lines
 * are found by scanning a block buffer, so millions of short lines cost microseconds each.
 */
final class NdjsonLines {
  static final String LINE_KEY = "http.max-ndjson-line-bytes";

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buffer = new byte[64 * 1024];
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private int position;
  private int end;
  private int number;

  NdjsonLines(InputStream body, int maxLineBytes) {
    this.in = body;
    this.maxLineBytes = maxLineBytes;
  }

  /** The line number (from 1) of the line last returned. */
  int number() {
    return number;
  }

  /**
   * The next non-empty line without its line break, or null at the end of the body. Empty lines are
   * counted (line numbers stay an editor's) but not returned.
   */
  String next() throws IOException {
    line.reset();
    boolean any = false;
    while (true) {
      if (position == end) {
        end = in.read(buffer, 0, buffer.length);
        position = 0;
        if (end <= 0) {
          end = 0;
          return any ? finish() : null;
        }
        Deadline.checkCurrent();
      }
      if (!any) {
        while (position < end && buffer[position] == '\n') { // empty lines, the cheap way
          number++;
          position++;
        }
        if (position == end) {
          continue;
        }
        any = true;
        number++;
      }
      int start = position;
      while (position < end && buffer[position] != '\n') {
        position++;
      }
      int length = position - start;
      if (line.size() + length > maxLineBytes) {
        throw new BodyTooLargeException("line[" + number + "]", maxLineBytes, LINE_KEY);
      }
      line.write(buffer, start, length);
      if (position < end) { // at the line break
        position++;
        return finish();
      }
    }
  }

  private String finish() {
    int length = line.size();
    if (length == 0) {
      return "";
    }
    byte[] bytes = line.toByteArray();
    if (bytes[length - 1] == '\r') {
      length--;
    }
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }
}
