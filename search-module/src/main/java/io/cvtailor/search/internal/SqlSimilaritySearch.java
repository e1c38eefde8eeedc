package io.cvtailor.search.internal;

import io.cvtailor.artifacts.ArtifactType;
import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.VectorIndex;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.kernel.db.ReadRoute;
import io.cvtailor.kernel.db.Rows;
import io.cvtailor.search.DistanceMethod;
import io.cvtailor.search.SimilarQuery;
import io.cvtailor.search.SimilarResult;
import io.cvtailor.search.SimilaritySearch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Per-user search computes exact distances over the caller's vectors (a user has tens to thousands
 * of artifacts, so this is fast and has recall 1.0). An artifact's distance is the smallest of its
 * whole-artifact and chunk distances, so a passage deep in a long artifact still finds it. The
 * distance expression is on the plain column, which no approximate index covers, so the planner
 * cannot swap in an index scan that would return fewer rows than asked for.
 */
@ApplicationScoped
public class SqlSimilaritySearch implements SimilaritySearch {

  private static final String PER_USER =
      """
      WITH scored AS (
        SELECT a.id, a.title, a.artifact_type, a.description,
               min(%1$s) AS distance
        FROM embeddings.artifact_vectors e
        JOIN artifacts.searchable_artifacts a ON a.user_id = e.user_id AND a.id = e.artifact_id
        WHERE e.user_id = ?2 AND e.model_version = ?3 AND e.content_type IN ('full', 'chunk')
          AND (CAST(?4 AS text[]) IS NULL OR a.artifact_type = ANY (CAST(?4 AS text[])))
        -- every shown column: a view has no primary key to group by alone
        GROUP BY a.id, a.title, a.artifact_type, a.description
      )
      SELECT id, title, artifact_type, description, distance, count(*) OVER () AS candidates
      FROM scored
      WHERE %2$s >= ?5
      ORDER BY distance, id
      LIMIT ?6
      """;

  private static final Map<DistanceMethod, String> PER_USER_SQL =
      new EnumMap<>(DistanceMethod.class);

  static {
    for (DistanceMethod method : DistanceMethod.values()) {
      PER_USER_SQL.put(
          method,
          PER_USER.formatted(
              method.distanceSql(
                  // An InitPlan parses the query vector once; a bare cast would be re-parsed
                  // for every row once PostgreSQL switches to a generic plan (40x slower).
                  "e.embedding_vector", "(SELECT CAST(?1 AS vector))"),
              similarityExpression(method)));
    }
  }

  /**
   * The per-user statement for a method, with JPA's numbered parameters ({@code ?1}..{@code ?6}):
   * query vector, user id, model, artifact types (text[] or null), similarity threshold, limit.
   * Public so that {@code ./cvtailor bench} can run the very same statement over plain JDBC.
   */
  public static String perUserStatement(DistanceMethod method) {
    return PER_USER_SQL.get(method);
  }

  /**
   * Other users' public artifacts too: an approximate nearest-neighbour search over whole-artifact
   * vectors, served by the per-model HNSW index (same cast expression and predicate as the index)
   * for every operator, with {@code hnsw.iterative_scan} so that filtering (visibility, type,
   * threshold) still returns {@code limit} rows whenever that many qualify. The index is built for
   * cosine distance; the stored whole-artifact vectors are unit length, so for any query vector
   * {@code q} the L2 distance ({@code sqrt(|q|^2 + 1 - 2 q.e)}) and the negated inner product
   * ({@code -q.e}) order the artifacts exactly as the cosine distance does ({@code 1 - q.e/|q|}):
   * walking the cosine index in order yields the nearest by every operator, and each row reports
   * the requested operator's distance. Before this, l2 and inner_product scanned every user's
   * vectors.
   */
  private static final String COLLECTION_WIDE =
      """
      -- fans out: other users public artifacts too (one HNSW walk per shard on Citus)
      WITH nearest AS MATERIALIZED (
        SELECT a.id, a.title, a.artifact_type, a.description,
               %1$s AS distance
        FROM embeddings.artifact_vectors e
        JOIN artifacts.searchable_artifacts a ON a.user_id = e.user_id AND a.id = e.artifact_id
        WHERE e.model_version = ?3 AND e.content_type = 'full'
          AND (a.visibility = 'public' OR a.user_id = ?2)
          AND (CAST(?4 AS text[]) IS NULL OR a.artifact_type = ANY (CAST(?4 AS text[])))
          AND %2$s >= ?5
        ORDER BY %3$s
        LIMIT ?6
      )
      SELECT id, title, artifact_type, description, distance, count(*) OVER () AS candidates
      FROM nearest
      ORDER BY distance, id
      """;

  /** ef_search for collection-wide queries (pgvector's default is 40). */
  static final int EF_SEARCH = 100;

  // SET LOCAL commands rather than set_config(): on Citus, citus.propagate_set_commands = local
  // carries SET LOCAL to the workers that walk the shards' indexes (docs/scaling.md); a function
  // call would stay on the coordinator. Constants, never request values.
  private static final List<String> TUNE_HNSW =
      List.of(
          "SET LOCAL hnsw.ef_search = " + EF_SEARCH,
          "SET LOCAL hnsw.iterative_scan = relaxed_order");

  private String collectionWideSql(DistanceMethod method) {
    return collectionWideStatement(
        method, new VectorIndex(pipeline.activeModel(), pipeline.dimensions()));
  }

  /**
   * The collection-wide statement for a method and the active model's index, with the parameters of
   * {@link #perUserStatement}. Public so that a test can show its plan walks the index.
   */
  public static String collectionWideStatement(DistanceMethod method, VectorIndex index) {
    String column = index.castExpression("e.embedding_vector");
    String parameter = index.castParameter("?1");
    String distance = method.distanceSql(column, parameter);
    return COLLECTION_WIDE.formatted(
        distance,
        similarityExpression(method).replace("distance", distance),
        DistanceMethod.COSINE.distanceSql(column, parameter));
  }

  /** The SQL form of {@link DistanceMethod#similarity(double)} over the column {@code distance}. */
  static String similarityExpression(DistanceMethod method) {
    return switch (method) {
      case COSINE -> "(1 - distance)";
      case L2 -> "(1 / (1 + distance))";
      case INNER_PRODUCT -> "(-distance)";
    };
  }

  @PersistenceContext(unitName = "search")
  EntityManager em;

  /** The standby's copy (db.read-url), only for reads a stale-tolerant request routed there. */
  @PersistenceContext(unitName = "search-read")
  EntityManager readEm;

  private EntityManager em() {
    return ReadRoute.replica() ? readEm : em;
  }

  @Inject EmbeddingPipeline pipeline;

  @Override
  @Transactional
  public SimilarResult findSimilar(SimilarQuery query) {
    long started = System.nanoTime();
    String types =
        query.artifactTypes() == null || query.artifactTypes().isEmpty()
            ? null
            : query.artifactTypes().stream()
                .map(ArtifactType::value)
                .collect(Collectors.joining(",", "{", "}"));
    String sql = PER_USER_SQL.get(query.method());
    if (!query.userOnly()) {
      TUNE_HNSW.forEach(setting -> em().createNativeQuery(setting).executeUpdate());
      sql = collectionWideSql(query.method());
    }
    List<Found> rows =
        Rows.list(
            em().createNativeQuery(sql)
                .setParameter(1, Vectors.toText(query.queryVector()))
                .setParameter(2, query.userId())
                .setParameter(3, pipeline.activeModel())
                .setParameter(4, types)
                .setParameter(5, query.similarityThreshold())
                .setParameter(6, query.limit()),
            row -> Found.of(row, query.method()));
    List<SimilarResult.Match> matches = rows.stream().map(Found::match).toList();
    long candidates = rows.isEmpty() ? 0 : rows.get(rows.size() - 1).candidates();
    double millis = (System.nanoTime() - started) / 1_000_000.0;
    return new SimilarResult(
        matches, new SimilarResult.QueryInfo(query.method().value(), candidates, millis));
  }

  /** A row of the search: the match, and how many candidates the query considered. */
  private record Found(SimilarResult.Match match, long candidates) {
    static Found of(Rows.Row row, DistanceMethod method) {
      double distance = row.getDouble(4);
      return new Found(
          new SimilarResult.Match(
              row.getLong(0),
              method.similarity(distance),
              distance,
              new SimilarResult.ArtifactSummary(
                  row.getString(1), row.getString(2), row.getString(3))),
          row.getLong(5));
    }
  }
}
