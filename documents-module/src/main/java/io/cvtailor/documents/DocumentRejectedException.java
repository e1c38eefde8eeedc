package io.cvtailor.documents;

/**
 * A document that cannot be read, with the reason and what to do about it; nothing was kept. The
 * kind says which HTTP status answers it.
 */
public class DocumentRejectedException extends RuntimeException {

  /** Why a document was rejected. */
  public enum Kind {
    /** Not one of the accepted formats (415). */
    UNSUPPORTED,
    /** Larger than the documented limit, or expands beyond it (413). */
    TOO_LARGE,
    /** Encrypted, damaged, or not what its type says (400). */
    UNREADABLE,
    /** Readable but without usable text, e.g. a scanned PDF with no text layer (422). */
    NO_TEXT,
    /** A bounded resource (OCR) is busy with other documents; trying again later may work (503). */
    BUSY
  }

  private final Kind kind;

  public DocumentRejectedException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
