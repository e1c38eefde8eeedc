package io.cvtailor.measure.bench;

import com.pgvector.PGvector;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.pgvector.PgVectorEmbeddingStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * Stored vectors per second with precomputed embeddings, into the application's own table {@code
 * embeddings.artifact_embeddings} (its primary key, unique key, foreign key, CHECK and per-user
 * index all in force) by JDBC batch and by binary COPY, beside LangChain4j's {@code
 * PgVectorEmbeddingStore.addAll} into its own table on the same database in the same run; then
 * exact top-10 search on both.
 *
 * <p>Vectors, texts and content hashes are made before the clocks start, for every store; turning
 * them into wire format is part of storing. The artifact rows the foreign key needs are setup.
 */
final class VectorStoreBench {
  private VectorStoreBench() {}

  static final int DIMENSIONS = 384;
  static final int BATCH = 1_000;

  /** No partial HNSW index of the application matches this model, so both sides search exactly. */
  static final String MODEL = "bench-store-384";

  private static final String CREATE_USER =
      """
      INSERT INTO artifacts.users (email, display_name) VALUES (?, 'Bench store') RETURNING id
      """;

  private static final String CREATE_ARTIFACTS =
      """
      INSERT INTO artifacts.artifacts (user_id, artifact_type, title, content_hash)
      SELECT ?, 'project', 'Bench artifact ' || g, encode(sha256(convert_to('artifact ' || g, 'UTF8')), 'hex')
      FROM generate_series(1, ?) AS g
      """;

  private static final String ARTIFACT_IDS =
      "SELECT id FROM artifacts.artifacts WHERE user_id = ? ORDER BY id";

  private static final String INSERT =
      """
      INSERT INTO embeddings.artifact_embeddings
        (artifact_id, user_id, artifact_version, content_type, source_text, embedding_vector,
         content_hash, model_version, model_dimensions)
      VALUES (?, ?, 1, 'full', ?, %s, ?, ?, 384)
      """;

  private static final String VECTOR_OID = "SELECT CAST('public.vector' AS regtype)::oid";

  private static final String COPY =
      """
      COPY embeddings.artifact_embeddings
        (artifact_id, user_id, artifact_version, content_type, source_text, embedding_vector,
         content_hash, model_version, model_dimensions)
      FROM STDIN (FORMAT binary)
      """;

  private static final String DELETE_STORED =
      "DELETE FROM embeddings.artifact_embeddings WHERE user_id = ? AND model_version = ?";

  /** Exact per-user search over the plain column, as the application's per-user search scans. */
  private static final String SEARCH =
      """
      SELECT artifact_id, source_text, embedding_vector <=> (SELECT CAST(? AS vector)) AS distance
      FROM embeddings.artifact_embeddings
      WHERE user_id = ? AND model_version = ? AND content_type = 'full'
      ORDER BY distance
      LIMIT 10
      """;

  private static final String LC4J_TABLE = "bench.lc4j_embeddings";

  private record Input(float[][] vectors, String[] texts, String[] hashes) {}

  static void run(BenchContext ctx) throws Exception {
    int n = ctx.quick() ? 5_000 : 50_000;
    int queries = ctx.quick() ? 50 : 200;
    SyntheticVectors source =
        new SyntheticVectors(DIMENSIONS, Math.max(10, n / 100), 0.5, ctx.seed() + 1);
    Input input = input(source, n);
    float[][] queryVectors =
        IntStream.range(0, queries)
            .mapToObj(i -> source.vector(n + 1L + i))
            .toArray(float[][]::new);
    BenchReport report = ctx.report();
    BenchReport.Table table =
        report.table(
            "store",
            "Storing "
                + n
                + " precomputed 384-dim embeddings, and exact top-10 search over them ("
                + queries
                + " queries, one client)",
            "store",
            "operation",
            "vectors",
            "seconds",
            "vectors_per_second",
            "p50_ms",
            "p99_ms");

    try (Connection c = ctx.connect()) {
      c.setAutoCommit(true);
      long userId = createUser(c, n);
      try {
        long[] artifactIds = artifactIds(c, userId, n);

        // Each method first stores one batch untimed (JIT, plan and page cache warm), then all.
        timeBatch(ctx, userId, artifactIds, input, BATCH, false);
        clear(c, userId);
        double text = timeBatch(ctx, userId, artifactIds, input, n, false);
        table.row(
            "cvtailor",
            "store: JDBC batch, text vectors",
            n,
            text,
            n / text,
            Double.NaN,
            Double.NaN);
        verify(c, userId, artifactIds, input);
        clear(c, userId);
        timeBatch(ctx, userId, artifactIds, input, BATCH, true);
        clear(c, userId);
        double batch = timeBatch(ctx, userId, artifactIds, input, n, true);
        table.row(
            "cvtailor",
            "store: JDBC batch, binary vectors",
            n,
            batch,
            n / batch,
            Double.NaN,
            Double.NaN);
        verify(c, userId, artifactIds, input);
        clear(c, userId);
        timeCopy(c, userId, artifactIds, input, BATCH);
        clear(c, userId);
        double copy = timeCopy(c, userId, artifactIds, input, n);
        table.row("cvtailor", "store: binary COPY", n, copy, n / copy, Double.NaN, Double.NaN);
        verify(c, userId, artifactIds, input);
        clear(c, userId);
        double parallel = timeParallelCopy(ctx, userId, artifactIds, input, n, 2);
        table.row(
            "cvtailor",
            "store: binary COPY, 2 parallel streams",
            n,
            parallel,
            n / parallel,
            Double.NaN,
            Double.NaN);
        verify(c, userId, artifactIds, input);

        // The same method into a table shaped like LangChain4j's: what the table costs.
        double plain = timePlainCopy(c, input);
        table.row(
            "cvtailor",
            "store: binary COPY, LangChain4j's table shape",
            n,
            plain,
            n / plain,
            Double.NaN,
            Double.NaN);

        Connection lc4jConnection = ctx.connect();
        try {
          PgVectorEmbeddingStore store = langchain4j(ctx);
          double lc4j = timeLangchain4j(store, input);
          table.row("langchain4j", "store: addAll", n, lc4j, n / lc4j, Double.NaN, Double.NaN);
          report.figure("store", "vectors", n);
          report.figure("store", "cvtailor_batch_text_vectors_per_second", n / text);
          report.figure("store", "cvtailor_batch_vectors_per_second", n / batch);
          report.figure("store", "cvtailor_copy_vectors_per_second", n / copy);
          report.figure("store", "langchain4j_addall_vectors_per_second", n / lc4j);
          report.figure("store", "ratio_batch_text_over_langchain4j", lc4j / text);
          report.figure("store", "ratio_batch_over_langchain4j", lc4j / batch);
          report.figure("store", "ratio_copy_over_langchain4j", lc4j / copy);
          report.figure("store", "cvtailor_copy_2_streams_vectors_per_second", n / parallel);
          report.figure("store", "ratio_copy_2_streams_over_langchain4j", lc4j / parallel);
          report.figure("store", "cvtailor_copy_plain_table_vectors_per_second", n / plain);
          report.figure("store", "ratio_copy_plain_table_over_langchain4j", lc4j / plain);

          Latencies ours = searchOurs(c, userId, queryVectors);
          table.row(
              "cvtailor",
              "search: exact top 10",
              n,
              Double.NaN,
              Double.NaN,
              ours.p50(),
              ours.p99());
          Latencies theirs = searchLangchain4j(store, queryVectors, "langchain4j");
          table.row(
              "langchain4j",
              "search: exact top 10 (connection per call)",
              n,
              Double.NaN,
              Double.NaN,
              theirs.p50(),
              theirs.p99());
          // The builder's store opens a connection per call; on one kept connection the SQL alone.
          Latencies kept =
              searchLangchain4j(
                  PgVectorEmbeddingStore.datasourceBuilder()
                      .datasource(keeping(lc4jConnection))
                      .table(LC4J_TABLE)
                      .dimension(DIMENSIONS)
                      .createTable(false)
                      .build(),
                  queryVectors,
                  "langchain4j (kept connection)");
          table.row(
              "langchain4j",
              "search: exact top 10 (one kept connection)",
              n,
              Double.NaN,
              Double.NaN,
              kept.p50(),
              kept.p99());
          report.figure("store", "cvtailor_search_p50_ms", ours.p50());
          report.figure("store", "cvtailor_search_p99_ms", ours.p99());
          report.figure("store", "langchain4j_search_p50_ms", theirs.p50());
          report.figure("store", "langchain4j_search_p99_ms", theirs.p99());
          report.figure("store", "langchain4j_kept_connection_search_p50_ms", kept.p50());
          report.figure("store", "langchain4j_kept_connection_search_p99_ms", kept.p99());
        } finally {
          lc4jConnection.close();
          try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + LC4J_TABLE);
          }
        }
      } finally {
        // Cascades to the artifacts and their embeddings.
        try (PreparedStatement p = c.prepareStatement("DELETE FROM artifacts.users WHERE id = ?")) {
          p.setLong(1, userId);
          p.executeUpdate();
        }
      }
    }
    table.print();
  }

  /** A short deterministic sentence per vector, and its SHA-256 as the content hash. */
  private static Input input(SyntheticVectors source, int n) {
    String[] verbs = {"built", "led", "designed", "migrated", "tuned", "shipped", "tested"};
    String[] things = {
      "a payment service",
      "the search index",
      "a data pipeline",
      "the mobile app",
      "an ingest queue",
      "the billing reports",
      "a recommendation model"
    };
    float[][] vectors =
        IntStream.range(0, n).parallel().mapToObj(source::vector).toArray(float[][]::new);
    String[] texts = new String[n];
    String[] hashes = new String[n];
    for (int i = 0; i < n; i++) {
      texts[i] =
          "Passage "
              + i
              + ": "
              + verbs[i % verbs.length]
              + " "
              + things[(i / verbs.length) % things.length]
              + " with a team of "
              + (2 + i % 9)
              + " people.";
      hashes[i] = sha256(texts[i]);
    }
    return new Input(vectors, texts, hashes);
  }

  private static long createUser(Connection c, int n) throws SQLException {
    long userId;
    try (PreparedStatement p = c.prepareStatement(CREATE_USER)) {
      p.setString(1, "bench-store-" + System.nanoTime() + "@bench.invalid");
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        userId = rs.getLong(1);
      }
    }
    try (PreparedStatement p = c.prepareStatement(CREATE_ARTIFACTS)) {
      p.setLong(1, userId);
      p.setInt(2, n);
      p.executeUpdate();
    }
    return userId;
  }

  private static long[] artifactIds(Connection c, long userId, int n) throws SQLException {
    long[] ids = new long[n];
    try (PreparedStatement p = c.prepareStatement(ARTIFACT_IDS)) {
      p.setLong(1, userId);
      try (ResultSet rs = p.executeQuery()) {
        for (int i = 0; i < n; i++) {
          rs.next();
          ids[i] = rs.getLong(1);
        }
      }
    }
    return ids;
  }

  /**
   * Multi-row INSERTs (pgjdbc rewrites each batch), one transaction per batch of 1000. Text vectors
   * are the decimal form the application's SQL passes; formatting 384 floats in Java and parsing
   * them in the server costs more than the insert itself. Binary vectors: pgvector's {@code
   * PGvector} is a binary object, which pgjdbc sends in binary once the type's OID is enabled for
   * binary transfer.
   */
  private static double timeBatch(
      BenchContext ctx, long userId, long[] artifactIds, Input input, int n, boolean binary)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", ctx.database().user());
    properties.setProperty("password", ctx.database().password());
    properties.setProperty("reWriteBatchedInserts", "true");
    if (binary) {
      try (Connection c = ctx.connect();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(VECTOR_OID)) {
        rs.next();
        properties.setProperty("binaryTransferEnable", String.valueOf(rs.getLong(1)));
      }
    }
    String what = binary ? "JDBC batch, binary vectors" : "JDBC batch, text vectors";
    try (Connection c = DriverManager.getConnection(ctx.database().url(), properties)) {
      c.setAutoCommit(false);
      long started = System.nanoTime();
      try (PreparedStatement p =
          c.prepareStatement(INSERT.formatted(binary ? "?" : "CAST(? AS vector)"))) {
        for (int i = 0; i < n; i++) {
          p.setLong(1, artifactIds[i]);
          p.setLong(2, userId);
          p.setString(3, input.texts[i]);
          if (binary) {
            p.setObject(4, new PGvector(input.vectors[i]));
          } else {
            p.setString(4, SyntheticVectors.toText(input.vectors[i]));
          }
          p.setString(5, input.hashes[i]);
          p.setString(6, MODEL);
          p.addBatch();
          if ((i + 1) % BATCH == 0 || i + 1 == n) {
            p.executeBatch();
            c.commit();
            if (n > BATCH) {
              progress("cvtailor " + what, i + 1, n, started);
            }
          }
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      BenchContext.progress(
          "store: cvtailor %s %,d vectors in %.1f s (%.0f/s)%s",
          what, n, seconds, n / seconds, n > BATCH ? "" : ", warm-up");
      return seconds;
    }
  }

  private static final String VERIFY =
      """
      SELECT count(*), bool_and(artifact_id <> ? OR embedding_vector = CAST(? AS vector))
      FROM embeddings.artifact_embeddings
      WHERE user_id = ? AND model_version = ?
      """;

  /** Every row arrived, and the last one's vector is bit for bit the one sent. */
  private static void verify(Connection c, long userId, long[] artifactIds, Input input)
      throws SQLException {
    int last = artifactIds.length - 1;
    try (PreparedStatement p = c.prepareStatement(VERIFY)) {
      p.setLong(1, artifactIds[last]);
      p.setString(2, SyntheticVectors.toText(input.vectors[last]));
      p.setLong(3, userId);
      p.setString(4, MODEL);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        if (rs.getLong(1) != artifactIds.length || !rs.getBoolean(2)) {
          throw new IllegalStateException(
              "stored " + rs.getLong(1) + " rows, last vector intact: " + rs.getBoolean(2));
        }
      }
    }
  }

  /** The next method writes into the same table, so the previous one's rows go first. */
  private static void clear(Connection c, long userId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(DELETE_STORED)) {
      p.setLong(1, userId);
      p.setString(2, MODEL);
      p.executeUpdate();
    }
    try (Statement s = c.createStatement()) {
      s.execute("VACUUM embeddings.artifact_embeddings");
    }
  }

  /** One binary COPY in one transaction. */
  private static double timeCopy(Connection c, long userId, long[] artifactIds, Input input, int n)
      throws SQLException {
    long started = System.nanoTime();
    copyRange(c, userId, artifactIds, input, 0, n);
    double seconds = (System.nanoTime() - started) / 1e9;
    BenchContext.progress(
        "store: cvtailor binary COPY %,d vectors in %.1f s (%.0f/s)%s",
        n, seconds, n / seconds, n > BATCH ? "" : ", warm-up");
    return seconds;
  }

  /**
   * The same rows split over {@code streams} connections COPYing at once: a COPY is one backend on
   * one core, so a bulk load can use the others (LangChain4j's addAll is one statement stream).
   */
  private static double timeParallelCopy(
      BenchContext ctx, long userId, long[] artifactIds, Input input, int n, int streams)
      throws Exception {
    List<Connection> connections = new ArrayList<>();
    try {
      for (int s = 0; s < streams; s++) {
        connections.add(ctx.connect());
      }
      ExecutorService pool = Executors.newFixedThreadPool(streams);
      try {
        long started = System.nanoTime();
        List<Future<?>> parts = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
          Connection c = connections.get(s);
          int from = (int) ((long) n * s / streams);
          int to = (int) ((long) n * (s + 1) / streams);
          parts.add(
              pool.submit(
                  () -> {
                    copyRange(c, userId, artifactIds, input, from, to);
                    return null;
                  }));
        }
        for (Future<?> part : parts) {
          part.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        BenchContext.progress(
            "store: cvtailor binary COPY, %d streams: %,d vectors in %.1f s (%.0f/s)",
            streams, n, seconds, n / seconds);
        return seconds;
      } finally {
        pool.shutdownNow();
      }
    } finally {
      for (Connection c : connections) {
        c.close();
      }
    }
  }

  private static void copyRange(
      Connection c, long userId, long[] artifactIds, Input input, int from, int to)
      throws SQLException {
    try (PgBinaryCopy copy = new PgBinaryCopy(c, COPY)) {
      for (int i = from; i < to; i++) {
        copy.row(9)
            .int8(artifactIds[i])
            .int8(userId)
            .int8(1)
            .text("full")
            .text(input.texts[i])
            .vector(input.vectors[i])
            .text(input.hashes[i])
            .text(MODEL)
            .int4(DIMENSIONS);
      }
      copy.finish();
    }
  }

  private static final String PLAIN_TABLE =
      """
      CREATE TABLE bench.plain_embeddings (
        embedding_id uuid PRIMARY KEY, embedding vector(384), text text NULL, metadata json NULL)
      """;

  private static final String PLAIN_COPY =
      """
      COPY bench.plain_embeddings (embedding_id, embedding, text, metadata)
      FROM STDIN (FORMAT binary)
      """;

  /**
   * Binary COPY into LangChain4j's table definition (uuid key made by the client, vector, text,
   * metadata json '{}'), without the application table's foreign key, unique key and extra index.
   */
  private static double timePlainCopy(Connection c, Input input) throws SQLException {
    int n = input.vectors.length;
    UUID[] ids = IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).toArray(UUID[]::new);
    double seconds = 0;
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS bench");
      s.execute("DROP TABLE IF EXISTS bench.plain_embeddings");
      s.execute(PLAIN_TABLE);
      try {
        for (int count : new int[] {BATCH, n}) { // warm-up, then all
          s.execute("TRUNCATE bench.plain_embeddings");
          long started = System.nanoTime();
          try (PgBinaryCopy copy = new PgBinaryCopy(c, PLAIN_COPY)) {
            for (int i = 0; i < count; i++) {
              copy.row(4).uuid(ids[i]).vector(input.vectors[i]).text(input.texts[i]).text("{}");
            }
            copy.finish();
          }
          seconds = (System.nanoTime() - started) / 1e9;
        }
      } finally {
        s.execute("DROP TABLE IF EXISTS bench.plain_embeddings");
      }
    }
    BenchContext.progress(
        "store: cvtailor binary COPY into LangChain4j's table shape %,d vectors in %.1f s (%.0f/s)",
        n, seconds, n / seconds);
    return seconds;
  }

  /**
   * The store as its builder makes it: a PGSimpleDataSource (a new connection per call), its own
   * table of (uuid, vector(384), text, metadata json), no ANN index.
   */
  private static PgVectorEmbeddingStore langchain4j(BenchContext ctx) throws SQLException {
    try (Connection c = ctx.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS bench");
    }
    URI uri = URI.create(ctx.database().url().substring("jdbc:".length()));
    return PgVectorEmbeddingStore.builder()
        .host(uri.getHost())
        .port(uri.getPort() > 0 ? uri.getPort() : 5432)
        .database(uri.getPath().substring(1))
        .user(ctx.database().user())
        .password(ctx.database().password())
        .table(LC4J_TABLE)
        .dimension(DIMENSIONS)
        .createTable(true)
        .dropTableFirst(true)
        .useIndex(false)
        // The vector extension exists already; creating it needs rights the app user may lack.
        .skipCreateVectorExtension(true)
        .build();
  }

  /**
   * addAll in slices of 1000, the way an ingestor hands it a document's segments; each call is one
   * pgjdbc batch of INSERT ... ON CONFLICT on its own connection.
   */
  private static double timeLangchain4j(PgVectorEmbeddingStore store, Input input) {
    int n = input.vectors.length;
    List<Embedding> embeddings = new ArrayList<>(n);
    List<TextSegment> segments = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      embeddings.add(Embedding.from(input.vectors[i]));
      segments.add(TextSegment.from(input.texts[i]));
    }
    store.addAll(embeddings.subList(0, BATCH), segments.subList(0, BATCH)); // warm-up
    store.removeAll();
    long started = System.nanoTime();
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      store.addAll(embeddings.subList(from, to), segments.subList(from, to));
      progress("langchain4j addAll", to, n, started);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    BenchContext.progress(
        "store: langchain4j addAll %,d vectors in %.1f s (%.0f/s)", n, seconds, n / seconds);
    return seconds;
  }

  private static Latencies searchOurs(Connection c, long userId, float[][] queries)
      throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE embeddings.artifact_embeddings");
    }
    String[] vectors = Arrays.stream(queries).map(SyntheticVectors::toText).toArray(String[]::new);
    try (PreparedStatement p = c.prepareStatement(SEARCH)) {
      return timeQueries(
          "cvtailor",
          queries.length,
          q -> {
            p.setString(1, vectors[q]);
            p.setLong(2, userId);
            p.setString(3, MODEL);
            int rows = 0;
            try (ResultSet rs = p.executeQuery()) {
              while (rs.next()) {
                rows++;
              }
            }
            return rows;
          });
    }
  }

  private static Latencies searchLangchain4j(
      PgVectorEmbeddingStore store, float[][] queries, String who) throws Exception {
    Embedding[] embeddings = Arrays.stream(queries).map(Embedding::from).toArray(Embedding[]::new);
    return timeQueries(
        who,
        queries.length,
        q ->
            store
                .search(
                    EmbeddingSearchRequest.builder()
                        .queryEmbedding(embeddings[q])
                        .maxResults(10)
                        .build())
                .matches()
                .size());
  }

  /** One search of query {@code q}; returns how many rows it found. */
  @FunctionalInterface
  private interface Search {
    int run(int q) throws Exception;
  }

  /** Two passes over the queries (the first warms up), the second timed; each must find 10. */
  private static Latencies timeQueries(String who, int count, Search search) throws Exception {
    double[] millis = new double[count];
    for (int pass = 0; pass < 2; pass++) {
      for (int q = 0; q < count; q++) {
        long started = System.nanoTime();
        int rows = search.run(q);
        millis[q] = (System.nanoTime() - started) / 1e6;
        if (rows != 10) {
          throw new IllegalStateException(who + " search returned " + rows + " rows");
        }
      }
    }
    Latencies latencies = Latencies.of(millis);
    BenchContext.progress(
        "store: %s search p50 %.1f ms, p99 %.1f ms", who, latencies.p50(), latencies.p99());
    return latencies;
  }

  /** A DataSource handing out one connection whose close() is ignored (closed by the caller). */
  private static DataSource keeping(Connection connection) {
    Connection kept =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close")) {
                    return null;
                  }
                  try {
                    return method.invoke(connection, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                return kept;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private static void progress(String what, int done, int n, long started) {
    int step = Math.max(1, n / 10);
    if (done % step == 0 || done == n) {
      BenchContext.progress(
          "store: %s %3d%% (%,d vectors, %.1f s)",
          what, 100L * done / n, done, (System.nanoTime() - started) / 1e9);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
