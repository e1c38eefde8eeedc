package io.cvtailor.documents;

import io.cvtailor.artifacts.Profile;
import java.util.List;
import java.util.UUID;

/**
 * CV documents in, as proposals: a document is read into a profile and a list of proposed
 * artifacts, kept for a while, and nothing becomes an artifact until the person confirms the items
 * they accept (possibly edited). Every method acts for one user only; another user's proposal is
 * reported as not found.
 */
public interface DocumentImports {

  /**
   * Reads the document and keeps the proposal.
   *
   * @throws DocumentRejectedException when the document cannot be read (unsupported type, no text
   *     layer, encrypted, corrupt, too large, a decompression bomb)
   */
  ImportProposal propose(long userId, Upload upload);

  /** A kept proposal; not found when it does not exist, is another user's, or has expired. */
  ImportProposal get(long userId, UUID proposalId);

  /** The ids of the user's kept (not yet expired) proposals, newest first (at most the cap). */
  List<UUID> pendingOf(long userId);

  /**
   * Removes at most {@code limit} expired proposals of anyone (for the clean-up job: an expired
   * proposal still holds the extracted text of someone's CV); returns how many went.
   */
  int forgetExpired(int limit);

  /**
   * Creates the accepted items as artifacts and, when given, fills the profile with the accepted
   * basics, all or nothing: every item is validated like any artifact first, and errors name the
   * item ({@code items[2].started_on}). The proposal is spent afterwards.
   *
   * @return the ids of the new artifacts, in the order of the items
   */
  List<Long> confirm(long userId, UUID proposalId, List<ProposedItem> items, Profile profile);

  /**
   * A document as sent: its bytes, its declared media type, when known its file name, and whether
   * the caller asks for OCR of a PDF without a text layer (never done unasked).
   */
  record Upload(byte[] bytes, String mediaType, String fileName, boolean ocr) {
    public Upload(byte[] bytes, String mediaType, String fileName) {
      this(bytes, mediaType, fileName, false);
    }
  }
}
