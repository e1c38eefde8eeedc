package io.cvtailor.cv.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvChangedException;
import io.cvtailor.cv.CvEdit;
import io.cvtailor.cv.CvSection;
import io.cvtailor.cv.CvService;
import io.cvtailor.cv.CvTheme;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.NotFoundException;
import io.cvtailor.kernel.db.Rows;
import io.cvtailor.search.RankingMethod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Keeps each generated CV as the document it was (a snapshot), with the artifacts it used. */
@ApplicationScoped
public class JpaCvService implements CvService {
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  // The counts of requirements (covered) come from the stored document: a listing says "covers 12
  // of 15 requirements" without reading every document into the application. (jsonb_extract_path,
  // not #>: EclipseLink reads '#' in native SQL as a parameter marker.)
  private static final String LIST =
      """
      SELECT CAST(id AS text), created_at, job_title, company, covered_ratio,
             jsonb_array_length(coalesce(jsonb_extract_path(document, 'coverage', 'requirements'),
                                         '[]')),
             (SELECT count(*)
              FROM jsonb_array_elements(coalesce(
                       jsonb_extract_path(document, 'coverage', 'requirements'), '[]')) AS r
              WHERE r ->> 'covered' = 'true')
      FROM cv.cvs WHERE user_id = ?1 ORDER BY created_at DESC, id
      """;

  private static final String DELETE =
      "DELETE FROM cv.cvs WHERE id = CAST(?1 AS uuid) AND user_id = ?2";

  @PersistenceContext(unitName = "cv")
  EntityManager em;

  /** Most item choices one CV keeps (each names one of the person's artifacts). */
  static final int MAX_ITEM_EDITS = 200;

  /** Most skill choices one CV keeps. */
  static final int MAX_SKILL_EDITS = 200;

  @Inject CvAssembler assembler;
  @Inject CvStore store;
  @Inject ArtifactCatalog catalog;

  /**
   * Assembled outside any transaction (its reads each take a connection briefly, the model is
   * called with none held), then written in one short transaction.
   */
  @Override
  @Transactional(Transactional.TxType.NEVER)
  public Cv generate(long userId, CvRequest request) {
    Cv cv = assembler.assemble(userId, request);
    store.insert(
        userId,
        cv,
        new CvStore.Settings(
            request.maxItemsPerSection(),
            request.sections().stream().map(CvSection::value).sorted().toList(),
            request.maxItems()));
    return cv.withVersion(1);
  }

  @Override
  @Transactional(Transactional.TxType.NEVER)
  public Cv get(long userId, UUID cvId) {
    return store.find(userId, cvId).document();
  }

  @Override
  public PostingContext propose(String posting) {
    return PostingContexts.propose(posting);
  }

  /**
   * Checked against the person's artifacts before anything is written (a rejected change changes
   * nothing); no model call, reads outside any transaction, one short write.
   */
  /**
   * How often a change without If-Match is merged again when others changed the CV at the same
   * moment (each attempt reads the latest choices), before it answers 409.
   */
  static final int MERGE_ATTEMPTS = 20;

  @Override
  @Transactional(Transactional.TxType.NEVER)
  public Cv edit(long userId, UUID cvId, CvEdit patch, Set<Long> expectedVersions) {
    for (int attempt = 1; ; attempt++) {
      CvStore.Stored stored = store.find(userId, cvId);
      checkVersion(stored, expectedVersions);
      Cv edited = edit(userId, stored, patch);
      if (edited != null) {
        return edited;
      }
      // Changed meanwhile: read again (with If-Match, the check above then refuses a version that
      // was not asked for) and merge the patch over the latest choices, so neither change is lost.
      if (attempt >= MERGE_ATTEMPTS) {
        throw new CvChangedException(store.find(userId, cvId).version(), false);
      }
    }
  }

  private static void checkVersion(CvStore.Stored stored, Set<Long> expectedVersions) {
    if (expectedVersions != null && !expectedVersions.contains(stored.version())) {
      throw new CvChangedException(stored.version(), true);
    }
  }

  /** The patch over the stored CV, written; null when the CV changed since it was read. */
  private Cv edit(long userId, CvStore.Stored stored, CvEdit patch) {
    List<FieldError> errors = new ArrayList<>();
    Map<Long, Integer> index = new HashMap<>();
    for (int i = 0; i < patch.items().size(); i++) {
      index.put(patch.items().get(i).artifactId(), i);
    }
    CvEdit merged = CvEditing.merge(stored.edits(), patch);
    if (merged.items().size() > MAX_ITEM_EDITS) {
      errors.add(new FieldError("items", "at most " + MAX_ITEM_EDITS + " items can carry choices"));
    }
    Set<Long> inCv = new HashSet<>();
    stored.generated().sections().forEach(s -> s.items().forEach(i -> inCv.add(i.artifactId())));
    // The person's own artifacts named by the patch (another user's is not found, as no artifact).
    Map<Long, Artifact> named = new HashMap<>();
    if (errors.isEmpty() && !index.isEmpty()) {
      catalog.someOf(userId, index.keySet()).forEach(a -> named.put(a.id(), a));
    }
    for (CvEdit.ItemEdit item : errors.isEmpty() ? patch.items() : List.<CvEdit.ItemEdit>of()) {
      String field = "items[" + index.get(item.artifactId()) + "]";
      Artifact artifact = named.get(item.artifactId());
      if (artifact == null) {
        errors.add(new FieldError(field + ".artifact_id", "is not one of your artifacts"));
        continue;
      }
      CvSection section = CvAssembler.sectionOf(artifact.artifactType());
      if (!inCv.contains(item.artifactId())
          && (section == null || section == CvSection.SKILLS)
          && (Boolean.TRUE.equals(item.included()) || Boolean.TRUE.equals(item.pinned()))) {
        errors.add(
            new FieldError(
                field + ".artifact_id",
                "a " + artifact.artifactType() + " artifact has no section in a CV"));
      }
      if (item.bullets() != null) {
        List<String> own = CvAssembler.sentencesOf(artifact);
        for (int j = 0; j < item.bullets().size(); j++) {
          CvEdit.BulletEdit bullet = item.bullets().get(j);
          if (bullet.source() == null || !own.contains(bullet.source())) {
            errors.add(
                new FieldError(
                    field + ".bullets[" + j + "].source",
                    "must be one of the artifact's own sentences"));
          }
        }
      }
    }
    // A skill added by hand must be one of the person's own (labels only: no text is read).
    Set<String> generatedSkills = new HashSet<>();
    stored.generated().skills().forEach(k -> generatedSkills.add(CvEditing.key(k)));
    Map<String, String> own = null;
    for (int i = 0; i < patch.skills().size(); i++) {
      CvEdit.SkillEdit skill = patch.skills().get(i);
      if (Boolean.TRUE.equals(skill.included())
          && !generatedSkills.contains(CvEditing.key(skill.name()))) {
        if (own == null) {
          own = CvAssembler.ownSkills(catalog.labelsOf(userId));
        }
        if (!own.containsKey(CvEditing.key(skill.name()))) {
          errors.add(
              new FieldError(
                  "skills[" + i + "].name",
                  "is not one of your skills (a skill artifact's keyword or an artifact's tag)"));
        }
      }
    }
    if (merged.skills().size() > MAX_SKILL_EDITS) {
      errors.add(
          new FieldError("skills", "at most " + MAX_SKILL_EDITS + " skills can carry choices"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    Cv generated =
        CvEditing.withExtras(
            stored.generated(),
            assembler.extras(userId, wanted(merged, stored.generated()), stored.posting()));
    Cv document = CvEditing.apply(generated, merged);
    if (!store.update(userId, document, generated, merged, stored.version())) {
      return null;
    }
    return document.withVersion(stored.version() + 1);
  }

  /**
   * Generated again from the stored posting and settings (outside any transaction: the model is
   * called), the same id and date; the person's choices applied over the new result.
   */
  @Override
  @Transactional(Transactional.TxType.NEVER)
  public Cv regenerate(long userId, UUID cvId, Set<Long> expectedVersions) {
    CvStore.Stored stored = store.find(userId, cvId);
    checkVersion(stored, expectedVersions);
    Cv old = stored.generated();
    Set<CvSection> sections = EnumSet.noneOf(CvSection.class);
    for (String name : stored.settings().sections()) {
      Arrays.stream(CvSection.values())
          .filter(s -> s.value().equals(name))
          .findFirst()
          .ifPresent(sections::add);
    }
    Cv fresh =
        assembler.assemble(
            userId,
            new CvRequest(
                stored.posting(),
                old.jobTitle(),
                old.company(),
                RankingMethod.fromValue(old.rankingMethod()).orElse(RankingMethod.HYBRID),
                stored.settings().maxItemsPerSection(),
                sections,
                CvTheme.of(old),
                stored.settings().maxItems()));
    Cv same =
        new Cv(
            old.id(),
            old.createdAt(),
            fresh.jobTitle(),
            fresh.company(),
            fresh.rankingMethod(),
            fresh.basics(),
            fresh.sections(),
            fresh.skills(),
            fresh.coverage(),
            fresh.theme(),
            null,
            fresh.jobDescription());
    // The choices as they are when the new CV is written: a PATCH made while the model worked
    // is applied too (without If-Match), never overwritten by the choices read before.
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        stored = store.find(userId, cvId);
        checkVersion(stored, expectedVersions);
      }
      Cv generated =
          CvEditing.withExtras(
              same, assembler.extras(userId, wanted(stored.edits(), same), stored.posting()));
      Cv document = CvEditing.apply(generated, stored.edits());
      if (store.update(userId, document, generated, stored.edits(), stored.version())) {
        return document.withVersion(stored.version() + 1);
      }
      if (attempt >= MERGE_ATTEMPTS) {
        throw new CvChangedException(store.find(userId, cvId).version(), false);
      }
    }
  }

  /**
   * Items the person included, pinned or chose bullets for that the generated CV does not hold: a
   * regeneration that ranks them lower keeps them (the person's work on an item is not dropped).
   */
  private static List<Long> wanted(CvEdit edits, Cv generated) {
    Set<Long> inCv = new HashSet<>();
    generated.sections().forEach(s -> s.items().forEach(i -> inCv.add(i.artifactId())));
    return edits.items().stream()
        .filter(
            i ->
                Boolean.TRUE.equals(i.included())
                    || Boolean.TRUE.equals(i.pinned())
                    || i.bullets() != null)
        .filter(i -> !Boolean.FALSE.equals(i.included()))
        .map(CvEdit.ItemEdit::artifactId)
        .filter(id -> !inCv.contains(id))
        .toList();
  }

  @Override
  @Transactional(Transactional.TxType.NEVER)
  public List<String> sentences(long userId, long artifactId) {
    List<Artifact> found = catalog.someOf(userId, List.of(artifactId));
    if (found.isEmpty()) {
      throw new NotFoundException("artifact " + artifactId);
    }
    return CvAssembler.sentencesOf(found.get(0));
  }

  @Override
  @Transactional
  public List<CvSummary> list(long userId) {
    return Rows.list(
        em.createNativeQuery(LIST).setParameter(1, userId),
        row ->
            new CvSummary(
                UUID.fromString(row.getString(0)),
                row.getInstant(1),
                row.getString(2),
                row.getString(3),
                row.getDouble(4),
                Cv.nameOf(row.getString(2), row.getString(3), row.getInstant(1)),
                row.getInt(5),
                row.getInt(6)));
  }

  @Override
  @Transactional
  public void delete(long userId, UUID cvId) {
    if (em.createNativeQuery(DELETE)
            .setParameter(1, cvId.toString())
            .setParameter(2, userId)
            .executeUpdate()
        == 0) {
      throw new NotFoundException("cv " + cvId);
    }
  }
}
