package io.cvtailor.artifacts;

import java.util.List;

/**
 * An artifact without its text: type, title, dates (as in {@link Artifact}) and tags. What a CV
 * needs of every artifact (sections, order, skills), cheap to read for a user with thousands.
 */
public record ArtifactLabel(
    long id,
    String artifactType,
    String title,
    String startedOn,
    String endedOn,
    List<String> tags) {}
