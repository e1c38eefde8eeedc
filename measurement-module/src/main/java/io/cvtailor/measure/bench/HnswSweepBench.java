package io.cvtailor.measure.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Collection-wide HNSW: recall@10 against the exact neighbours versus p50/p99 latency for ef_search
 * 10-200, at the run's base size (100k; 10k quick) and with {@code --full} also 1M vectors of 384
 * dimensions; index build time and size; a {@code vector} index on the column versus a {@code
 * halfvec} expression index, both with the application's m = 16, ef_construction = 64.
 *
 * <p>The exact top 10 is computed in this JVM by brute force over the vectors kept in memory
 * (float32 dot products of unit vectors), independently of PostgreSQL; the sequential-scan query is
 * timed as the exact reference and its recall against that truth is printed as a sanity check.
 *
 * <p>Each index is built, swept and dropped before the next one is built, so the other index
 * neither competes for the page cache nor tempts the planner; EXPLAIN confirms the index is used.
 *
 * <p>Cost at 1M (--full), measured 100k figures scaled on a 2-core machine: generating the vectors
 * ≈ 20 s (parallel), COPY ≈ 1-2 min, each HNSW build ≈ 15-25 min (roughly 10× the 100k build plus
 * the log factor), the sweep ≈ 1 min per type, the exact reference ≈ 1 min: about 45-60 min in all.
 * Memory: 1M × 384 floats ≈ 1.6 GB of the bench JVM's 6 GB heap; maintenance_work_mem 4 GB on the
 * server, so the graph is built in memory (a smaller setting spills and builds far slower).
 */
final class HnswSweepBench {
  private HnswSweepBench() {}

  static final int DIMENSIONS = 384;
  static final int K = 10;
  static final int[] EF_SEARCH = {10, 20, 40, 80, 100, 150, 200};

  /** The two index flavours: the plain column, and a half-precision expression over it. */
  enum Type {
    VECTOR(
        "vector",
        """
        CREATE INDEX %1$s_vector_idx ON bench.%1$s USING hnsw (embedding vector_cosine_ops)
          WITH (m = 16, ef_construction = 64)
        """,
        """
        SELECT id FROM bench.%1$s ORDER BY embedding <=> CAST(? AS vector(384)) LIMIT 10
        """),
    HALFVEC(
        "halfvec",
        """
        CREATE INDEX %1$s_halfvec_idx ON bench.%1$s
          USING hnsw ((embedding::halfvec(384)) halfvec_cosine_ops)
          WITH (m = 16, ef_construction = 64)
        """,
        """
        SELECT id FROM bench.%1$s
        ORDER BY embedding::halfvec(384) <=> CAST(? AS halfvec(384)) LIMIT 10
        """);

    final String label;
    final String createSql;
    final String querySql;

    Type(String label, String createSql, String querySql) {
      this.label = label;
      this.createSql = createSql;
      this.querySql = querySql;
    }

    String indexName(String table) {
      return table + "_" + label + "_idx";
    }
  }

  private static final String CREATE_TABLE =
      """
      CREATE TABLE bench.%1$s (id integer PRIMARY KEY, embedding vector(384) NOT NULL)
      """;

  private static final String COPY = "COPY bench.%1$s (id, embedding) FROM STDIN (FORMAT binary)";

  private static final String INDEX_SIZE = "SELECT pg_relation_size(CAST(? AS regclass))";

  private record Point(String size, Type type, int ef, double recall, Latencies latency) {}

  static void run(BenchContext ctx) throws Exception {
    List<Integer> sizes = new ArrayList<>(List.of(ctx.artifacts()));
    if (ctx.full() && ctx.artifacts() != 1_000_000) {
      sizes.add(1_000_000);
    }
    int queries = ctx.quick() ? 50 : 200;
    BenchReport report = ctx.report();
    BenchReport.Table sweep =
        report.table(
            "hnsw_sweep",
            "HNSW recall@10 and latency against ef_search (384 dims, m=16, ef_construction=64,"
                + " one client, warm; "
                + queries
                + " queries)",
            "vectors",
            "type",
            "ef_search",
            "recall_at_10",
            "p50_ms",
            "p99_ms");
    BenchReport.Table builds =
        report.table(
            "hnsw_builds",
            "HNSW index builds (m=16, ef_construction=64)",
            "vectors",
            "type",
            "build_seconds",
            "index_mb");
    BenchReport.Table exact =
        report.table(
            "hnsw_exact",
            "Exact search (sequential scan, no index) for reference",
            "vectors",
            "queries",
            "recall_at_10",
            "p50_ms",
            "p99_ms");
    Map<String, List<double[]>> chart = new LinkedHashMap<>();

    try (Connection c = ctx.connect()) {
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS bench");
      }
      for (int n : sizes) {
        String size = label(n);
        String table = "hnsw_" + n;
        SyntheticVectors source =
            new SyntheticVectors(DIMENSIONS, Math.max(10, n / 100), 0.5, ctx.seed());
        BenchContext.progress("hnsw %s: generating %,d vectors", size, n);
        float[][] data = generate(source, 0, n);
        float[][] queryVectors = generate(source, n + 1L, queries);
        int[][] truth = exactTopK(data, queryVectors);
        try {
          load(c, table, data);
          measureExact(c, table, queryVectors, truth, n, exact, ctx);
          for (Type type : Type.values()) {
            List<Point> points = buildAndSweep(c, table, type, n, queryVectors, truth, builds, ctx);
            List<double[]> series = new ArrayList<>();
            for (Point p : points) {
              sweep.row(n, type.label, p.ef, p.recall, p.latency.p50(), p.latency.p99());
              series.add(new double[] {p.latency.p99(), p.recall});
            }
            chart.put(size + " " + type.label, series);
            headline(report, size, type, points);
          }
        } finally {
          try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench." + table);
          }
        }
      }
    }
    builds.print();
    exact.print();
    sweep.print();
    report.chart(
        "hnsw_recall_latency",
        "HNSW recall@10 against p99 latency (ef_search 10-200)",
        "p99 latency (ms)",
        "recall@10",
        true,
        chart);
  }

  /** Vector {@code i} depends only on the seed and i, so generation parallelises freely. */
  private static float[][] generate(SyntheticVectors source, long first, int count) {
    return IntStream.range(0, count)
        .parallel()
        .mapToObj(i -> source.vector(first + i))
        .toArray(float[][]::new);
  }

  /** Brute force in the JVM: every query against every vector, queries in parallel. */
  static int[][] exactTopK(float[][] data, float[][] queries) {
    long started = System.nanoTime();
    int[][] truth =
        IntStream.range(0, queries.length)
            .parallel()
            .mapToObj(q -> topK(data, queries[q]))
            .toArray(int[][]::new);
    BenchContext.progress(
        "hnsw: exact top-%d of %d queries over %,d vectors in the JVM in %.1f s",
        K, queries.length, data.length, (System.nanoTime() - started) / 1e9);
    return truth;
  }

  private static int[] topK(float[][] data, float[] query) {
    // Unit vectors: the largest dot product is the smallest cosine distance.
    int[] ids = new int[K];
    float[] scores = new float[K];
    java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    for (int i = 0; i < data.length; i++) {
      float[] v = data[i];
      float dot = 0;
      for (int d = 0; d < v.length; d++) {
        dot += v[d] * query[d];
      }
      if (dot > scores[K - 1]) {
        int at = K - 1;
        while (at > 0 && scores[at - 1] < dot) {
          scores[at] = scores[at - 1];
          ids[at] = ids[at - 1];
          at--;
        }
        scores[at] = dot;
        ids[at] = i;
      }
    }
    return ids;
  }

  private static void load(Connection c, String table, float[][] data) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS bench." + table);
      s.execute(CREATE_TABLE.formatted(table));
    }
    long started = System.nanoTime();
    int step = Math.max(1, data.length / 10);
    try (PgBinaryCopy copy = new PgBinaryCopy(c, COPY.formatted(table))) {
      for (int i = 0; i < data.length; i++) {
        copy.row(2).int4(i).vector(data[i]);
        if ((i + 1) % step == 0 && i + 1 < data.length) {
          BenchContext.progress(
              "hnsw %s: loading %3d%% (%,d vectors, %.0f s)",
              label(data.length),
              100L * (i + 1) / data.length,
              i + 1,
              (System.nanoTime() - started) / 1e9);
        }
      }
      copy.finish();
    }
    try (Statement s = c.createStatement()) {
      // Visibility map and statistics, as a settled table would have them.
      s.execute("VACUUM ANALYZE bench." + table);
    }
    BenchContext.progress(
        "hnsw %s: loaded %,d vectors in %.1f s (binary COPY, then VACUUM ANALYZE)",
        label(data.length), data.length, (System.nanoTime() - started) / 1e9);
  }

  private static void measureExact(
      Connection c,
      String table,
      float[][] queries,
      int[][] truth,
      int n,
      BenchReport.Table exact,
      BenchContext ctx)
      throws SQLException {
    // A seq scan over 1M rows takes about a second: fewer queries give the same percentiles' gist.
    int count = n >= 1_000_000 ? Math.min(queries.length, 50) : queries.length;
    String sql = Type.VECTOR.querySql.formatted(table);
    try (Statement s = c.createStatement()) {
      // The exact reference: the same ORDER BY as a (parallel) seq scan, whatever indexes exist.
      s.execute("SET enable_indexscan = off");
      s.execute("SET enable_bitmapscan = off");
    }
    try {
      explain(c, sql, queries[0], "Seq Scan");
      run(c, sql, queries, truth, Math.min(count, 10)); // warm-up: table into the page cache
      Measured m = run(c, sql, queries, truth, count);
      exact.row(n, count, m.recall, m.latency.p50(), m.latency.p99());
      ctx.report().figure("hnsw", "exact_p50_ms_" + label(n), m.latency.p50());
      ctx.report().figure("hnsw", "exact_p99_ms_" + label(n), m.latency.p99());
      BenchContext.progress(
          "hnsw %s: exact p50 %.1f ms, p99 %.1f ms, recall against the JVM's truth %.4f",
          label(n), m.latency.p50(), m.latency.p99(), m.recall);
    } finally {
      try (Statement s = c.createStatement()) {
        s.execute("RESET enable_indexscan");
        s.execute("RESET enable_bitmapscan");
      }
    }
  }

  // The progress watch runs for the try's duration; nothing in the body refers to it.
  @SuppressWarnings("try")
  private static List<Point> buildAndSweep(
      Connection c,
      String table,
      Type type,
      int n,
      float[][] queries,
      int[][] truth,
      BenchReport.Table builds,
      BenchContext ctx)
      throws SQLException, IOException {
    BenchReport report = ctx.report();
    String size = label(n);
    String index = type.indexName(table);
    BenchContext.progress("hnsw %s: building the %s index", size, type.label);
    double seconds;
    double megabytes;
    try (Statement s = c.createStatement()) {
      // Enough for the whole graph in memory (about 1.5× the vectors plus neighbour lists); with
      // less, pgvector switches to a much slower on-disk build. The leader plus one worker on 2
      // cores; the parallel build keeps its graph in shared memory (/dev/shm).
      s.execute("SET maintenance_work_mem = '" + (n > 200_000 ? "4GB" : "1GB") + "'");
      s.execute("SET max_parallel_maintenance_workers = 1");
      long started = System.nanoTime();
      try (BuildProgress watch = BuildProgress.watch(ctx, c, size + " " + type.label)) {
        s.execute(type.createSql.formatted(table));
      }
      seconds = (System.nanoTime() - started) / 1e9;
      s.execute("RESET maintenance_work_mem");
      s.execute("RESET max_parallel_maintenance_workers");
      s.execute("ANALYZE bench." + table);
    }
    try (PreparedStatement p = c.prepareStatement(INDEX_SIZE)) {
      p.setString(1, "bench." + index);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        megabytes = rs.getLong(1) / 1048576.0;
      }
    }
    builds.row(n, type.label, seconds, megabytes);
    report.figure("hnsw", "build_seconds_" + type.label + "_" + size, seconds);
    report.figure("hnsw", "index_mb_" + type.label + "_" + size, megabytes);
    BenchContext.progress(
        "hnsw %s: %s index built in %.1f s, %.0f MB", size, type.label, seconds, megabytes);

    List<Point> points = new ArrayList<>();
    String sql = type.querySql.formatted(table);
    try (Statement s = c.createStatement()) {
      // The pure sweep: without iterative scan ef_search alone bounds the candidates.
      s.execute("SET hnsw.iterative_scan = off");
      s.execute("SET hnsw.ef_search = " + EF_SEARCH[EF_SEARCH.length - 1]);
      explain(c, sql, queries[0], index);
      run(c, sql, queries, truth, queries.length); // warm-up pass at the widest search
      for (int ef : EF_SEARCH) {
        s.execute("SET hnsw.ef_search = " + ef);
        Measured m = run(c, sql, queries, truth, queries.length);
        points.add(new Point(size, type, ef, m.recall, m.latency));
        BenchContext.progress(
            "hnsw %s %s ef_search %3d: recall@10 %.3f, p50 %.2f ms, p99 %.2f ms",
            size, type.label, ef, m.recall, m.latency.p50(), m.latency.p99());
      }
      s.execute("SET hnsw.ef_search = 40");
      explainAnalyze(
          c,
          sql,
          queries[0],
          report.outDir().resolve("hnsw_explain_" + size + "_" + type.label + ".txt"));
      s.execute("RESET hnsw.ef_search");
      s.execute("RESET hnsw.iterative_scan");
      s.execute("DROP INDEX bench." + index);
    }
    return points;
  }

  private record Measured(double recall, Latencies latency) {}

  /**
   * Prints the phase and tuples done of a running CREATE INDEX every 30 s from a second connection
   * (pg_stat_progress_create_index): at 1M vectors a build runs for many minutes.
   */
  private static final class BuildProgress implements AutoCloseable {
    private static final String PROGRESS =
        """
        SELECT phase, tuples_done, tuples_total
        FROM pg_stat_progress_create_index WHERE pid = ?
        """;

    private final Connection connection;
    private final ScheduledExecutorService poller;

    private BuildProgress(Connection connection, ScheduledExecutorService poller) {
      this.connection = connection;
      this.poller = poller;
    }

    static BuildProgress watch(BenchContext ctx, Connection building, String what)
        throws SQLException {
      int pid;
      try (Statement s = building.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        pid = rs.getInt(1);
      }
      long started = System.nanoTime();
      Connection connection = ctx.connect();
      PreparedStatement query = connection.prepareStatement(PROGRESS);
      query.setInt(1, pid);
      ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
      Future<?> unused =
          poller.scheduleAtFixedRate(
              () -> {
                try (ResultSet rs = query.executeQuery()) {
                  if (rs.next()) {
                    // HNSW builds report no total, only the tuples loaded so far.
                    BenchContext.progress(
                        "hnsw %s: index build %s, %,d tuples%s (%.0f s)",
                        what,
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3) > 0 ? String.format(" of %,d", rs.getLong(3)) : "",
                        (System.nanoTime() - started) / 1e9);
                  }
                } catch (SQLException e) {
                  BenchContext.progress("hnsw %s: no build progress (%s)", what, e.getMessage());
                }
              },
              30,
              30,
              TimeUnit.SECONDS);
      return new BuildProgress(connection, poller);
    }

    @Override
    public void close() throws SQLException {
      poller.shutdownNow();
      try {
        poller.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      connection.close();
    }
  }

  /** One client, one query after the other; latency is the client-side round trip. */
  private static Measured run(Connection c, String sql, float[][] queries, int[][] truth, int count)
      throws SQLException {
    double[] millis = new double[count];
    double recall = 0;
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (int q = 0; q < count; q++) {
        String vector = SyntheticVectors.toText(queries[q]);
        long started = System.nanoTime();
        p.setString(1, vector);
        int hits = 0;
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            int id = rs.getInt(1);
            for (int t : truth[q]) {
              if (t == id) {
                hits++;
                break;
              }
            }
          }
        }
        millis[q] = (System.nanoTime() - started) / 1e6;
        recall += hits / (double) K;
      }
    }
    return new Measured(recall / count, Latencies.of(millis));
  }

  /** Fails the section loudly if the planner does not take the intended path. */
  private static void explain(Connection c, String sql, float[] query, String expected)
      throws SQLException {
    String plan = plan(c, "EXPLAIN " + sql, query);
    if (!plan.contains(expected)) {
      throw new IllegalStateException("expected " + expected + " in the plan of " + sql + plan);
    }
  }

  /** EXPLAIN (ANALYZE, BUFFERS) of one query, kept beside the CSVs. */
  private static void explainAnalyze(Connection c, String sql, float[] query, Path file)
      throws SQLException, IOException {
    Files.writeString(file, plan(c, "EXPLAIN (ANALYZE, BUFFERS) " + sql, query));
  }

  private static String plan(Connection c, String explain, float[] query) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(explain)) {
      p.setString(1, SyntheticVectors.toText(query));
      return QueryPlans.text(p);
    }
  }

  /** Headlines: the cheapest ef_search reaching recall 0.95, and the app's ef_search 100. */
  private static void headline(BenchReport report, String size, Type type, List<Point> points) {
    String key = type.label + "_" + size;
    points.stream()
        .filter(p -> p.recall >= 0.95)
        .findFirst()
        .ifPresentOrElse(
            p -> {
              report.figure("hnsw", "ef_for_recall_0.95_" + key, p.ef);
              report.figure("hnsw", "p99_ms_at_recall_0.95_" + key, p.latency.p99());
            },
            () -> report.figure("hnsw", "ef_for_recall_0.95_" + key, "not reached"));
    for (Point p : points) {
      if (p.ef == 40 || p.ef == 100) {
        report.figure("hnsw", "recall_at_ef" + p.ef + "_" + key, p.recall);
        report.figure("hnsw", "p99_ms_at_ef" + p.ef + "_" + key, p.latency.p99());
      }
    }
  }

  static String label(int n) {
    if (n >= 1_000_000 && n % 1_000_000 == 0) {
      return n / 1_000_000 + "M";
    }
    if (n >= 1_000 && n % 1_000 == 0) {
      return n / 1_000 + "k";
    }
    return String.valueOf(n);
  }
}
