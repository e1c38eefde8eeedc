package io.cvtailor.cv.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvEdit;
import io.cvtailor.kernel.NotFoundException;
import io.cvtailor.kernel.db.Rows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/** Writes a CV, what generated it and the person's choices, each in one short transaction. */
@ApplicationScoped
class CvStore {
  private static final String INSERT =
      """
      INSERT INTO cv.cvs (id, user_id, created_at, job_title, company, job_description, covered_ratio,
                          document, generated, edits, settings, updated_at)
      VALUES (CAST(?1 AS uuid), ?2, CAST(?3 AS timestamptz), ?4, ?5, ?6, ?7, CAST(?8 AS jsonb),
              CAST(?8 AS jsonb), CAST(?9 AS jsonb), CAST(?10 AS jsonb), CAST(?3 AS timestamptz))
      """;

  // Only over the version the change was computed from (optimistic concurrency): a change made
  // meanwhile makes this match no row, and the caller reads again instead of overwriting it.
  private static final String UPDATE =
      """
      UPDATE cv.cvs SET job_title = ?3, company = ?4, covered_ratio = ?5, document = CAST(?6 AS jsonb),
             generated = CAST(?7 AS jsonb), edits = CAST(?8 AS jsonb), updated_at = now(),
             version = version + 1
      WHERE id = CAST(?1 AS uuid) AND user_id = ?2 AND version = ?9
      """;

  private static final String FIND =
      """
      SELECT CAST(document AS text), CAST(generated AS text), CAST(edits AS text),
             CAST(settings AS text), job_description, version
      FROM cv.cvs WHERE id = CAST(?1 AS uuid) AND user_id = ?2
      """;

  private static final String LINK =
      """
      INSERT INTO cv.cv_artifacts (user_id, cv_id, artifact_id) VALUES (?1, CAST(?2 AS uuid), ?3)
      ON CONFLICT DO NOTHING
      """;

  private static final String UNLINK =
      "DELETE FROM cv.cv_artifacts WHERE user_id = ?1 AND cv_id = CAST(?2 AS uuid)";

  /**
   * What generation needs again: the request's settings ({@code maxItems} null when none was given,
   * as in CVs made before it existed).
   */
  record Settings(int maxItemsPerSection, List<String> sections, Integer maxItems) {}

  /**
   * One stored CV: what is shown (carrying {@code version}), what was generated, the choices, the
   * settings and posting, and the version they were read at.
   */
  record Stored(
      Cv document, Cv generated, CvEdit edits, Settings settings, String posting, long version) {}

  @PersistenceContext(unitName = "cv")
  EntityManager em;

  @Transactional
  public void insert(long userId, Cv cv, Settings settings) {
    em.createNativeQuery(INSERT)
        .setParameter(1, cv.id().toString())
        .setParameter(2, userId)
        .setParameter(3, cv.createdAt().toString())
        .setParameter(4, cv.jobTitle())
        .setParameter(5, cv.company())
        .setParameter(6, cv.jobDescription())
        .setParameter(7, cv.coverage().coveredRatio())
        .setParameter(8, json(cv))
        .setParameter(9, json(CvEdit.NONE))
        .setParameter(10, json(settings))
        .executeUpdate();
    link(userId, cv);
  }

  /**
   * Replaces the CV's document, generated form and choices if it is still at {@code version}; false
   * when it is gone or was changed meanwhile (then nothing is written).
   */
  @Transactional
  public boolean update(long userId, Cv document, Cv generated, CvEdit edits, long version) {
    int rows =
        em.createNativeQuery(UPDATE)
            .setParameter(1, document.id().toString())
            .setParameter(2, userId)
            .setParameter(3, document.jobTitle())
            .setParameter(4, document.company())
            .setParameter(5, document.coverage().coveredRatio())
            .setParameter(6, json(document))
            .setParameter(7, json(generated))
            .setParameter(8, json(edits))
            .setParameter(9, version)
            .executeUpdate();
    if (rows == 0) {
      return false;
    }
    em.createNativeQuery(UNLINK)
        .setParameter(1, userId)
        .setParameter(2, document.id().toString())
        .executeUpdate();
    link(userId, document);
    return true;
  }

  @Transactional
  public Stored find(long userId, UUID cvId) {
    return Rows.first(
            em.createNativeQuery(FIND).setParameter(1, cvId.toString()).setParameter(2, userId),
            CvStore::stored)
        .orElseThrow(() -> new NotFoundException("cv " + cvId));
  }

  /** A row of {@code FIND}: the document, generated CV, edits and settings as JSON, then more. */
  private static Stored stored(Rows.Row row) {
    try {
      String posting = row.getString(4);
      Cv document = withPosting(JpaCvService.JSON.readValue(row.getString(0), Cv.class), posting);
      Cv generated =
          row.isNull(1)
              ? document
              : withPosting(JpaCvService.JSON.readValue(row.getString(1), Cv.class), posting);
      CvEdit edits =
          row.isNull(2) ? CvEdit.NONE : JpaCvService.JSON.readValue(row.getString(2), CvEdit.class);
      Settings settings =
          row.isNull(3)
              ? new Settings(5, List.of(), null)
              : JpaCvService.JSON.readValue(row.getString(3), Settings.class);
      long version = row.getLong(5);
      return new Stored(
          document.withVersion(version), generated, edits, settings, posting, version);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored CV cannot be read", e);
    }
  }

  /** CVs made before the posting was part of the document get it from its column. */
  private static Cv withPosting(Cv cv, String posting) {
    if (cv.jobDescription() != null) {
      return cv;
    }
    return new Cv(
        cv.id(),
        cv.createdAt(),
        cv.jobTitle(),
        cv.company(),
        cv.rankingMethod(),
        cv.basics(),
        cv.sections(),
        cv.skills(),
        cv.coverage(),
        cv.theme(),
        cv.name(),
        posting);
  }

  private void link(long userId, Cv cv) {
    for (Cv.Section section : cv.sections()) {
      for (Cv.Item item : section.items()) {
        em.createNativeQuery(LINK)
            .setParameter(1, userId)
            .setParameter(2, cv.id().toString())
            .setParameter(3, item.artifactId())
            .executeUpdate();
      }
    }
  }

  private static String json(Object value) {
    try {
      return JpaCvService.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
