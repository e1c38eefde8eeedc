package io.cvtailor.measure.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed with {@code COPY ... FROM STDIN (FORMAT binary)}: vectors go over the wire as
 * pgvector's binary form (int16 dimensions, int16 unused, float4 each), so neither side formats or
 * parses 384 decimal numbers per row, which dominates a text COPY.
 *
 * <p>Fields are written in the order of the COPY column list; the statement is the caller's.
 */
final class PgBinaryCopy implements AutoCloseable {
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };
  private static final int FLUSH_BYTES = 1 << 20;

  private final CopyIn copy;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(FLUSH_BYTES + (64 << 10));
  private final DataOutputStream out = new DataOutputStream(buffer);
  private long rows;

  PgBinaryCopy(Connection connection, String copySql) throws SQLException {
    copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    try {
      out.write(SIGNATURE);
      out.writeInt(0); // flags
      out.writeInt(0); // header extension length
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  PgBinaryCopy row(int fields) throws SQLException {
    try {
      if (buffer.size() >= FLUSH_BYTES) {
        flush();
      }
      out.writeShort(fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    rows++;
    return this;
  }

  PgBinaryCopy int4(int value) {
    try {
      out.writeInt(4);
      out.writeInt(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  PgBinaryCopy int8(long value) {
    try {
      out.writeInt(8);
      out.writeLong(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** text, varchar and char(n) share this form: the UTF-8 bytes. */
  PgBinaryCopy text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    try {
      out.writeInt(bytes.length);
      out.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  PgBinaryCopy vector(float[] v) {
    try {
      out.writeInt(4 + 4 * v.length);
      out.writeShort(v.length);
      out.writeShort(0);
      for (float f : v) {
        out.writeFloat(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  long rows() {
    return rows;
  }

  /** Sends the trailer and ends the COPY; returns the rows the server stored. */
  long finish() throws SQLException {
    try {
      out.writeShort(-1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    flush();
    return copy.endCopy();
  }

  private void flush() throws SQLException {
    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
    buffer.reset();
  }

  @Override
  public void close() throws SQLException {
    if (copy.isActive()) {
      copy.cancelCopy();
    }
  }
}
