package io.cvtailor.cv.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cvtailor.cv.Cv;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Writes a generated CV and its artifact links in one short transaction. */
@ApplicationScoped
class CvStore {
  private static final String INSERT =
      """
      INSERT INTO cv.cvs (id, user_id, created_at, job_title, company, job_description, covered_ratio, document)
      VALUES (CAST(?1 AS uuid), ?2, CAST(?3 AS timestamptz), ?4, ?5, ?6, ?7, CAST(?8 AS jsonb))
      """;

  private static final String LINK =
      "INSERT INTO cv.cv_artifacts (cv_id, artifact_id) VALUES (CAST(?1 AS uuid), ?2) ON CONFLICT DO NOTHING";

  @PersistenceContext(unitName = "cv")
  EntityManager em;

  @Transactional
  public void insert(long userId, String jobDescription, Cv cv) {
    try {
      em.createNativeQuery(INSERT)
          .setParameter(1, cv.id().toString())
          .setParameter(2, userId)
          .setParameter(3, cv.createdAt().toString())
          .setParameter(4, cv.jobTitle())
          .setParameter(5, cv.company())
          .setParameter(6, jobDescription)
          .setParameter(7, cv.coverage().coveredRatio())
          .setParameter(8, JpaCvService.JSON.writeValueAsString(cv))
          .executeUpdate();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    for (Cv.Section section : cv.sections()) {
      for (Cv.Item item : section.items()) {
        em.createNativeQuery(LINK)
            .setParameter(1, cv.id().toString())
            .setParameter(2, item.artifactId())
            .executeUpdate();
      }
    }
  }
}
