package io.cvtailor.app.web;

import io.cvtailor.kernel.Deadline;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits before work, for every API request: the body is counted as it arrives (a declared {@code
 * Content-Length} over the limit is refused before a byte is read; a chunked body is cut at the
 * first byte past it) and the request gets its {@link Deadline}. The import routes take larger
 * bodies ({@code http.max-import-bytes}) than the rest ({@code http.max-body-bytes}) and more time
 * ({@code http.import-timeout-ms} instead of {@code http.request-timeout-ms}).
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class RequestLimits extends HttpFilter {
  static final String BODY_KEY = "http.max-body-bytes";
  static final String IMPORT_KEY = "http.max-import-bytes";

  @Inject
  @ConfigProperty(name = BODY_KEY, defaultValue = "1048576")
  long maxBodyBytes;

  @Inject
  @ConfigProperty(name = IMPORT_KEY, defaultValue = "16777216")
  long maxImportBytes;

  @Inject
  @ConfigProperty(name = "http.request-timeout-ms", defaultValue = "30000")
  long requestTimeoutMs;

  // An import may create up to artifacts.max-per-user (10,000) artifacts in one all-or-nothing
  // transaction, each queuing its embedding; on a busy 2-core machine that took 30-70 s, so the
  // import routes get their own, longer deadline instead of raising every request's.
  @Inject
  @ConfigProperty(name = "http.import-timeout-ms", defaultValue = "120000")
  long importTimeoutMs;

  // The deadline scope is entered for what it does (the thread's deadline), not referenced.
  @SuppressWarnings("try")
  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    boolean isImport = isImport(request);
    long limit = isImport ? maxImportBytes : maxBodyBytes;
    String key = isImport ? IMPORT_KEY : BODY_KEY;
    if (request.getContentLengthLong() > limit) {
      write(response, new BodyTooLargeException("body", limit, key).toResponse());
      return;
    }
    Deadline deadline =
        Deadline.after(Duration.ofMillis(isImport ? importTimeoutMs : requestTimeoutMs));
    try (Deadline.Scope scope = deadline.enter()) {
      chain.doFilter(new CountedBody(request, limit, key, deadline), response);
    } catch (IOException | ServletException | RuntimeException e) {
      // Normally an exception mapper answers; this is the last resort when one escapes.
      if (BodyTooLargeException.in(e).isPresent() && !response.isCommitted()) {
        write(response, BodyTooLargeException.in(e).get().toResponse());
        return;
      }
      throw e;
    }
  }

  static boolean isImport(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String route = path.replaceAll("/+$", "");
    // Documents (POST /imports, not its confirm) are larger than a JSON body too.
    return route.equals("/api/v1/artifacts/import") || route.equals("/api/v1/imports");
  }

  private static void write(HttpServletResponse response, Response problem) throws IOException {
    response.reset();
    response.setStatus(problem.getStatus());
    problem
        .getHeaders()
        .forEach(
            (name, values) -> values.forEach(v -> response.addHeader(name, String.valueOf(v))));
    response.setContentType(Problem.MEDIA_TYPE.toString());
    JsonMapping.MAPPER.writeValue(response.getOutputStream(), problem.getEntity());
  }

  /** The request with its body counted as it is read. */
  private static final class CountedBody extends HttpServletRequestWrapper {
    private final long limit;
    private final String key;
    private final Deadline deadline;
    private ServletInputStream counted;

    CountedBody(HttpServletRequest request, long limit, String key, Deadline deadline) {
      super(request);
      this.limit = limit;
      this.key = key;
      this.deadline = deadline;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (counted == null) {
        counted = new CountingStream(super.getInputStream(), limit, key, deadline);
      }
      return counted;
    }

    @Override
    public java.io.BufferedReader getReader() throws IOException {
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(
              getInputStream(), getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
    }
  }

  /**
   * Counts bytes as they arrive and fails at the first one past the limit; a slowly trickling body
   * also ends at the request's deadline (each read returns when some bytes came).
   */
  private static final class CountingStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private final String key;
    private final Deadline deadline;
    private long count;

    CountingStream(ServletInputStream in, long limit, String key, Deadline deadline) {
      this.in = in;
      this.limit = limit;
      this.key = key;
      this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      // Never read more than one byte past the limit, so the limit is exact.
      int n = in.read(buffer, offset, (int) Math.min(length, Math.max(1, limit - count + 1)));
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) throws IOException {
      count += n;
      if (count > limit) {
        throw new BodyTooLargeException("body", limit, key);
      }
      deadline.check();
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
