package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.artifacts.ArtifactCatalog;
import io.cvtailor.artifacts.ArtifactContent;
import io.cvtailor.embeddings.ArtifactEmbeddings;
import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.internal.store.ArtifactEmbeddingEntity;
import io.cvtailor.kernel.NotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

@ApplicationScoped
public class DefaultArtifactEmbeddings implements ArtifactEmbeddings {
  private static final String ROWS =
      """
      SELECT e FROM ArtifactEmbeddingEntity e
      WHERE e.userId = :user AND e.artifactId = :artifact AND e.modelVersion = :model
      ORDER BY e.contentType, e.chunkOrdinal
      """;

  @PersistenceContext(unitName = "embeddings")
  EntityManager em;

  @Inject ArtifactCatalog catalog;
  @Inject EmbeddingProvider provider;
  @Inject EmbeddingBatchProcessor processor;

  @Override
  @Transactional
  public List<EmbeddingInfo> list(long userId, long artifactId) {
    catalog.get(userId, artifactId);
    return rows(userId, artifactId).stream()
        .map(
            row ->
                new EmbeddingInfo(
                    row.id,
                    row.contentType,
                    row.chunkOrdinal,
                    row.modelDimensions,
                    row.modelVersion,
                    row.tokenCount,
                    row.generatedAt.toInstant()))
        .toList();
  }

  /**
   * Reads the artifact and its stored state (each read on its own), embeds with no transaction open
   * (no pooled connection or lock waits on the model), then stores in one short transaction.
   */
  @Override
  @Transactional(Transactional.TxType.NEVER)
  public Generated generate(long userId, long artifactId, Kind kind, boolean force) {
    catalog.get(userId, artifactId);
    ArtifactContent content =
        catalog
            .content(userId, artifactId)
            .orElseThrow(() -> new NotFoundException("artifact " + artifactId));
    boolean current =
        processor
            .storedContentHash(userId, artifactId)
            .filter(content.contentHash()::equals)
            .isPresent();
    boolean created = false;
    if (force || !current) {
      EmbeddingPlan plan = EmbeddingPlan.of(content, provider);
      List<float[]> vectors = provider.embed(plan.allTexts());
      processor.storeEmbedded(content, plan, vectors);
      created = true;
    }
    List<ArtifactEmbeddingEntity> rows = rows(userId, artifactId);
    String wanted = kind == Kind.CHUNKS ? "chunk" : kind.name().toLowerCase(java.util.Locale.ROOT);
    List<ArtifactEmbeddingEntity> selected =
        rows.stream().filter(row -> row.contentType.equals(wanted)).toList();
    ArtifactEmbeddingEntity first = selected.get(0);
    return new Generated(
        artifactId,
        first.id,
        selected.stream().map(row -> row.id).toList(),
        first.modelDimensions,
        first.generatedAt.toInstant(),
        first.contentHash.trim(),
        created);
  }

  private List<ArtifactEmbeddingEntity> rows(long userId, long artifactId) {
    return em.createQuery(ROWS, ArtifactEmbeddingEntity.class)
        .setParameter("user", userId)
        .setParameter("artifact", artifactId)
        .setParameter("model", provider.modelId())
        .getResultList();
  }
}
