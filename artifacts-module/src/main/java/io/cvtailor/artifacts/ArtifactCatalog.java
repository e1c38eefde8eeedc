package io.cvtailor.artifacts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The artifacts of each user. Every method taking a {@code userId} acts for that user only: another
 * user's artifact is reported as not found. Changes fire {@link ArtifactCreated}, {@link
 * ArtifactUpdated} and {@link ArtifactDeleted} inside their transaction.
 */
public interface ArtifactCatalog {

  Artifact create(long userId, ArtifactDraft draft);

  /** Replaces the artifact; {@code draft.version()} must be the current version. */
  Artifact update(long userId, long artifactId, ArtifactDraft draft);

  void delete(long userId, long artifactId);

  Artifact get(long userId, long artifactId);

  ArtifactPage list(long userId, ArtifactFilter filter);

  /** Every artifact of the user, oldest first (for export). */
  List<Artifact> allOf(long userId);

  /** Every artifact of the user without its text, oldest first. */
  List<ArtifactLabel> labelsOf(long userId);

  /**
   * The user's artifacts among {@code artifactIds}, oldest first (others' and unknown ids: none).
   */
  List<Artifact> someOf(long userId, Collection<Long> artifactIds);

  /**
   * Creates all the items or none: every item is validated first and the errors of all items are
   * reported together, with fields prefixed by the item's path.
   */
  List<Long> importAll(long userId, List<ImportItem> items);

  /** The ids among {@code artifactIds} that the user does not own (or that do not exist). */
  List<Long> notOwnedBy(long userId, List<Long> artifactIds);

  /** The text of the user's artifact's current version, for the embedding pipeline. */
  Optional<ArtifactContent> content(long userId, long artifactId);

  /**
   * Records the embedding outcome for a version; ignored when the artifact has moved on to a newer
   * version, so a late result never marks newer content as ready.
   */
  void recordEmbeddingOutcome(
      long userId, long artifactId, long version, EmbeddingStatus status, String error);

  /**
   * Marks the current version of each of the user's {@code artifactIds} as waiting for embeddings
   * (queued again: a re-index, a new model); one being written right now is skipped (its writer
   * sets the status). Returns how many were marked.
   */
  int markEmbeddingPending(long userId, Collection<Long> artifactIds);
}
