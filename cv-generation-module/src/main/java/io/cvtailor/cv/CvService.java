package io.cvtailor.cv;

import io.cvtailor.search.RankingMethod;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Generates, keeps and deletes a user's tailored CVs. Another user's CV is not found. */
public interface CvService {

  /**
   * What to tailor to; {@code sections} empty means all of them. {@code maxItems} (null: no total):
   * the CV is made from that many best-ranked artifacts — the matches the ranking shows with the
   * same method and {@code top_k} — those related to the posting and with a CV section becoming its
   * items; education, which every CV keeps, comes in addition.
   */
  record CvRequest(
      String jobDescription,
      String jobTitle,
      String company,
      RankingMethod rankingMethod,
      int maxItemsPerSection,
      Set<CvSection> sections,
      CvTheme theme,
      Integer maxItems) {

    /** Without a total item count. */
    public CvRequest(
        String jobDescription,
        String jobTitle,
        String company,
        RankingMethod rankingMethod,
        int maxItemsPerSection,
        Set<CvSection> sections,
        CvTheme theme) {
      this(
          jobDescription,
          jobTitle,
          company,
          rankingMethod,
          maxItemsPerSection,
          sections,
          theme,
          null);
    }

    /** A request for the classic theme. */
    public CvRequest(
        String jobDescription,
        String jobTitle,
        String company,
        RankingMethod rankingMethod,
        int maxItemsPerSection,
        Set<CvSection> sections) {
      this(
          jobDescription,
          jobTitle,
          company,
          rankingMethod,
          maxItemsPerSection,
          sections,
          CvTheme.CLASSIC);
    }
  }

  /**
   * A saved CV in a listing; {@code name} reads "Title — Company, date"; {@code requirements} the
   * posting's requirements it was tailored to, {@code requirementsCovered} how many it covers.
   */
  record CvSummary(
      UUID id,
      Instant createdAt,
      String jobTitle,
      String company,
      double coveredRatio,
      String name,
      int requirements,
      int requirementsCovered) {}

  /** Title and company as the posting states them (either may be null). */
  record PostingContext(String jobTitle, String company) {}

  /** Title and company proposed from the posting's first lines and "at Company" phrases. */
  PostingContext propose(String posting);

  Cv generate(long userId, CvRequest request);

  Cv get(long userId, UUID cvId);

  List<CvSummary> list(long userId);

  void delete(long userId, UUID cvId);

  /**
   * Applies the person's changes (merged with those made before) to the CV and saves it.
   *
   * @throws io.cvtailor.kernel.InvalidInputException naming the field of a change that cannot apply
   *     (an artifact that is not the person's, a bullet source that is not its sentence)
   */
  default Cv edit(long userId, UUID cvId, CvEdit edit) {
    return edit(userId, cvId, edit, null);
  }

  /**
   * As {@link #edit(long, UUID, CvEdit)}, only if the CV is at one of {@code expectedVersions}
   * (If-Match; null: whatever its version, and a change made at the same moment is then merged,
   * never overwritten).
   *
   * @throws CvChangedException when the CV is at none of {@code expectedVersions}; nothing changed
   */
  Cv edit(long userId, UUID cvId, CvEdit edit, Set<Long> expectedVersions);

  /**
   * Generates the CV again from its stored posting and settings (the artifacts may have changed),
   * then applies every choice the person made: excluded items stay out, included and pinned items
   * stay in, order, chosen and reworded bullets, title and company are kept.
   */
  default Cv regenerate(long userId, UUID cvId) {
    return regenerate(userId, cvId, null);
  }

  /**
   * As {@link #regenerate(long, UUID)}, only if the CV is at one of {@code expectedVersions} (null:
   * whatever it is; choices made while it was generated are applied too).
   *
   * @throws CvChangedException when the CV is at none of {@code expectedVersions}
   */
  Cv regenerate(long userId, UUID cvId, Set<Long> expectedVersions);

  /** The sentences of one of the person's artifacts a bullet may be chosen from (verbatim). */
  List<String> sentences(long userId, long artifactId);
}
