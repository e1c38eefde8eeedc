package io.cvtailor.documents.internal.read;

import io.cvtailor.documents.DocumentRejectedException;
import io.cvtailor.documents.DocumentRejectedException.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * DOCX, ODT and LinkedIn exports are ZIP files. Each is unpacked here once, counting the bytes it
 * really inflates (the sizes a ZIP declares can lie), so a decompression bomb stops at the limit
 * instead of filling memory: at most {@link #MAX_ENTRIES} entries and {@link #MAX_EXPANDED_BYTES}
 * bytes in all, and no entry may expand more than {@link #MAX_RATIO} times beyond 1 MB.
 */
public final class SafeZip {
  static final int MAX_ENTRIES = 2_000;
  static final long MAX_EXPANDED_BYTES = 50L * 1024 * 1024;
  static final long MAX_RATIO = 200;
  private static final long RATIO_FREE_BYTES = 1024 * 1024;

  private SafeZip() {}

  /** Whether the bytes start like a ZIP file. */
  public static boolean isZip(byte[] bytes) {
    return bytes.length >= 4
        && bytes[0] == 'P'
        && bytes[1] == 'K'
        && bytes[2] == 3
        && bytes[3] == 4;
  }

  /**
   * The entries whose names {@code wanted} accepts, unpacked; every entry is inflated and counted
   * (so a bomb hidden in an entry we do not want is found too).
   */
  public static Map<String, byte[]> entries(byte[] zip, Predicate<String> wanted) {
    Map<String, byte[]> found = new LinkedHashMap<>();
    long total = 0;
    int count = 0;
    byte[] buffer = new byte[64 * 1024];
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (++count > MAX_ENTRIES) {
          throw new DocumentRejectedException(
              Kind.TOO_LARGE, "the archive has more than " + MAX_ENTRIES + " files");
        }
        boolean keep = !entry.isDirectory() && wanted.test(entry.getName());
        ByteArrayOutputStream out = keep ? new ByteArrayOutputStream() : null;
        long entryBytes = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
          entryBytes += n;
          total += n;
          if (total > MAX_EXPANDED_BYTES) {
            throw new DocumentRejectedException(
                Kind.TOO_LARGE,
                "the archive expands to more than "
                    + MAX_EXPANDED_BYTES / (1024 * 1024)
                    + " MB (a decompression bomb?)");
          }
          long compressed = Math.max(entry.getCompressedSize(), 1);
          if (entryBytes > RATIO_FREE_BYTES
              && entry.getCompressedSize() >= 0
              && entryBytes / compressed > MAX_RATIO) {
            throw new DocumentRejectedException(
                Kind.TOO_LARGE,
                "the archive entry "
                    + entry.getName()
                    + " expands more than "
                    + MAX_RATIO
                    + " times (a decompression bomb?)");
          }
          if (out != null) {
            out.write(buffer, 0, n);
          }
        }
        if (out != null) {
          found.put(entry.getName(), out.toByteArray());
        }
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new DocumentRejectedException(
          Kind.UNREADABLE, "the file is not a readable ZIP archive: " + e.getMessage());
    }
    if (count == 0) {
      throw new DocumentRejectedException(
          Kind.UNREADABLE, "the file is not a readable ZIP archive");
    }
    return found;
  }
}
