package io.cvtailor.cv;

import java.util.List;

/**
 * What the person changed in a CV. A PATCH gives only what changes: a null field leaves the stored
 * choice as it was; {@code items} are merged by artifact id, field by field. Regeneration keeps
 * every choice (see {@link CvService#regenerate}).
 *
 * @param sectionOrder section names in the order to print them (those not named follow)
 * @param excludedSections sections left out of the printed CV
 * @param skills choices over the skills list, like those over items
 */
public record CvEdit(
    String jobTitle,
    String company,
    List<String> sectionOrder,
    List<String> excludedSections,
    List<ItemEdit> items,
    List<SkillEdit> skills) {

  public static final CvEdit NONE = new CvEdit(null, null, null, null, List.of(), List.of());

  public CvEdit {
    items = items == null ? List.of() : items;
    skills = skills == null ? List.of() : skills;
  }

  /** Choices over items and sections only. */
  public CvEdit(
      String jobTitle,
      String company,
      List<String> sectionOrder,
      List<String> excludedSections,
      List<ItemEdit> items) {
    this(jobTitle, company, sectionOrder, excludedSections, items, List.of());
  }

  /**
   * One skill's choices, merged by name (letter case aside). {@code included}: false removes it
   * from the printed list, true adds one of the person's own skills the generator left out (a skill
   * artifact's keyword or title, or a tag of their artifacts); {@code position}: its place in the
   * list (0 first).
   */
  public record SkillEdit(String name, Boolean included, Integer position) {}

  /**
   * One artifact's choices. {@code included}: true keeps it in the CV even where the ranking leaves
   * it out, false removes it; {@code pinned}: kept through every regeneration; {@code position}:
   * its place in its section (0 first); {@code bullets}: which of the artifact's own sentences are
   * its bullets, in order, each optionally reworded.
   */
  public record ItemEdit(
      long artifactId,
      Boolean included,
      Boolean pinned,
      Integer position,
      List<BulletEdit> bullets) {}

  /** {@code source}: one of the artifact's sentences, verbatim; {@code text}: its new wording. */
  public record BulletEdit(String source, String text) {}
}
