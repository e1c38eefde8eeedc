package io.cvtailor.artifacts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An artifact as its owner sees it. Dates keep the precision they were given with. */
public record Artifact(
    long id,
    long userId,
    String artifactType,
    String title,
    String description,
    String content,
    String organization,
    String url,
    String startedOn,
    String endedOn,
    List<String> tags,
    String visibility,
    Map<String, Object> metadata,
    long version,
    String contentHash,
    String embeddingStatus,
    String embeddingError,
    Instant createdAt,
    Instant updatedAt) {}
