package io.cvtailor.cv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvEdit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CvEditingTest {
  private static final Instant WHEN = Instant.parse("2026-11-30T10:00:00Z");

  private static Cv.Item item(long id, String... highlights) {
    return new Cv.Item(id, "T" + id, "Org", null, null, null, null, List.of(highlights), 1, null);
  }

  private static Cv cv() {
    return new Cv(
        UUID.randomUUID(),
        WHEN,
        "Backend Engineer",
        "Acme",
        "hybrid",
        new Cv.Basics("Ana", null, null, null, null, null, List.of()),
        List.of(
            new Cv.Section("experience", List.of(item(1, "a1", "a2"), item(2, "b1"), item(3))),
            new Cv.Section("education", List.of(item(9, "e1")))),
        List.of("Kotlin"),
        new Cv.Coverage(List.of(), 0),
        "classic");
  }

  @Test
  void excludePinReorderAndRewordAreApplied() {
    CvEdit edit =
        new CvEdit(
            "Senior Backend Engineer",
            null,
            List.of("education", "experience"),
            null,
            List.of(
                new CvEdit.ItemEdit(3, null, true, 0, null),
                new CvEdit.ItemEdit(2, false, null, null, null),
                new CvEdit.ItemEdit(
                    1,
                    null,
                    null,
                    null,
                    List.of(
                        new CvEdit.BulletEdit("a2", "A2, in my words"),
                        new CvEdit.BulletEdit("a1", null)))));
    Cv edited = CvEditing.apply(cv(), edit);
    assertThat(edited.name()).isEqualTo("Senior Backend Engineer — Acme, 2026-11-30");
    assertThat(edited.sections())
        .extracting(Cv.Section::name)
        .containsExactly("education", "experience");
    Cv.Section experience = edited.sections().get(1);
    assertThat(experience.items()).extracting(Cv.Item::artifactId).containsExactly(3L, 1L, 2L);
    assertThat(experience.items().get(0).pinned()).isTrue();
    assertThat(experience.items().get(2).excluded()).isTrue();
    Cv.Item one = experience.items().get(1);
    assertThat(one.highlights()).containsExactly("A2, in my words", "a1");
    assertThat(one.bullets())
        .containsExactly(
            new Cv.Bullet("A2, in my words", "a2", true), new Cv.Bullet("a1", "a1", false));

    Cv printed = edited.printable();
    assertThat(printed.sections().get(1).items())
        .extracting(Cv.Item::artifactId)
        .containsExactly(3L, 1L);
  }

  /**
   * Skills are edited like items (issue 12 item 3): removed ones set apart (not printed, kept for
   * the editor), one added by hand, one moved first; merged by name whatever its letter case, and
   * applied again over a regenerated list.
   */
  @Test
  void skillsAreIncludedExcludedAndReorderedLikeItems() {
    Cv base = cv().withSkills(List.of("Kotlin", "Java", "PostgreSQL", "Kafka"), List.of());
    CvEdit first =
        CvEditing.merge(
            CvEdit.NONE,
            new CvEdit(
                null,
                null,
                null,
                null,
                List.of(),
                List.of(
                    new CvEdit.SkillEdit("java", false, null),
                    new CvEdit.SkillEdit("Kafka", null, 0),
                    new CvEdit.SkillEdit("Terraform", true, null))));
    Cv edited = CvEditing.apply(base, first);
    assertThat(edited.skills()).containsExactly("Kafka", "Kotlin", "PostgreSQL", "Terraform");
    assertThat(edited.excludedSkills()).containsExactly("Java");
    assertThat(edited.printable().skills()).doesNotContain("Java");

    // A later PATCH brings Java back, second; the other choices stay.
    CvEdit second =
        CvEditing.merge(
            first,
            new CvEdit(
                null, null, null, null, List.of(), List.of(new CvEdit.SkillEdit("JAVA", true, 1))));
    Cv again = CvEditing.apply(base, second);
    assertThat(again.skills())
        .containsExactly("Kafka", "Java", "Kotlin", "PostgreSQL", "Terraform");
    assertThat(again.excludedSkills()).isEmpty();

    // Regenerated with other skills: the choices apply to the new list.
    Cv regenerated = cv().withSkills(List.of("Go", "Java", "Kafka"), List.of());
    Cv kept = CvEditing.apply(regenerated, first);
    assertThat(kept.skills()).containsExactly("Kafka", "Go", "Terraform");
    assertThat(kept.excludedSkills()).containsExactly("Java");
  }

  @Test
  void anExcludedSectionIsNotPrintedButKept() {
    Cv edited =
        CvEditing.apply(cv(), new CvEdit(null, null, null, List.of("education"), List.of()));
    assertThat(edited.sections()).hasSize(2);
    assertThat(edited.printable().sections())
        .extracting(Cv.Section::name)
        .containsExactly("experience");
  }

  @Test
  void patchesMergeFieldByField() {
    CvEdit first =
        new CvEdit("X", null, null, null, List.of(new CvEdit.ItemEdit(1, false, true, 2, null)));
    CvEdit second =
        new CvEdit(null, "Y", null, null, List.of(new CvEdit.ItemEdit(1, true, null, null, null)));
    CvEdit merged = CvEditing.merge(first, second);
    assertThat(merged.jobTitle()).isEqualTo("X");
    assertThat(merged.company()).isEqualTo("Y");
    assertThat(merged.items()).containsExactly(new CvEdit.ItemEdit(1, true, true, 2, null));
  }

  @Test
  void anIncludedArtifactJoinsItsSection() {
    Cv base = cv();
    Cv with =
        CvEditing.withExtras(
            base,
            Map.of(7L, new CvAssembler.Extra(io.cvtailor.cv.CvSection.PROJECTS, item(7, "p1"))));
    assertThat(with.sections())
        .extracting(Cv.Section::name)
        .containsExactly("experience", "projects", "education");
  }

  /** What is stored reads back the same, and a CV stored before editing reads with defaults. */
  @Test
  void anEditedCvAndAnOldOneReadBackFromJson() throws Exception {
    Cv edited =
        CvEditing.apply(
            cv(),
            new CvEdit(
                null,
                null,
                null,
                null,
                List.of(
                    new CvEdit.ItemEdit(
                        1, null, true, null, List.of(new CvEdit.BulletEdit("a1", "A one"))))));
    String json = JpaCvService.JSON.writeValueAsString(edited);
    assertThat(JpaCvService.JSON.readValue(json, Cv.class)).isEqualTo(edited);
    CvEdit edit =
        new CvEdit("T", null, List.of("education"), null, edited == null ? null : List.of());
    assertThat(
            JpaCvService.JSON.readValue(JpaCvService.JSON.writeValueAsString(edit), CvEdit.class))
        .isEqualTo(edit);

    String old =
        "{\"id\":\"6e82e237-1f0b-4c49-9a4e-2a1d3c4b5e6f\",\"created_at\":\"2026-11-01T10:00:00Z\","
            + "\"job_title\":null,\"company\":null,\"ranking_method\":\"hybrid\",\"basics\":null,"
            + "\"sections\":[{\"name\":\"experience\",\"items\":[{\"artifact_id\":3,\"title\":\"T\","
            + "\"highlights\":[\"h\"],\"relevance_score\":1}]}],\"skills\":[],"
            + "\"coverage\":{\"requirements\":[],\"covered_ratio\":0},\"theme\":null}";
    Cv read = JpaCvService.JSON.readValue(old, Cv.class);
    assertThat(read.name()).isEqualTo("CV, 2026-11-01");
    Cv.Item item = read.sections().get(0).items().get(0);
    assertThat(item.bullets()).containsExactly(new Cv.Bullet("h", "h", false));
    assertThat(item.excluded()).isFalse();
  }
}
