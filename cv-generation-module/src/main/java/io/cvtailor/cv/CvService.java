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

  /** A saved CV in a listing. */
  record CvSummary(
      UUID id, Instant createdAt, String jobTitle, String company, double coveredRatio) {}

  Cv generate(long userId, CvRequest request);

  Cv get(long userId, UUID cvId);

  List<CvSummary> list(long userId);

  void delete(long userId, UUID cvId);
}
