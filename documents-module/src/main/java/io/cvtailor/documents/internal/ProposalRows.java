package io.cvtailor.documents.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Writes a new proposal in one short transaction, after the document was read outside of one. */
@ApplicationScoped
class ProposalRows {
  private static final String INSERT =
      """
      INSERT INTO documents.import_proposals (id, user_id, format, created_at, expires_at, proposal, extracted_text)
      VALUES (CAST(?1 AS uuid), ?2, ?3, ?4, ?5, CAST(?6 AS jsonb), ?7)
      """;

  private static final String DELETE_EXPIRED =
      """
      -- fans out: every import also removes the expired proposals of everyone
      DELETE FROM documents.import_proposals WHERE expires_at <= now()
      """;

  /** A person's oldest proposals beyond the cap go, so kept proposals stay bounded per account. */
  private static final String DELETE_BEYOND_CAP =
      """
      DELETE FROM documents.import_proposals WHERE id IN (
        SELECT id FROM documents.import_proposals WHERE user_id = ?1
        ORDER BY created_at DESC, id OFFSET ?2)
      """;

  @PersistenceContext(unitName = "documents")
  EntityManager em;

  /** Stores the proposal, drops expired ones and the person's oldest beyond {@code cap}. */
  @Transactional
  void keep(
      long userId,
      UUID id,
      String format,
      Instant created,
      Instant expires,
      String proposalJson,
      String text,
      int cap) {
    em.createNativeQuery(DELETE_EXPIRED).executeUpdate();
    em.createNativeQuery(INSERT)
        .setParameter(1, id.toString())
        .setParameter(2, userId)
        .setParameter(3, format)
        .setParameter(4, Timestamp.from(created))
        .setParameter(5, Timestamp.from(expires))
        .setParameter(6, proposalJson)
        .setParameter(7, text)
        .executeUpdate();
    em.createNativeQuery(DELETE_BEYOND_CAP)
        .setParameter(1, userId)
        .setParameter(2, cap)
        .executeUpdate();
  }
}
