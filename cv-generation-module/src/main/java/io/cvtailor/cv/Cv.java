package io.cvtailor.cv;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A CV tailored to one job posting. Everything in it comes from the person's profile and artifacts:
 * highlights are sentences taken verbatim from the artifacts, never written anew. {@code theme} is
 * how it is printed ({@link CvTheme}; null, for CVs made before themes, is classic).
 */
public record Cv(
    UUID id,
    Instant createdAt,
    String jobTitle,
    String company,
    String rankingMethod,
    Basics basics,
    List<Section> sections,
    List<String> skills,
    Coverage coverage,
    String theme) {

  /** The person, from the profile. */
  public record Basics(
      String name,
      String headline,
      String email,
      String phone,
      String location,
      String summary,
      List<Link> links) {}

  public record Link(String label, String url) {}

  /** One section (see {@link CvSection}) and its items, most relevant first. */
  public record Section(String name, List<Item> items) {}

  /**
   * One artifact in the CV. {@code dates} is ready to print ("2021-03 – present"); {@code
   * startedOn} and {@code endedOn} keep the precision they were given with.
   */
  public record Item(
      long artifactId,
      String title,
      String organization,
      String dates,
      String startedOn,
      String endedOn,
      String url,
      List<String> highlights,
      double relevanceScore,
      String explanation) {}

  /** How well the artifacts cover the posting's requirements. */
  public record Coverage(List<Requirement> requirements, double coveredRatio) {}

  /** A requirement of the posting, its best evidence and whether that evidence is strong enough. */
  public record Requirement(String text, boolean covered, Long bestArtifactId, double score) {}
}
