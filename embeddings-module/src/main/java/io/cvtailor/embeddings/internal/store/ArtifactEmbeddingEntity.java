package io.cvtailor.embeddings.internal.store;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(schema = "embeddings", name = "artifact_embeddings")
public class ArtifactEmbeddingEntity {
  @Id public UUID id;

  @Column(name = "artifact_id")
  public long artifactId;

  @Column(name = "user_id")
  public long userId;

  @Column(name = "artifact_version")
  public long artifactVersion;

  @Column(name = "content_type")
  public String contentType;

  @Column(name = "chunk_ordinal")
  public int chunkOrdinal;

  @Column(name = "source_text")
  public String sourceText;

  @Convert(converter = VectorConverter.class)
  @Column(name = "embedding_vector", columnDefinition = "vector")
  public float[] embeddingVector;

  @Column(name = "content_hash")
  public String contentHash;

  @Column(name = "model_version")
  public String modelVersion;

  @Column(name = "model_dimensions")
  public int modelDimensions;

  @Column(name = "token_count")
  public int tokenCount;

  @Column(name = "processing_cost_usd")
  public BigDecimal processingCostUsd;

  @Column(name = "generated_at")
  public OffsetDateTime generatedAt;
}
