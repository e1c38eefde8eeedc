package io.cvtailor.cv;

import java.util.List;

/**
 * What the person changed in a CV. A PATCH gives only what changes: a null field leaves the stored
 * choice as it was; {@code items} are merged by artifact id, field by field. Regeneration keeps
 * every choice (see {@link CvService#regenerate}).
 *
 * @param sectionOrder section names in the order to print them (those not named follow)
 * @param excludedSections sections left out of the printed CV
 */
public record CvEdit(
    String jobTitle,
    String company,
    List<String> sectionOrder,
    List<String> excludedSections,
    List<ItemEdit> items) {

  public static final CvEdit NONE = new CvEdit(null, null, null, null, List.of());

  public CvEdit {
    items = items == null ? List.of() : items;
  }

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
