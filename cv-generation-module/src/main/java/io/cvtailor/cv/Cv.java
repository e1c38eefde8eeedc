package io.cvtailor.cv;

import io.cvtailor.search.Fit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A CV tailored to one job posting. Everything in it comes from the person's profile and artifacts:
 * highlights are sentences taken verbatim from the artifacts, never written anew, unless the person
 * reworded one themselves (then its {@link Bullet} is marked {@code edited} and still names the
 * artifact sentence it came from). {@code theme} is how it is printed ({@link CvTheme}; null, for
 * CVs made before themes, is classic). {@code name} reads "Title — Company, date"; {@code
 * jobDescription} is the posting the CV was tailored to. Items and sections the person excluded
 * stay in the document (so the editor can bring them back) but are never printed: every renderer
 * prints {@link #printable()}. {@code version} counts the stored CV's changes (1 when generated,
 * one more per edit or regeneration): the API's {@code ETag}, which {@code If-Match} on a PATCH
 * compares against so that a change made meanwhile is not overwritten. {@code skills} are printed;
 * {@code excludedSkills} are those the person removed (kept so the editor can bring them back).
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
    String theme,
    String name,
    String jobDescription,
    long version,
    List<String> excludedSkills) {

  public Cv(
      UUID id,
      Instant createdAt,
      String jobTitle,
      String company,
      String rankingMethod,
      Basics basics,
      List<Section> sections,
      List<String> skills,
      Coverage coverage,
      String theme,
      String name,
      String jobDescription) {
    this(
        id,
        createdAt,
        jobTitle,
        company,
        rankingMethod,
        basics,
        sections,
        skills,
        coverage,
        theme,
        name,
        jobDescription,
        0,
        List.of());
  }

  /** This CV as stored at {@code version} (see {@link #version()}). */
  public Cv withVersion(long version) {
    return new Cv(
        id,
        createdAt,
        jobTitle,
        company,
        rankingMethod,
        basics,
        sections,
        skills,
        coverage,
        theme,
        name,
        jobDescription,
        version,
        excludedSkills);
  }

  /** This CV with the skills the person removed set apart (printed: {@code skills} only). */
  public Cv withSkills(List<String> skills, List<String> excludedSkills) {
    return new Cv(
        id,
        createdAt,
        jobTitle,
        company,
        rankingMethod,
        basics,
        sections,
        skills,
        coverage,
        theme,
        name,
        jobDescription,
        version,
        excludedSkills);
  }

  public Cv {
    sections = sections == null ? List.of() : sections;
    skills = skills == null ? List.of() : skills;
    excludedSkills = excludedSkills == null ? List.of() : excludedSkills;
    if (name == null) {
      name = nameOf(jobTitle, company, createdAt);
    }
  }

  /** A CV as made before editing existed. */
  public Cv(
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
    this(
        id,
        createdAt,
        jobTitle,
        company,
        rankingMethod,
        basics,
        sections,
        skills,
        coverage,
        theme,
        null,
        null);
  }

  /** "Title — Company, 2026-11-30", with what is known. */
  public static String nameOf(String jobTitle, String company, Instant createdAt) {
    String title = blank(jobTitle) ? "CV" : jobTitle.strip();
    String name = blank(company) ? title : title + " — " + company.strip();
    return createdAt == null
        ? name
        : name + ", " + createdAt.atOffset(ZoneOffset.UTC).toLocalDate();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** The CV as it is printed: excluded sections and items left out, empty sections dropped. */
  public Cv printable() {
    List<Section> shown =
        sections.stream()
            .filter(s -> !s.excluded())
            .map(s -> new Section(s.name(), s.items().stream().filter(i -> !i.excluded()).toList()))
            .filter(s -> !s.items().isEmpty())
            .toList();
    return new Cv(
        id,
        createdAt,
        jobTitle,
        company,
        rankingMethod,
        basics,
        shown,
        skills,
        coverage,
        theme,
        name,
        jobDescription,
        version,
        excludedSkills);
  }

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

  /**
   * One section (see {@link CvSection}) and its items, most relevant first unless the person
   * reordered them; {@code excluded} when the person removed the whole section.
   */
  public record Section(String name, List<Item> items, boolean excluded) {
    public Section {
      items = items == null ? List.of() : items;
    }

    public Section(String name, List<Item> items) {
      this(name, items, false);
    }
  }

  /**
   * One artifact in the CV. {@code dates} is ready to print ("2021-03 – present"); {@code
   * startedOn} and {@code endedOn} keep the precision they were given with. {@code highlights} are
   * the printed bullets; {@code bullets} say where each came from. {@code pinned}: the person keeps
   * it through regeneration; {@code excluded}: the person removed it (not printed).
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
      String explanation,
      List<Bullet> bullets,
      boolean pinned,
      boolean excluded) {

    public Item {
      highlights = highlights == null ? List.of() : highlights;
      if (bullets == null) { // generated, or stored before bullets were recorded
        bullets = highlights.stream().map(h -> new Bullet(h, h, false)).toList();
      }
    }

    public Item(
        long artifactId,
        String title,
        String organization,
        String dates,
        String startedOn,
        String endedOn,
        String url,
        List<String> highlights,
        double relevanceScore,
        String explanation) {
      this(
          artifactId,
          title,
          organization,
          dates,
          startedOn,
          endedOn,
          url,
          highlights,
          relevanceScore,
          explanation,
          null,
          false,
          false);
    }
  }

  /**
   * A printed bullet: {@code text} as printed, {@code source} the artifact's own sentence it comes
   * from (verbatim), {@code edited} when the person reworded it.
   */
  public record Bullet(String text, String source, boolean edited) {}

  /** How well the artifacts cover the posting's requirements. */
  public record Coverage(List<Requirement> requirements, double coveredRatio) {}

  /**
   * A requirement of the posting, its best evidence and whether that evidence is strong enough.
   * {@code score} is the coverage score "covered" is decided on (kept for the API); {@code fit} is
   * that evidence on the fixed scale every fit is shown on (strong, partial, weak, unrelated; null
   * in CVs made before it existed).
   */
  public record Requirement(
      String text, boolean covered, Long bestArtifactId, double score, Fit fit) {
    public Requirement(String text, boolean covered, Long bestArtifactId, double score) {
      this(text, covered, bestArtifactId, score, null);
    }
  }
}
