package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.search.DistanceMethod;
import io.cvtailor.search.internal.SqlSimilaritySearch;
import io.cvtailor.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15 item 3: the launcher's own {@code ./cvtailor backup} and {@code ./cvtailor restore} (the
 * real script, run as a process) on a database the application populated, restored into a fresh
 * database on the same server: every table's row count, the people's artifacts and embeddings field
 * by field, the index definitions (HNSW included) and a search with the product's ranking SQL (same
 * ids, same order) are the same; a restore into a database that holds cvtailor's tables is refused
 * unless --force.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BackupRestoreIT {
  private static final List<String> SCHEMAS =
      List.of("artifacts", "embeddings", "search", "cv", "identity", "documents");
  private static final Path LAUNCHER = Path.of("..", "cvtailor").toAbsolutePath().normalize();

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  @Test
  void aRestoredBackupHoldsTheSameRowsArtifactsIndexesAndSearchResults() throws Exception {
    Api api = new Api(deployment);
    List<Api.User> users = new ArrayList<>();
    List<Long> artifacts = new ArrayList<>();
    String[][] portfolios = {
      {"Payments ledger on PostgreSQL", "Designed the ledger schema and tuned its queries."},
      {"Kafka order pipeline", "Moved order events between twelve services with Kafka."},
      {"Paediatric ward rota", "Planned the nursing rota of a paediatric ward of 30 beds."},
    };
    for (int u = 0; u < 3; u++) {
      Api.User user = api.newUser("Backed" + u);
      users.add(user);
      for (int i = 0; i < portfolios.length; i++) {
        String[] item = portfolios[(u + i) % portfolios.length];
        Api.Reply created =
            api.post(
                "api/v1/artifacts",
                user.token(),
                Map.of(
                    "artifact_type",
                    "experience",
                    "title",
                    item[0] + " (" + u + ")",
                    "content",
                    item[1],
                    "tags",
                    List.of("backup", "user" + u)));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        artifacts.add(created.json().get("id").asLong());
      }
    }
    for (int i = 0; i < artifacts.size(); i++) {
      api.awaitEmbedded(artifacts.get(i), users.get(i / portfolios.length).token());
    }
    Api.Reply cv =
        api.post(
            "api/v1/cvs",
            users.get(0).token(),
            Map.of("job_description", "Backend engineer: PostgreSQL ledgers and Kafka pipelines."));
    assertThat(cv.status()).as(cv.raw().body()).isEqualTo(201);

    TestDatabase source = TestDatabase.get();
    String restoredName = source.name() + "_restored";
    String restoredUrl = source.url().replace("/" + source.name(), "/" + restoredName);
    Path file = Files.createTempFile("cvtailor-backup-", ".dump");
    try {
      // The test database is shared: other tests' artifacts may still be embedding, so the
      // backup is taken once nothing changes (and taken again, at most twice, if something did).
      Map<String, Long> before;
      Map<String, Long> after;
      Launched backup;
      int attempts = 0;
      do {
        before = quietRowCounts(source.url());
        backup = launch(source.url(), "backup", file.toString());
        assertThat(backup.exit()).as(backup.output()).isZero();
        after = rowCounts(source.url());
      } while (!after.equals(before) && ++attempts < 3);
      assertThat(after).as("the database stayed quiet during the backup").isEqualTo(before);
      assertThat(backup.output()).contains("backing up").contains("backup written");

      Launched restore = launch(restoredUrl, "restore", file.toString());
      assertThat(restore.exit()).as(restore.output()).isZero();
      assertThat(restore.output())
          .contains("creating database " + restoredName)
          .contains("vector index embeddings.artifact_embeddings_hnsw_")
          .contains("ANALYZE");
      System.out.println(restore.output());

      Map<String, Long> restored = rowCounts(restoredUrl);
      assertThat(restored).isEqualTo(after);
      assertThat(restored.keySet())
          .contains(
              "artifacts.artifacts",
              "embeddings.artifact_embeddings",
              "cv.cvs",
              "identity.credentials",
              "identity.flyway_schema_history");
      assertThat(restored.get("artifacts.artifacts")).isGreaterThanOrEqualTo(9);

      String people = "user_id = ANY (?)";
      Long[] ids = users.stream().map(Api.User::id).toArray(Long[]::new);
      for (String table :
          List.of(
              "artifacts.artifacts ORDER BY id",
              "embeddings.artifact_embeddings ORDER BY artifact_id, content_type, chunk_ordinal",
              "cv.cvs ORDER BY id",
              "identity.api_tokens ORDER BY id",
              "identity.credentials ORDER BY user_id",
              "identity.audit_events ORDER BY id")) {
        String sql =
            "SELECT * FROM " + table.replace(" ORDER BY", " WHERE " + people + " ORDER BY");
        List<Map<String, String>> original = rows(source.url(), sql, ids);
        assertThat(original).as(table).isNotEmpty();
        assertThat(rows(restoredUrl, sql, ids)).as(table).isEqualTo(original);
      }
      String indexes =
          "SELECT schemaname, indexname, indexdef FROM pg_indexes WHERE schemaname = ANY (?)"
              + " ORDER BY 1, 2";
      assertThat(rows(restoredUrl, indexes, SCHEMAS.toArray(String[]::new)))
          .isEqualTo(rows(source.url(), indexes, SCHEMAS.toArray(String[]::new)))
          .anyMatch(index -> index.get("indexdef").contains("USING hnsw"));

      for (Api.User user : users) {
        List<Long> original = search(source.url(), user.id());
        assertThat(original).hasSize(3);
        assertThat(search(restoredUrl, user.id()))
            .as("search of " + user.email())
            .isEqualTo(original);
      }

      // A second restore into that database is refused, and replaces it with --force.
      Launched refused = launch(restoredUrl, "restore", file.toString());
      assertThat(refused.exit()).isNotZero();
      assertThat(refused.output()).contains("already holds").contains("--force");
      Launched forced = launch(restoredUrl, "restore", "--force", file.toString());
      assertThat(forced.exit()).as(forced.output()).isZero();
      assertThat(rowCounts(restoredUrl)).isEqualTo(after);
    } finally {
      Files.deleteIfExists(file);
      dropDatabase(source, restoredName);
    }
  }

  /**
   * Row counts once none changes over 3 s (at most 5 minutes): in a full run other tests leave
   * artifacts in the shared test database that the deployed worker is still embedding.
   */
  private static Map<String, Long> quietRowCounts(String url) throws Exception {
    java.time.Instant deadline = java.time.Instant.now().plus(java.time.Duration.ofMinutes(5));
    Map<String, Long> last = rowCounts(url);
    while (true) {
      Thread.sleep(3_000);
      Map<String, Long> now = rowCounts(url);
      if (now.equals(last)) {
        return now;
      }
      if (java.time.Instant.now().isAfter(deadline)) {
        throw new AssertionError("the database did not become quiet in 5 minutes: " + now);
      }
      last = now;
    }
  }

  /** The launcher as a person runs it, with the database settings it would load. */
  private static Launched launch(String dbUrl, String... args)
      throws IOException, InterruptedException {
    TestDatabase db = TestDatabase.get();
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DB_URL", dbUrl);
    builder.environment().put("DB_USER", db.user());
    builder.environment().put("DB_PASSWORD", db.password());
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    boolean done = process.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    return new Launched(
        done ? process.exitValue() : -1, new String(output, StandardCharsets.UTF_8));
  }

  private record Launched(int exit, String output) {}

  /** Every table of the application's schemas with its row count. */
  private static Map<String, Long> rowCounts(String url) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = connect(url)) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement list =
          c.prepareStatement(
              "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables"
                  + " WHERE schemaname = ANY (?)")) {
        list.setArray(1, c.createArrayOf("text", SCHEMAS.toArray()));
        try (ResultSet rs = list.executeQuery()) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
      }
      for (String table : tables) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
          rs.next();
          counts.put(table, rs.getLong(1));
        }
      }
    }
    return counts;
  }

  /** Rows as column name to text, every column compared. */
  private static List<Map<String, String>> rows(String url, String sql, Object[] values)
      throws SQLException {
    List<Map<String, String>> rows = new ArrayList<>();
    try (Connection c = connect(url);
        PreparedStatement query = c.prepareStatement(sql)) {
      query.setArray(1, c.createArrayOf(values instanceof Long[] ? "bigint" : "text", values));
      try (ResultSet rs = query.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, String> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnName(i), rs.getString(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  /**
   * The product's per-user similarity statement (SqlSimilaritySearch, cosine), with one of the
   * person's own stored vectors as the query: the artifact ids in rank order.
   */
  private static List<Long> search(String url, long userId) throws SQLException {
    String statement = SqlSimilaritySearch.perUserStatement(DistanceMethod.COSINE);
    List<Integer> order = new ArrayList<>();
    Matcher m = Pattern.compile("\\?(\\d)").matcher(statement);
    while (m.find()) {
      order.add(Integer.parseInt(m.group(1)));
    }
    List<Long> ids = new ArrayList<>();
    try (Connection c = connect(url)) {
      String vector;
      String model;
      try (PreparedStatement pick =
          c.prepareStatement(
              "SELECT embedding_vector::text, model_version FROM embeddings.artifact_embeddings"
                  + " WHERE user_id = ? AND content_type = 'full' ORDER BY artifact_id LIMIT 1")) {
        pick.setLong(1, userId);
        try (ResultSet rs = pick.executeQuery()) {
          assertThat(rs.next()).isTrue();
          vector = rs.getString(1);
          model = rs.getString(2);
        }
      }
      Object[] parameters = {vector, userId, model, null, -1.0, 10};
      try (PreparedStatement query = c.prepareStatement(statement.replaceAll("\\?\\d", "?"))) {
        for (int i = 0; i < order.size(); i++) {
          int p = order.get(i);
          if (p == 4) {
            query.setNull(i + 1, java.sql.Types.ARRAY);
          } else {
            query.setObject(i + 1, parameters[p - 1]);
          }
        }
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
    }
    return ids;
  }

  private static Connection connect(String url) throws SQLException {
    TestDatabase db = TestDatabase.get();
    return DriverManager.getConnection(url, db.user(), db.password());
  }

  private static void dropDatabase(TestDatabase source, String name) throws SQLException {
    String admin = source.url().replace("/" + source.name(), "/postgres");
    try (Connection c = DriverManager.getConnection(admin, source.user(), source.password());
        Statement s = c.createStatement()) {
      // the name is this test's own, derived from the run's generated database name
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }
  }
}
