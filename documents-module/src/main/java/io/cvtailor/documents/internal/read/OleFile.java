package io.cvtailor.documents.internal.read;

/** OLE2 compound files: old Office formats, and the wrapper of password-encrypted OOXML files. */
final class OleFile {
  private OleFile() {}

  static boolean isOle(byte[] bytes) {
    return bytes.length >= 8
        && (bytes[0] & 0xff) == 0xD0
        && (bytes[1] & 0xff) == 0xCF
        && (bytes[2] & 0xff) == 0x11
        && (bytes[3] & 0xff) == 0xE0;
  }
}
