package io.cvtailor.artifacts.internal;

import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactContent;
import io.cvtailor.artifacts.ArtifactCreated;
import io.cvtailor.artifacts.ArtifactDeleted;
import io.cvtailor.artifacts.ArtifactDraft;
import io.cvtailor.artifacts.ArtifactFilter;
import io.cvtailor.artifacts.ArtifactLabel;
import io.cvtailor.artifacts.ArtifactPage;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.ArtifactUpdated;
import io.cvtailor.artifacts.EmbeddingStatus;
import io.cvtailor.artifacts.ImportItem;
import io.cvtailor.artifacts.PartialDate;
import io.cvtailor.artifacts.StaleVersionException;
import io.cvtailor.artifacts.Visibility;
import io.cvtailor.kernel.FieldError;
import io.cvtailor.kernel.InvalidInputException;
import io.cvtailor.kernel.LimitExceededException;
import io.cvtailor.kernel.NotFoundException;
import io.cvtailor.kernel.db.Rows;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
@Transactional
public class JpaArtifactCatalog implements ArtifactCatalog {
  private static final Logger LOG = RequestIds.logger(JpaArtifactCatalog.class);
  private static final int IMPORT_LOG_EVERY = 500;

  private static final String LOCK_OWNER =
      """
      SELECT count(*) FROM artifacts.artifacts
      WHERE user_id = (SELECT id FROM artifacts.users WHERE id = ?1 FOR UPDATE)
      """;

  private static final String OWNER_EXISTS = "SELECT count(*) FROM artifacts.users WHERE id = ?1";

  private static final String LIST_PAGE =
      """
      SELECT a.* FROM artifacts.artifacts a
      WHERE a.user_id = ?1
        AND (CAST(?2 AS text) IS NULL OR a.artifact_type = CAST(?2 AS text))
        AND (CAST(?3 AS text) IS NULL
             OR a.title ILIKE ?3 OR a.organization ILIKE ?3 OR a.description ILIKE ?3
             OR a.content ILIKE ?3 OR a.tags::text ILIKE ?3)
      ORDER BY a.created_at DESC, a.id DESC
      LIMIT ?4 OFFSET ?5
      """;

  private static final String LIST_COUNT =
      """
      SELECT count(*) FROM artifacts.artifacts a
      WHERE a.user_id = ?1
        AND (CAST(?2 AS text) IS NULL OR a.artifact_type = CAST(?2 AS text))
        AND (CAST(?3 AS text) IS NULL
             OR a.title ILIKE ?3 OR a.organization ILIKE ?3 OR a.description ILIKE ?3
             OR a.content ILIKE ?3 OR a.tags::text ILIKE ?3)
      """;

  private static final String OWNED_AMONG =
      """
      SELECT id FROM artifacts.artifacts
      WHERE user_id = ?1 AND id = ANY (CAST(?2 AS bigint[]))
      """;

  private static final String RECORD_OUTCOME =
      """
      UPDATE artifacts.artifacts SET embedding_status = ?3, embedding_error = ?4
      WHERE user_id = ?5 AND id = ?1 AND version = ?2
      """;

  // Rows already pending are left alone (no dead tuple for nothing), and so are rows being written
  // right now: their writer (the embedding worker recording an outcome) sets the status itself.
  private static final String MARK_PENDING =
      """
      UPDATE artifacts.artifacts SET embedding_status = 'pending', embedding_error = NULL
      WHERE user_id = ?1 AND id IN (
        SELECT id FROM artifacts.artifacts
        WHERE user_id = ?1 AND id = ANY (CAST(?2 AS bigint[])) AND embedding_status <> 'pending'
        FOR NO KEY UPDATE SKIP LOCKED)
      """;

  @PersistenceContext(unitName = "artifacts")
  EntityManager em;

  @Inject DraftValidator validator;
  @Inject Event<ArtifactCreated> created;
  @Inject Event<ArtifactUpdated> updated;
  @Inject Event<ArtifactDeleted> deleted;

  @Inject
  @ConfigProperty(name = "artifacts.max-per-user", defaultValue = "10000")
  int maxPerUser;

  @Override
  public Artifact create(long userId, ArtifactDraft draft) {
    List<FieldError> errors = validator.check(draft);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    reserveCapacity(userId, 1);
    ArtifactEntity entity = newEntity(userId, draft);
    em.persist(entity);
    em.flush();
    created.fire(new ArtifactCreated(entity.id, userId, entity.version));
    return entity.toArtifact();
  }

  @Override
  public Artifact update(long userId, long artifactId, ArtifactDraft draft) {
    List<FieldError> errors = new ArrayList<>(validator.check(draft));
    if (draft != null && draft.version() == null) {
      errors.add(new FieldError("version", "is required: send the version you last read"));
    }
    ArtifactEntity entity = owned(userId, artifactId);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    if (draft.version() != entity.version) {
      throw new StaleVersionException(artifactId, draft.version(), entity.version);
    }
    String previousHash = entity.contentHash;
    apply(entity, draft);
    boolean contentChanged = !previousHash.equals(entity.contentHash);
    if (contentChanged) {
      entity.embeddingStatus = EmbeddingStatus.PENDING.value();
      entity.embeddingError = null;
    }
    entity.updatedAt = now();
    try {
      em.flush();
    } catch (OptimisticLockException e) {
      throw new StaleVersionException(artifactId, draft.version(), draft.version() + 1);
    }
    updated.fire(new ArtifactUpdated(artifactId, userId, entity.version, contentChanged));
    return entity.toArtifact();
  }

  @Override
  public void delete(long userId, long artifactId) {
    ArtifactEntity entity = owned(userId, artifactId);
    long version = entity.version;
    em.remove(entity);
    em.flush();
    deleted.fire(new ArtifactDeleted(artifactId, userId, version));
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Artifact get(long userId, long artifactId) {
    return owned(userId, artifactId).toArtifact();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public ArtifactPage list(long userId, ArtifactFilter filter) {
    String type = filter.type() == null ? null : filter.type().value();
    String pattern =
        filter.text() == null || filter.text().isBlank()
            ? null
            : "%" + filter.text().strip().replaceAll("([\\\\%_])", "\\\\$1") + "%";
    @SuppressWarnings("unchecked")
    List<ArtifactEntity> rows =
        em.createNativeQuery(LIST_PAGE, ArtifactEntity.class)
            .setParameter(1, userId)
            .setParameter(2, type)
            .setParameter(3, pattern)
            .setParameter(4, filter.size())
            .setParameter(5, (long) filter.page() * filter.size())
            .getResultList();
    long total =
        ((Number)
                em.createNativeQuery(LIST_COUNT)
                    .setParameter(1, userId)
                    .setParameter(2, type)
                    .setParameter(3, pattern)
                    .getSingleResult())
            .longValue();
    return new ArtifactPage(
        rows.stream().map(ArtifactEntity::toArtifact).toList(),
        total,
        filter.page(),
        filter.size());
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Artifact> allOf(long userId) {
    return em
        .createQuery(
            "SELECT a FROM ArtifactEntity a WHERE a.userId = :user ORDER BY a.id",
            ArtifactEntity.class)
        .setParameter("user", userId)
        .getResultList()
        .stream()
        .map(ArtifactEntity::toArtifact)
        .toList();
  }

  private static final String LABELS =
      """
      SELECT id, artifact_type, title, started_on, started_on_precision, ended_on,
             ended_on_precision, tags
      FROM artifacts.artifacts WHERE user_id = ?1 ORDER BY id
      """;

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<ArtifactLabel> labelsOf(long userId) {
    TagsConverter tags = new TagsConverter();
    return Rows.list(
        em.createNativeQuery(LABELS).setParameter(1, userId),
        row ->
            new ArtifactLabel(
                row.getLong(0),
                row.getString(1),
                row.getString(2),
                ArtifactEntity.format(localDate(row.get(3)), row.getString(4)),
                ArtifactEntity.format(localDate(row.get(5)), row.getString(6)),
                tags.convertToEntityAttribute(row.get(7))));
  }

  private static LocalDate localDate(Object column) {
    if (column == null || column instanceof LocalDate) {
      return (LocalDate) column;
    }
    return ((java.sql.Date) column).toLocalDate();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Artifact> someOf(long userId, Collection<Long> artifactIds) {
    if (artifactIds.isEmpty()) {
      return List.of();
    }
    return em
        .createQuery(
            "SELECT a FROM ArtifactEntity a WHERE a.userId = :user AND a.id IN :ids ORDER BY a.id",
            ArtifactEntity.class)
        .setParameter("user", userId)
        .setParameter("ids", List.copyOf(artifactIds))
        .getResultList()
        .stream()
        .map(ArtifactEntity::toArtifact)
        .toList();
  }

  @Override
  public List<Long> importAll(long userId, List<ImportItem> items) {
    List<FieldError> errors = new ArrayList<>();
    for (ImportItem item : items) {
      for (FieldError error : validator.check(item.draft())) {
        errors.add(new FieldError(item.fieldPath(error.field()), error.message()));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    reserveCapacity(userId, items.size());
    List<Long> ids = new ArrayList<>(items.size());
    for (ImportItem item : items) {
      // One flush per artifact: within a flush EclipseLink does not insert new objects in the
      // order they were persisted, and the ids must follow the document (export lists by id).
      // Detaching keeps each flush from re-checking everything imported so far.
      ArtifactEntity entity = newEntity(userId, item.draft());
      em.persist(entity);
      em.flush();
      created.fire(new ArtifactCreated(entity.id, userId, entity.version));
      ids.add(entity.id);
      em.detach(entity);
      if (ids.size() % IMPORT_LOG_EVERY == 0) {
        LOG.info(() -> "import for user " + userId + ": " + ids.size() + "/" + items.size());
      }
    }
    return ids;
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<Long> notOwnedBy(long userId, List<Long> artifactIds) {
    if (artifactIds.isEmpty()) {
      return List.of();
    }
    String array =
        artifactIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    @SuppressWarnings("unchecked")
    List<Number> owned =
        em.createNativeQuery(OWNED_AMONG)
            .setParameter(1, userId)
            .setParameter(2, array)
            .getResultList();
    var ownedIds = owned.stream().map(Number::longValue).collect(Collectors.toSet());
    return artifactIds.stream().filter(id -> !ownedIds.contains(id)).distinct().toList();
  }

  @Override
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<ArtifactContent> content(long userId, long artifactId) {
    return find(userId, artifactId).map(ArtifactEntity::toContent);
  }

  @Override
  public void recordEmbeddingOutcome(
      long userId, long artifactId, long version, EmbeddingStatus status, String error) {
    em.createNativeQuery(RECORD_OUTCOME)
        .setParameter(1, artifactId)
        .setParameter(2, version)
        .setParameter(3, status.value())
        .setParameter(4, error)
        .setParameter(5, userId)
        .executeUpdate();
  }

  @Override
  public int markEmbeddingPending(long userId, Collection<Long> artifactIds) {
    if (artifactIds.isEmpty()) {
      return 0;
    }
    return em.createNativeQuery(MARK_PENDING)
        .setParameter(1, userId)
        .setParameter(
            2, artifactIds.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
        .executeUpdate();
  }

  /** Locks the owner's row, so concurrent creations cannot together pass the limit. */
  private void reserveCapacity(long userId, int adding) {
    if (((Number) em.createNativeQuery(OWNER_EXISTS).setParameter(1, userId).getSingleResult())
            .longValue()
        == 0) {
      throw new NotFoundException("user");
    }
    long existing =
        ((Number) em.createNativeQuery(LOCK_OWNER).setParameter(1, userId).getSingleResult())
            .longValue();
    if (existing + adding > maxPerUser) {
      throw new LimitExceededException(
          "artifacts",
          "an account can hold at most "
              + maxPerUser
              + " artifacts; it has "
              + existing
              + " and this request adds "
              + adding);
    }
  }

  // By owner and id, the table's key: one index probe, and on Citus one shard (em.find knows
  // only the id).
  private ArtifactEntity owned(long userId, long artifactId) {
    return find(userId, artifactId)
        .orElseThrow(() -> new NotFoundException("artifact " + artifactId));
  }

  private Optional<ArtifactEntity> find(long userId, long artifactId) {
    return em.createQuery(
            "SELECT a FROM ArtifactEntity a WHERE a.userId = :user AND a.id = :id",
            ArtifactEntity.class)
        .setParameter("user", userId)
        .setParameter("id", artifactId)
        .getResultStream()
        .findFirst();
  }

  private ArtifactEntity newEntity(long userId, ArtifactDraft draft) {
    ArtifactEntity entity = new ArtifactEntity();
    entity.userId = userId;
    apply(entity, draft);
    entity.embeddingStatus = EmbeddingStatus.PENDING.value();
    entity.createdAt = now();
    entity.updatedAt = entity.createdAt;
    return entity;
  }

  private static void apply(ArtifactEntity entity, ArtifactDraft draft) {
    ArtifactType type = ArtifactType.fromValue(draft.artifactType()).orElseThrow();
    entity.artifactType = type.value();
    entity.title = draft.title().strip();
    entity.description = blankToNull(draft.description());
    entity.content = blankToNull(draft.content());
    entity.organization = blankToNull(draft.organization());
    entity.url = blankToNull(draft.url());
    entity.setStarted(PartialDate.parse(draft.startedOn()).orElse(null));
    entity.setEnded(PartialDate.parse(draft.endedOn()).orElse(null));
    entity.tags = draft.tagsOrEmpty().stream().map(String::strip).distinct().toList();
    entity.visibility =
        draft.visibility() == null ? Visibility.PRIVATE.value() : draft.visibility();
    entity.metadata = draft.metadataOrEmpty();
    entity.contentHash =
        ArtifactContent.hash(
            ArtifactContent.embeddableText(
                type,
                entity.title,
                entity.organization,
                entity.tags,
                entity.description,
                entity.content));
  }

  /** PostgreSQL keeps microseconds: the artifact a write returns must equal the one read later. */
  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
