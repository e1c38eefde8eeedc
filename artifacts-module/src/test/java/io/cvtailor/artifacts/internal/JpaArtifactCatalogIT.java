package io.cvtailor.artifacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactCreated;
import io.cvtailor.artifacts.ArtifactDeleted;
import io.cvtailor.artifacts.ArtifactDraft;
import io.cvtailor.artifacts.ArtifactFilter;
import io.cvtailor.artifacts.ArtifactPage;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.ArtifactUpdated;
import io.cvtailor.artifacts.EmbeddingStatus;
import io.cvtailor.artifacts.ImportItem;
import io.cvtailor.artifacts.StaleVersionException;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.LimitExceededException;
import io.cvtailor.kernel.NotFoundException;
import io.cvtailor.testsupport.ModuleDatabase;
import io.cvtailor.testsupport.RecordingEvent;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link JpaArtifactCatalog} on the real schema in a standalone EclipseLink (the provider Payara
 * runs), with real Bean Validation, without the WAR: what is written reads back equal, an owner
 * sees only their own artifacts, a stale version is refused, the per-account limit holds, and the
 * events carry the ids and versions that were committed.
 */
class JpaArtifactCatalogIT {
  private final RecordingEvent<ArtifactCreated> created = new RecordingEvent<>();
  private final RecordingEvent<ArtifactUpdated> updated = new RecordingEvent<>();
  private final RecordingEvent<ArtifactDeleted> deleted = new RecordingEvent<>();
  private EntityManager em;
  private JpaArtifactCatalog catalog;
  private long alice;
  private long bob;

  @BeforeEach
  void open() throws Exception {
    em = ModuleDatabase.persistenceUnit("artifacts").createEntityManager();
    catalog = catalog(Map.of());
    alice = ModuleDatabase.user("Alice");
    bob = ModuleDatabase.user("Bob");
  }

  private JpaArtifactCatalog catalog(Map<String, String> settings) {
    return (JpaArtifactCatalog)
        ArtifactsModuleBeans.catalog(em, created, updated, deleted, settings);
  }

  @AfterEach
  void close() {
    if (em.getTransaction().isActive()) {
      em.getTransaction().rollback();
    }
    em.close();
  }

  private static ArtifactDraft draft(String type, String title, String content, Long version) {
    return new ArtifactDraft(
        title,
        type,
        "A description",
        content,
        "Acme",
        "https://example.org/work",
        "March 2020",
        "2021-06",
        List.of("kafka", " postgres ", "kafka"),
        null,
        Map.of("source", "test"),
        version);
  }

  @Test
  void whatIsCreatedReadsBackEqualWithAnEventCarryingItsIds() {
    Artifact made =
        ModuleDatabase.inTransaction(
            em, () -> catalog.create(alice, draft("project", "  Ledger  ", "Double entry.", null)));

    Artifact read = catalog.get(alice, made.id());
    assertThat(read).isEqualTo(made);
    assertThat(read.title()).isEqualTo("Ledger");
    assertThat(read.tags()).containsExactly("kafka", "postgres");
    assertThat(read.startedOn()).isEqualTo("2020-03");
    assertThat(read.endedOn()).isEqualTo("2021-06");
    assertThat(read.visibility()).isEqualTo("private");
    assertThat(read.version()).isEqualTo(1);
    assertThat(read.embeddingStatus()).isEqualTo(EmbeddingStatus.PENDING.value());
    assertThat(read.metadata()).containsEntry("source", "test");
    assertThat(created.fired).containsExactly(new ArtifactCreated(made.id(), alice, 1));
  }

  @Test
  void anotherUserCanNeitherReadNorChangeNorDeleteIt() {
    Artifact made =
        ModuleDatabase.inTransaction(
            em, () -> catalog.create(alice, draft("talk", "Talk", "x", null)));

    assertThatThrownBy(() -> catalog.get(bob, made.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                ModuleDatabase.inTransaction(
                    em, () -> catalog.update(bob, made.id(), draft("talk", "Mine", "y", 1L))))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                ModuleDatabase.inTransaction(
                    em,
                    () -> {
                      catalog.delete(bob, made.id());
                      return null;
                    }))
        .isInstanceOf(NotFoundException.class);
    assertThat(catalog.allOf(bob)).isEmpty();
    assertThat(catalog.someOf(bob, List.of(made.id()))).isEmpty();
    assertThat(catalog.notOwnedBy(bob, List.of(made.id(), made.id()))).containsExactly(made.id());
    assertThat(catalog.notOwnedBy(alice, List.of(made.id()))).isEmpty();
    assertThat(catalog.get(alice, made.id()).title()).isEqualTo("Talk");
    assertThat(updated.fired).isEmpty();
    assertThat(deleted.fired).isEmpty();
  }

  @Test
  void anUpdateFromAStaleVersionIsRefusedAndOnlyAContentChangeNeedsNewVectors() {
    Artifact made =
        ModuleDatabase.inTransaction(
            em, () -> catalog.create(alice, draft("project", "Ledger", "v1", null)));
    ModuleDatabase.inTransaction(
        em,
        () -> {
          catalog.recordEmbeddingOutcome(alice, made.id(), 1, EmbeddingStatus.READY, null);
          return null;
        });

    ArtifactDraft visibilityOnly =
        new ArtifactDraft(
            "Ledger",
            "project",
            "A description",
            "v1",
            "Acme",
            "https://example.org/work",
            "March 2020",
            "2021-06",
            List.of("kafka", "postgres"),
            "public",
            Map.of("source", "test"),
            1L);
    Artifact second =
        ModuleDatabase.inTransaction(em, () -> catalog.update(alice, made.id(), visibilityOnly));
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.embeddingStatus()).isEqualTo("ready");
    assertThat(updated.fired).containsExactly(new ArtifactUpdated(made.id(), alice, 2, false));

    assertThatThrownBy(
            () ->
                ModuleDatabase.inTransaction(
                    em,
                    () -> catalog.update(alice, made.id(), draft("project", "Ledger", "v2", 1L))))
        .isInstanceOf(StaleVersionException.class);
    Artifact third =
        ModuleDatabase.inTransaction(
            em, () -> catalog.update(alice, made.id(), draft("project", "Ledger", "v2", 2L)));
    assertThat(third.version()).isEqualTo(3);
    assertThat(third.embeddingStatus()).isEqualTo("pending");
    assertThat(third.contentHash()).isNotEqualTo(made.contentHash());
    assertThat(updated.fired).last().isEqualTo(new ArtifactUpdated(made.id(), alice, 3, true));
    assertThat(catalog.get(alice, made.id()).content()).isEqualTo("v2");
  }

  @Test
  void anEmbeddingOutcomeOfAnOlderVersionIsIgnored() {
    Artifact made =
        ModuleDatabase.inTransaction(
            em, () -> catalog.create(alice, draft("project", "Ledger", "v1", null)));
    ModuleDatabase.inTransaction(
        em, () -> catalog.update(alice, made.id(), draft("project", "Ledger", "v2", 1L)));

    ModuleDatabase.inTransaction(
        em,
        () -> {
          catalog.recordEmbeddingOutcome(
              alice, made.id(), 1, EmbeddingStatus.FAILED, "late worker");
          return null;
        });
    assertThat(catalog.get(alice, made.id()).embeddingStatus()).isEqualTo("pending");
    ModuleDatabase.inTransaction(
        em,
        () -> {
          catalog.recordEmbeddingOutcome(alice, made.id(), 2, EmbeddingStatus.FAILED, "bad input");
          return null;
        });
    assertThat(catalog.get(alice, made.id()).embeddingStatus()).isEqualTo("failed");
    assertThat(catalog.get(alice, made.id()).embeddingError()).isEqualTo("bad input");
  }

  @Test
  void listsTheOwnersArtifactsNewestFirstFilteredByTypeAndLiteralText() {
    ModuleDatabase.inTransaction(
        em, () -> catalog.create(alice, draft("project", "100% uptime", "a", null)));
    ModuleDatabase.inTransaction(
        em, () -> catalog.create(alice, draft("talk", "1000 talks", "b", null)));
    Artifact newest =
        ModuleDatabase.inTransaction(
            em, () -> catalog.create(alice, draft("project", "snake_case", "c", null)));
    ModuleDatabase.inTransaction(
        em, () -> catalog.create(bob, draft("project", "100% Bob", "d", null)));

    ArtifactPage all = catalog.list(alice, new ArtifactFilter(null, null, 0, 2));
    assertThat(all.total()).isEqualTo(3);
    assertThat(all.items()).hasSize(2);
    assertThat(all.items().get(0).id()).isEqualTo(newest.id());
    assertThat(catalog.list(alice, new ArtifactFilter(null, null, 1, 2)).items()).hasSize(1);
    // % and _ are matched as characters, not as wildcards
    assertThat(catalog.list(alice, new ArtifactFilter(null, "100%", 0, 10)).items())
        .extracting(Artifact::title)
        .containsExactly("100% uptime");
    assertThat(catalog.list(alice, new ArtifactFilter(null, "e_c", 0, 10)).items())
        .extracting(Artifact::title)
        .containsExactly("snake_case");
    assertThat(catalog.list(alice, new ArtifactFilter(ArtifactType.TALK, null, 0, 10)).items())
        .extracting(Artifact::title)
        .containsExactly("1000 talks");
    assertThat(catalog.labelsOf(alice)).hasSize(3);
  }

  @Test
  void theAccountLimitHoldsForSingleCreationsAndWholeImports() {
    JpaArtifactCatalog small = catalog(Map.of("artifacts.max-per-user", "2"));
    ModuleDatabase.inTransaction(em, () -> small.create(alice, draft("project", "one", "a", null)));

    assertThatThrownBy(
            () ->
                ModuleDatabase.inTransaction(
                    em,
                    () ->
                        small.importAll(
                            alice,
                            List.of(
                                new ImportItem("projects[0]", draft("project", "two", "b", null)),
                                new ImportItem(
                                    "projects[1]", draft("project", "three", "c", null))))))
        .isInstanceOf(LimitExceededException.class);
    assertThat(small.allOf(alice)).extracting(Artifact::title).containsExactly("one");
    ModuleDatabase.inTransaction(em, () -> small.create(alice, draft("project", "two", "b", null)));
    assertThatThrownBy(
            () ->
                ModuleDatabase.inTransaction(
                    em, () -> small.create(alice, draft("project", "three", "c", null))))
        .isInstanceOf(LimitExceededException.class);
    assertThat(small.allOf(alice)).hasSize(2);
  }

  @Test
  void anInvalidDraftIsRefusedNamingTheFieldAndNothingIsStored() {
    assertThatThrownBy(
            () ->
                ModuleDatabase.inTransaction(
                    em, () -> catalog.create(alice, draft("poem", " ", "a", null))))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .contains("title", "artifact_type"));
    assertThatThrownBy(
            () ->
                ModuleDatabase.inTransaction(
                    em, () -> catalog.create(-1, draft("project", "x", "a", null))))
        .isInstanceOf(NotFoundException.class);
    assertThat(catalog.allOf(alice)).isEmpty();
    assertThat(created.fired).isEmpty();
  }
}
