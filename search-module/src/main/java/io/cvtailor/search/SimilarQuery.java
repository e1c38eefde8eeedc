package io.cvtailor.search;

import io.cvtailor.artifacts.ArtifactType;
import java.util.Set;

/** A validated similar-artifacts query for one caller. */
public record SimilarQuery(
    long userId,
    float[] queryVector,
    int limit,
    double similarityThreshold,
    Set<ArtifactType> artifactTypes,
    boolean userOnly,
    DistanceMethod method) {}
