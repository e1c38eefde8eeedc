package io.cvtailor.cv.internal;

import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvEdit;
import io.cvtailor.cv.CvSection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The person's choices over a generated CV: merged PATCH by PATCH, and applied to whatever the
 * generator produced (the first time or after a regeneration), so the choices outlive both.
 */
final class CvEditing {
  private CvEditing() {}

  /** {@code patch} over {@code stored}: given fields replace, items merge by id field by field. */
  static CvEdit merge(CvEdit stored, CvEdit patch) {
    Map<Long, CvEdit.ItemEdit> items = new LinkedHashMap<>();
    stored.items().forEach(i -> items.put(i.artifactId(), i));
    for (CvEdit.ItemEdit p : patch.items()) {
      CvEdit.ItemEdit old = items.get(p.artifactId());
      items.put(
          p.artifactId(),
          old == null
              ? p
              : new CvEdit.ItemEdit(
                  p.artifactId(),
                  p.included() != null ? p.included() : old.included(),
                  p.pinned() != null ? p.pinned() : old.pinned(),
                  p.position() != null ? p.position() : old.position(),
                  p.bullets() != null ? p.bullets() : old.bullets()));
    }
    Map<String, CvEdit.SkillEdit> skills = new LinkedHashMap<>();
    stored.skills().forEach(k -> skills.put(key(k.name()), k));
    for (CvEdit.SkillEdit p : patch.skills()) {
      CvEdit.SkillEdit old = skills.get(key(p.name()));
      skills.put(
          key(p.name()),
          old == null
              ? p
              : new CvEdit.SkillEdit(
                  old.name(),
                  p.included() != null ? p.included() : old.included(),
                  p.position() != null ? p.position() : old.position()));
    }
    return new CvEdit(
        patch.jobTitle() != null ? patch.jobTitle() : stored.jobTitle(),
        patch.company() != null ? patch.company() : stored.company(),
        patch.sectionOrder() != null ? patch.sectionOrder() : stored.sectionOrder(),
        patch.excludedSections() != null ? patch.excludedSections() : stored.excludedSections(),
        List.copyOf(items.values()),
        List.copyOf(skills.values()));
  }

  /** A skill's identity: its name, letter case and outer spaces aside. */
  static String key(String skill) {
    return skill == null ? "" : skill.strip().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The generated skills with the person's choices: those they included (their own skills, checked
   * when chosen) added at the end, those they removed set apart, then the placed ones moved to
   * their positions (lowest first), the rest keeping the generator's order.
   */
  static Cv withSkillChoices(Cv cv, List<String> generated, List<CvEdit.SkillEdit> edits) {
    Map<String, CvEdit.SkillEdit> byKey = new HashMap<>();
    edits.forEach(e -> byKey.put(key(e.name()), e));
    Map<String, String> all = new LinkedHashMap<>();
    generated.forEach(skill -> all.putIfAbsent(key(skill), skill));
    edits.stream()
        .filter(e -> Boolean.TRUE.equals(e.included()))
        .forEach(e -> all.putIfAbsent(key(e.name()), e.name().strip()));
    List<String> excluded = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    List<String> placed = new ArrayList<>();
    all.forEach(
        (k, skill) -> {
          CvEdit.SkillEdit e = byKey.get(k);
          if (e != null && Boolean.FALSE.equals(e.included())) {
            excluded.add(skill);
          } else if (e != null && e.position() != null) {
            placed.add(skill);
          } else {
            rest.add(skill);
          }
        });
    placed.sort(Comparator.comparingInt(skill -> byKey.get(key(skill)).position()));
    List<String> printed = new ArrayList<>(rest);
    for (String skill : placed) {
      int at = Math.max(0, Math.min(byKey.get(key(skill)).position(), printed.size()));
      printed.add(at, skill);
    }
    return cv.withSkills(List.copyOf(printed), List.copyOf(excluded));
  }

  /** Adds items the person included by hand to their sections (a new section in its place). */
  static Cv withExtras(Cv base, Map<Long, CvAssembler.Extra> extras) {
    if (extras.isEmpty()) {
      return base;
    }
    Map<String, List<Cv.Item>> bySection = new LinkedHashMap<>();
    base.sections().forEach(s -> bySection.put(s.name(), new ArrayList<>(s.items())));
    // Sections in the order of their enum's declaration (enums compare by it).
    extras.values().stream()
        .sorted(Comparator.comparing(e -> e.section()))
        .forEach(
            e -> {
              List<Cv.Item> items =
                  bySection.computeIfAbsent(e.section().value(), k -> new ArrayList<>());
              if (items.stream().noneMatch(i -> i.artifactId() == e.item().artifactId())) {
                items.add(e.item());
              }
            });
    List<Cv.Section> sections = new ArrayList<>();
    for (CvSection section : CvSection.values()) { // printed order of the generator
      List<Cv.Item> items = bySection.remove(section.value());
      if (items != null) {
        sections.add(new Cv.Section(section.value(), items));
      }
    }
    bySection.forEach((name, items) -> sections.add(new Cv.Section(name, items)));
    return copy(base, base.jobTitle(), base.company(), sections);
  }

  /** The generated CV with the person's choices applied. */
  static Cv apply(Cv base, CvEdit edits) {
    Map<Long, CvEdit.ItemEdit> items = new HashMap<>();
    edits.items().forEach(i -> items.put(i.artifactId(), i));
    List<String> excluded = edits.excludedSections() == null ? List.of() : edits.excludedSections();
    List<Cv.Section> sections = new ArrayList<>();
    for (Cv.Section section : base.sections()) {
      List<Cv.Item> edited = new ArrayList<>();
      for (Cv.Item item : section.items()) {
        edited.add(apply(item, items.get(item.artifactId())));
      }
      sections.add(
          new Cv.Section(
              section.name(), positioned(edited, items), excluded.contains(section.name())));
    }
    List<String> order = edits.sectionOrder() == null ? List.of() : edits.sectionOrder();
    List<Cv.Section> ordered = new ArrayList<>(sections);
    ordered.sort(
        Comparator.comparingInt(
            s -> order.indexOf(s.name()) < 0 ? order.size() : order.indexOf(s.name())));
    String title = blank(edits.jobTitle()) ? base.jobTitle() : edits.jobTitle().strip();
    String company = blank(edits.company()) ? base.company() : edits.company().strip();
    return withSkillChoices(copy(base, title, company, ordered), base.skills(), edits.skills());
  }

  private static Cv.Item apply(Cv.Item item, CvEdit.ItemEdit edit) {
    if (edit == null) {
      return item;
    }
    List<Cv.Bullet> bullets = item.bullets();
    if (edit.bullets() != null) {
      bullets =
          edit.bullets().stream()
              .map(
                  b -> {
                    String text = blank(b.text()) ? b.source() : b.text().strip();
                    return new Cv.Bullet(text, b.source(), !text.equals(b.source()));
                  })
              .toList();
    }
    return new Cv.Item(
        item.artifactId(),
        item.title(),
        item.organization(),
        item.dates(),
        item.startedOn(),
        item.endedOn(),
        item.url(),
        bullets.stream().map(Cv.Bullet::text).toList(),
        item.relevanceScore(),
        item.explanation(),
        bullets,
        Boolean.TRUE.equals(edit.pinned()),
        Boolean.FALSE.equals(edit.included()));
  }

  /** Items the person placed go to their positions (lowest first); the others keep their order. */
  private static List<Cv.Item> positioned(List<Cv.Item> items, Map<Long, CvEdit.ItemEdit> edits) {
    List<Cv.Item> placed = new ArrayList<>();
    List<Cv.Item> rest = new ArrayList<>();
    for (Cv.Item item : items) {
      CvEdit.ItemEdit e = edits.get(item.artifactId());
      (e != null && e.position() != null ? placed : rest).add(item);
    }
    placed.sort(Comparator.comparingInt(i -> edits.get(i.artifactId()).position()));
    List<Cv.Item> result = new ArrayList<>(rest);
    for (Cv.Item item : placed) {
      int at = Math.max(0, Math.min(edits.get(item.artifactId()).position(), result.size()));
      result.add(at, item);
    }
    return result;
  }

  private static Cv copy(Cv base, String title, String company, List<Cv.Section> sections) {
    return new Cv(
        base.id(),
        base.createdAt(),
        title,
        company,
        base.rankingMethod(),
        base.basics(),
        sections,
        base.skills(),
        base.coverage(),
        base.theme(),
        Cv.nameOf(title, company, base.createdAt()),
        base.jobDescription());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
