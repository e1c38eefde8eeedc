package io.cvtailor.cv.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cvtailor.cv.Cv;
import io.cvtailor.cv.CvService;
import io.cvtailor.kernel.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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

  private static final String FIND =
      "SELECT CAST(document AS text) FROM cv.cvs WHERE id = CAST(?1 AS uuid) AND user_id = ?2";

  private static final String LIST =
      """
      SELECT CAST(id AS text), created_at, job_title, company, covered_ratio
      FROM cv.cvs WHERE user_id = ?1 ORDER BY created_at DESC, id
      """;

  private static final String DELETE =
      "DELETE FROM cv.cvs WHERE id = CAST(?1 AS uuid) AND user_id = ?2";

  @PersistenceContext(unitName = "cv")
  EntityManager em;

  @Inject CvAssembler assembler;
  @Inject CvStore store;

  /**
   * Assembled outside any transaction (its reads each take a connection briefly, the model is
   * called with none held), then written in one short transaction.
   */
  @Override
  @Transactional(Transactional.TxType.NEVER)
  public Cv generate(long userId, CvRequest request) {
    Cv cv = assembler.assemble(userId, request);
    store.insert(userId, request.jobDescription(), cv);
    return cv;
  }

  @Override
  @Transactional
  public Cv get(long userId, UUID cvId) {
    @SuppressWarnings("unchecked")
    List<Object> rows =
        em.createNativeQuery(FIND)
            .setParameter(1, cvId.toString())
            .setParameter(2, userId)
            .getResultList();
    if (rows.isEmpty()) {
      throw new NotFoundException("cv " + cvId);
    }
    try {
      return JSON.readValue((String) rows.get(0), Cv.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored CV cannot be read", e);
    }
  }

  @Override
  @Transactional
  public List<CvSummary> list(long userId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows = em.createNativeQuery(LIST).setParameter(1, userId).getResultList();
    List<CvSummary> summaries = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      summaries.add(
          new CvSummary(
              UUID.fromString((String) row[0]),
              instant(row[1]),
              (String) row[2],
              (String) row[3],
              ((Number) row[4]).doubleValue()));
    }
    return summaries;
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

  private static java.time.Instant instant(Object column) {
    if (column instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (column instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    return java.time.Instant.parse(column.toString());
  }
}
