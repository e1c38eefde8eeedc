package io.cvtailor.measure.bench;

import java.nio.ByteBuffer;
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
 * <p>Fields are written in the order of the COPY column list; the statement is the caller's. Rows
 * are gathered in a 1 MB buffer (big-endian, as the format wants) and sent when it fills.
 */
final class PgBinaryCopy implements AutoCloseable {
  private static final byte[] SIGNATURE = {
    'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
  };

  private final CopyIn copy;
  private ByteBuffer buffer = ByteBuffer.allocate(1 << 20);

  PgBinaryCopy(Connection connection, String copySql) throws SQLException {
    copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    buffer.put(SIGNATURE).putInt(0).putInt(0); // flags, header extension length
  }

  PgBinaryCopy row(int fields) throws SQLException {
    if (buffer.position() > buffer.capacity() / 2) {
      flush();
    }
    room(2).putShort((short) fields);
    return this;
  }

  PgBinaryCopy int4(int value) {
    room(8).putInt(4).putInt(value);
    return this;
  }

  PgBinaryCopy int8(long value) {
    room(12).putInt(8).putLong(value);
    return this;
  }

  PgBinaryCopy uuid(java.util.UUID value) {
    room(20)
        .putInt(16)
        .putLong(value.getMostSignificantBits())
        .putLong(value.getLeastSignificantBits());
    return this;
  }

  /** text, varchar and char(n) share this form: the UTF-8 bytes. */
  PgBinaryCopy text(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    room(4 + bytes.length).putInt(bytes.length).put(bytes);
    return this;
  }

  PgBinaryCopy vector(float[] v) {
    ByteBuffer out = room(8 + 4 * v.length).putInt(4 + 4 * v.length);
    out.putShort((short) v.length).putShort((short) 0);
    for (float f : v) {
      out.putFloat(f);
    }
    return this;
  }

  /** Sends the trailer and ends the COPY; returns the rows the server stored. */
  long finish() throws SQLException {
    room(2).putShort((short) -1);
    flush();
    return copy.endCopy();
  }

  /** A row wider than the buffer's free half grows it rather than splitting a field. */
  private ByteBuffer room(int bytes) {
    if (buffer.remaining() < bytes) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(2 * buffer.capacity(), bytes * 2));
      buffer.flip();
      buffer = bigger.put(buffer);
    }
    return buffer;
  }

  private void flush() throws SQLException {
    copy.writeToCopy(buffer.array(), 0, buffer.position());
    buffer.clear();
  }

  @Override
  public void close() throws SQLException {
    if (copy.isActive()) {
      copy.cancelCopy();
    }
  }
}
