package io.cvtailor.search;

/** Finds artifacts whose embeddings are nearest a query vector, for the active model. */
public interface SimilaritySearch {
  SimilarResult findSimilar(SimilarQuery query);
}
