package io.cvtailor.embeddings;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The per-model approximate (HNSW) index on whole-artifact vectors. The column is an untyped {@code
 * vector}, so each model gets a partial index on a typed cast of it; a query uses the index only
 * when it orders by exactly {@link #castExpression(String)} and filters on the same model. Models
 * of more than 2000 dimensions are indexed as {@code halfvec} (pgvector's HNSW limit).
 */
public record VectorIndex(String modelVersion, int dimensions) {
  private static final Pattern SAFE_MODEL = Pattern.compile("[A-Za-z0-9._:@/-]{1,100}");

  public VectorIndex {
    // Model ids come from configuration, and DDL cannot take bind parameters: allow safe ids only.
    if (!SAFE_MODEL.matcher(modelVersion).matches()) {
      throw new IllegalArgumentException("unsupported characters in model id " + modelVersion);
    }
    if (dimensions < 1 || dimensions > 4000) {
      throw new IllegalArgumentException("cannot index " + dimensions + " dimensions");
    }
  }

  public String name() {
    return "artifact_embeddings_hnsw_"
        + modelVersion.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  /** {@code vector} or {@code halfvec}. */
  public String vectorType() {
    return dimensions <= 2000 ? "vector" : "halfvec";
  }

  /** The indexed expression over a column reference such as {@code e.embedding_vector}. */
  public String castExpression(String column) {
    return "(" + column + "::" + vectorType() + "(" + dimensions + "))";
  }

  /** The query side of a vector parameter cast the same way. */
  public String castParameter(String parameter) {
    return "CAST(" + parameter + " AS " + vectorType() + "(" + dimensions + "))";
  }

  public String createStatement() {
    return "CREATE INDEX CONCURRENTLY IF NOT EXISTS "
        + name()
        + " ON embeddings.artifact_embeddings USING hnsw ("
        + castExpression("embedding_vector")
        + " "
        + vectorType()
        + "_cosine_ops) WITH (m = 16, ef_construction = 64) WHERE model_version = '"
        + modelVersion
        + "' AND content_type = 'full'";
  }
}
