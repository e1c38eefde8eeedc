package io.cvtailor.artifacts;

/** Fired inside the transaction that deleted the artifact (its rows are gone at commit). */
public record ArtifactDeleted(long artifactId, long userId, long version) {}
