package io.cvtailor.artifacts;

import java.util.List;

/** One page of a listing; {@code page} counts from 0. */
public record ArtifactPage(List<Artifact> items, long total, int page, int size) {}
