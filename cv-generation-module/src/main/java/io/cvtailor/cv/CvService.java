package io.cvtailor.cv;

import io.cvtailor.search.RankingMethod;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Generates, keeps and deletes a user's tailored CVs. Another user's CV is not found. */
public interface CvService {

  /** What to tailor to; {@code sections} empty means all of them. */
  record CvRequest(
      String jobDescription,
      String jobTitle,
      String company,
      RankingMethod rankingMethod,
      int maxItemsPerSection,
      Set<CvSection> sections,
      CvTheme theme) {

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

  /** A saved CV in a listing; {@code name} reads "Title — Company, date". */
  record CvSummary(
      UUID id,
      Instant createdAt,
      String jobTitle,
      String company,
      double coveredRatio,
      String name) {}

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
  Cv edit(long userId, UUID cvId, CvEdit edit);

  /**
   * Generates the CV again from its stored posting and settings (the artifacts may have changed),
   * then applies every choice the person made: excluded items stay out, included and pinned items
   * stay in, order, chosen and reworded bullets, title and company are kept.
   */
  Cv regenerate(long userId, UUID cvId);

  /** The sentences of one of the person's artifacts a bullet may be chosen from (verbatim). */
  List<String> sentences(long userId, long artifactId);
}
