package io.cvtailor.artifacts;

/** Listing criteria: an optional type, an optional text that must appear, and a page. */
public record ArtifactFilter(ArtifactType type, String text, int page, int size) {}
