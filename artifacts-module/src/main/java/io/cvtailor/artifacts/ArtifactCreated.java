package io.cvtailor.artifacts;

/** Fired inside the transaction that created the artifact. */
public record ArtifactCreated(long artifactId, long userId, long version) {}
