package io.cvtailor.search;

import io.cvtailor.embeddings.VectorIndex;
import io.cvtailor.search.internal.SqlSimilaritySearch;

/**
 * The SQL the similar search runs, published so that {@code ./cvtailor bench} and the tests run the
 * very statement the API runs over plain JDBC (JPA's numbered parameters {@code ?1}..{@code ?6}:
 * query vector, user id, model, artifact types (text[] or null), similarity threshold, limit).
 */
public final class SearchStatements {
  private SearchStatements() {}

  /** Exact distances over one user's vectors. */
  public static String perUser(DistanceMethod method) {
    return SqlSimilaritySearch.perUserStatement(method);
  }

  /** Public artifacts of every user too, through the active model's HNSW index. */
  public static String collectionWide(DistanceMethod method, VectorIndex index) {
    return SqlSimilaritySearch.collectionWideStatement(method, index);
  }
}
