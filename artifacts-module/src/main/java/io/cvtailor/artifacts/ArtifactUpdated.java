package io.cvtailor.artifacts;

/**
 * Fired inside the transaction that changed the artifact; {@code contentChanged} is false when only
 * fields outside the embedded text (visibility, url, metadata) changed.
 */
public record ArtifactUpdated(long artifactId, long userId, long version, boolean contentChanged) {}
