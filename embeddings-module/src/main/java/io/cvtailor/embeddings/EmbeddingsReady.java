package io.cvtailor.embeddings;

/** Fired inside the transaction that stored an artifact's vectors for a model. */
public record EmbeddingsReady(long artifactId, long userId, String modelVersion) {}
