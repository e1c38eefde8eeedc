package io.cvtailor.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plain HTTP/1.1 client over a socket for hostile requests: the body is generated while it is
 * sent (100 MB never sit in the test's heap), sent by a second thread while this one waits for the
 * answer, so a server that answers early (413) is seen answering early; the JDK client's h2c
 * upgrade once broke large bodies.
 */
public final class RawHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Writes a body to the stream, as fast as the server takes it. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** The answer, how long it took and how many body bytes the server had taken by then. */
  public record Reply(
      int status, Map<String, String> headers, String body, long millis, long bytesSentBefore) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException(body, e);
      }
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  /**
   * Sends {@code method path} with the body; {@code contentLength} declares the length (null:
   * chunked transfer coding).
   */
  public static Reply send(
      URI base,
      String method,
      String path,
      String token,
      String contentType,
      Long contentLength,
      Body body,
      String... headers)
      throws IOException {
    URI target = base.resolve(path);
    int port = target.getPort() < 0 ? 80 : target.getPort();
    AtomicLong sent = new AtomicLong();
    try (Socket socket = new Socket(target.getHost(), port)) {
      socket.setSoTimeout(120_000);
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target.getRawPath()).append(" HTTP/1.1\r\n");
      head.append("Host: ").append(target.getHost()).append(':').append(port).append("\r\n");
      if (token != null) {
        head.append("Authorization: Bearer ").append(token).append("\r\n");
      }
      head.append("Content-Type: ").append(contentType).append("\r\n");
      head.append(
          contentLength == null
              ? "Transfer-Encoding: chunked\r\n"
              : "Content-Length: " + contentLength + "\r\n");
      for (int i = 0; i + 1 < headers.length; i += 2) {
        head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      OutputStream raw = socket.getOutputStream();
      raw.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      raw.flush();
      long started = System.nanoTime();
      Thread writer =
          new Thread(
              () -> {
                try {
                  OutputStream counted =
                      new CountingOutput(
                          contentLength == null ? new ChunkedOutput(raw) : raw, sent);
                  body.writeTo(counted);
                  counted.close();
                } catch (IOException e) {
                  // the server stopped reading (it answered early and closed): expected
                }
              },
              "raw-http-body");
      writer.setDaemon(true);
      writer.start();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String statusLine = line(in);
      long millis = (System.nanoTime() - started) / 1_000_000;
      long sentBefore = sent.get();
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> responseHeaders = new TreeMap<>();
      for (String header = line(in); !header.isEmpty(); header = line(in)) {
        int colon = header.indexOf(':');
        responseHeaders.merge(
            header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            header.substring(colon + 1).strip(),
            (a, b) -> a + ", " + b);
      }
      String responseBody = new String(readBody(in, responseHeaders), StandardCharsets.UTF_8);
      writer.interrupt();
      return new Reply(status, responseHeaders, responseBody, millis, sentBefore);
    }
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16);
          size > 0;
          size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
    } else if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    } else {
      body.write(in.readAllBytes());
    }
    return body.toByteArray();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed before a full response: " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  /** Repeats {@code unit} {@code times} times between a prefix and a suffix. */
  public static Body repeated(String prefix, String unit, long times, String suffix) {
    return out -> {
      byte[] one = unit.getBytes(StandardCharsets.UTF_8);
      int perBlock = Math.max(1, 64 * 1024 / one.length);
      byte[] block = new byte[perBlock * one.length];
      for (int i = 0; i < perBlock; i++) {
        System.arraycopy(one, 0, block, i * one.length, one.length);
      }
      out.write(prefix.getBytes(StandardCharsets.UTF_8));
      long left = times;
      while (left >= perBlock) {
        out.write(block);
        left -= perBlock;
      }
      for (; left > 0; left--) {
        out.write(one);
      }
      out.write(suffix.getBytes(StandardCharsets.UTF_8));
    };
  }

  /** The length in bytes of what {@link #repeated} writes. */
  public static long lengthOf(String prefix, String unit, long times, String suffix) {
    return prefix.getBytes(StandardCharsets.UTF_8).length
        + unit.getBytes(StandardCharsets.UTF_8).length * times
        + suffix.getBytes(StandardCharsets.UTF_8).length;
  }

  private static final class CountingOutput extends OutputStream {
    private final OutputStream out;
    private final AtomicLong count;

    CountingOutput(OutputStream out, AtomicLong count) {
      this.out = out;
      this.count = count;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count.incrementAndGet();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count.addAndGet(len);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Chunked transfer coding, one chunk per write. */
  private static final class ChunkedOutput extends OutputStream {
    private final OutputStream out;

    ChunkedOutput(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(b, off, len);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() throws IOException {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }
}
