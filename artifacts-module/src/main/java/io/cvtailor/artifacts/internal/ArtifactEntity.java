package io.cvtailor.artifacts.internal;

import io.cvtailor.artifacts.Artifact;
import io.cvtailor.artifacts.ArtifactContent;
import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.artifacts.PartialDate;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

@Entity
@Table(schema = "artifacts", name = "artifacts")
public class ArtifactEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  @Column(name = "user_id", nullable = false)
  long userId;

  @Column(name = "artifact_type", nullable = false)
  String artifactType;

  String title;
  String description;
  String content;
  String organization;
  String url;

  @Column(name = "started_on")
  LocalDate startedOn;

  @Column(name = "started_on_precision")
  String startedOnPrecision;

  @Column(name = "ended_on")
  LocalDate endedOn;

  @Column(name = "ended_on_precision")
  String endedOnPrecision;

  @Convert(converter = TagsConverter.class)
  @Column(columnDefinition = "jsonb")
  List<String> tags;

  String visibility;

  @Convert(converter = JsonObjectConverter.class)
  @Column(columnDefinition = "jsonb")
  Map<String, Object> metadata;

  @Column(name = "content_hash", nullable = false)
  String contentHash;

  @Column(name = "embedding_status", nullable = false)
  String embeddingStatus;

  @Column(name = "embedding_error")
  String embeddingError;

  @Version long version;

  @Column(name = "created_at", nullable = false)
  OffsetDateTime createdAt;

  @Column(name = "updated_at", nullable = false)
  OffsetDateTime updatedAt;

  Artifact toArtifact() {
    return new Artifact(
        id,
        userId,
        artifactType,
        title,
        description,
        content,
        organization,
        url,
        format(startedOn, startedOnPrecision),
        format(endedOn, endedOnPrecision),
        tags == null ? List.of() : List.copyOf(tags),
        visibility,
        metadata == null ? Map.of() : metadata,
        version,
        contentHash,
        embeddingStatus,
        embeddingError,
        createdAt.toInstant(),
        updatedAt.toInstant());
  }

  ArtifactContent toContent() {
    return new ArtifactContent(
        id,
        userId,
        version,
        ArtifactType.fromValue(artifactType).orElse(ArtifactType.OTHER),
        title,
        organization,
        tags == null ? List.of() : List.copyOf(tags),
        description,
        content,
        contentHash);
  }

  void setStarted(PartialDate date) {
    startedOn = date == null ? null : date.start();
    startedOnPrecision = date == null ? null : date.precision().name();
  }

  void setEnded(PartialDate date) {
    endedOn = date == null ? null : date.start();
    endedOnPrecision = date == null ? null : date.precision().name();
  }

  static String format(LocalDate date, String precision) {
    return date == null
        ? null
        : new PartialDate(date, PartialDate.Precision.valueOf(precision)).toString();
  }
}
