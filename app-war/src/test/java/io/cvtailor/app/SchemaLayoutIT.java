package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.embeddings.VectorIndex;
import io.cvtailor.kernel.db.SchemaPasses;
import io.cvtailor.search.DistanceMethod;
import io.cvtailor.search.SearchStatements;
import io.cvtailor.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The migrations on databases of their own (beside the run's): a database of the layout before V90,
 * with rows in every table, migrates and keeps them; the keys then say what Citus needs (user_id in
 * every per-user table's primary, unique and foreign keys, no plain table pointing at a per-user
 * one); and the published views still walk the GIN and HNSW indexes. Without the WAR.
 */
class SchemaLayoutIT {
  /** The module schemas, lowest first (SchemaMigrations.SCHEMAS_IN_ORDER). */
  private static final List<String> SCHEMAS =
      List.of("artifacts", "embeddings", "search", "cv", "identity", "documents");

  private static final List<String> TABLES =
      List.of(
          "artifacts.users",
          "artifacts.artifacts",
          "embeddings.artifact_embeddings",
          "embeddings.embedding_jobs",
          "embeddings.job_embeddings",
          "embeddings.reindex_runs",
          "cv.cvs",
          "cv.cv_artifacts",
          "documents.import_proposals",
          "identity.credentials",
          "identity.api_tokens",
          "identity.sessions",
          "identity.audit_events");

  private static FluentConfiguration flyway(TestDatabase db) {
    return Flyway.configure().dataSource(db.url(), db.user(), db.password());
  }

  private static Connection connect(TestDatabase db) throws SQLException {
    return DriverManager.getConnection(db.url(), db.user(), db.password());
  }

  @Test
  void aPopulatedDatabaseOfTheOldLayoutMigratesKeepingEveryRowAndItsCascades() throws Exception {
    TestDatabase db = TestDatabase.get().scratch();
    try {
      // The layout before V90, the way every existing database has it.
      for (String schema : SCHEMAS) {
        flyway(db)
            .schemas(schema)
            .createSchemas(true)
            .locations("classpath:db/migration/" + schema)
            .failOnMissingLocations(false)
            .target("89?")
            .load()
            .migrate();
      }
      long alice;
      long bob;
      try (Connection c = connect(db);
          Statement s = c.createStatement()) {
        alice = id(s, "INSERT INTO artifacts.users (email, display_name) VALUES ('a@x.org', 'A')");
        bob = id(s, "INSERT INTO artifacts.users (email, display_name) VALUES ('b@x.org', 'B')");
        long a1 = artifact(s, alice, "one");
        long a2 = artifact(s, alice, "two");
        long b1 = artifact(s, bob, "three");
        for (long[] owned : new long[][] {{alice, a1}, {alice, a2}, {bob, b1}}) {
          s.execute(
              "INSERT INTO embeddings.artifact_embeddings (artifact_id, user_id, artifact_version,"
                  + " content_type, source_text, embedding_vector, content_hash, model_version,"
                  + " model_dimensions) VALUES ("
                  + owned[1]
                  + ", "
                  + owned[0]
                  + ", 1, 'full', 'text', '[1,0,0]', repeat('0', 64), 'm', 3),"
                  + " ("
                  + owned[1]
                  + ", "
                  + owned[0]
                  + ", 1, 'chunk', 'text', '[0,1,0]', repeat('0', 64), 'm', 3)");
        }
        // the old trigger finds the job's user from its artifact
        s.execute(
            "INSERT INTO embeddings.embedding_jobs (artifact_id, artifact_version, model_version)"
                + " VALUES ("
                + a2
                + ", 1, 'm'), ("
                + b1
                + ", 1, 'm')");
        s.execute(
            "INSERT INTO embeddings.job_embeddings (user_id, job_description_hash, model_version,"
                + " chunk_ordinal, source_text, embedding_vector) VALUES ("
                + alice
                + ", repeat('1', 64), 'm', 0, 'posting', '[0,0,1]')");
        s.execute(
            "INSERT INTO embeddings.reindex_runs (user_id, model_version, total) VALUES ("
                + alice
                + ", 'm', 2)");
        s.execute(
            "INSERT INTO cv.cvs (id, user_id, created_at, job_description, covered_ratio, document)"
                + " VALUES ('00000000-0000-0000-0000-000000000001', "
                + alice
                + ", now(), 'posting', 0.5, '{}')");
        s.execute(
            "INSERT INTO cv.cv_artifacts (cv_id, artifact_id) VALUES"
                + " ('00000000-0000-0000-0000-000000000001', "
                + a1
                + "), ('00000000-0000-0000-0000-000000000001', "
                + a2
                + ")");
        s.execute(
            "INSERT INTO documents.import_proposals (id, user_id, format, created_at, expires_at,"
                + " proposal, extracted_text) VALUES (gen_random_uuid(), "
                + alice
                + ", 'text', now(), now() + interval '1 day', '{}', 'text')");
        s.execute(
            "INSERT INTO identity.credentials (user_id, password_hash) VALUES ("
                + alice
                + ", 'hash')");
        s.execute(
            "INSERT INTO identity.api_tokens (user_id, name, token_hash) VALUES ("
                + alice
                + ", 'cli', repeat('a', 64))");
        s.execute(
            "INSERT INTO identity.sessions (id_hash, user_id, csrf_token, expires_at) VALUES"
                + " (repeat('b', 64), "
                + alice
                + ", 'csrf', now() + interval '1 hour')");
        s.execute(
            "INSERT INTO identity.audit_events (user_id, event) VALUES ("
                + alice
                + ", 'sign-in'), (NULL, 'account-deleted')");
        Map<String, Long> before = counts(s);

        SchemaPasses.migrate(SCHEMAS, () -> flyway(db));

        // the anonymous record of a deletion moved to a table of its own
        Map<String, Long> expected = new LinkedHashMap<>(before);
        expected.merge("identity.audit_events", -1L, Long::sum);
        assertThat(counts(s)).as("rows after the migration").isEqualTo(expected);
        assertThat(longs(s, "SELECT count(*) FROM identity.account_deletions")).containsExactly(1L);
        assertThat(longs(s, "SELECT DISTINCT user_id FROM cv.cv_artifacts"))
            .as("each CV link carries its owner")
            .containsExactly(alice);
        assertThat(longs(s, "SELECT user_id FROM embeddings.embedding_jobs ORDER BY user_id"))
            .containsExactly(alice, bob);

        // the cascades, now within one user: an artifact takes its vectors and CV links along
        s.execute("DELETE FROM artifacts.artifacts WHERE user_id = " + alice + " AND id = " + a1);
        assertThat(
                longs(
                    s,
                    "SELECT count(*) FROM embeddings.artifact_embeddings WHERE artifact_id = "
                        + a1))
            .containsExactly(0L);
        assertThat(longs(s, "SELECT artifact_id FROM cv.cv_artifacts")).containsExactly(a2);
        // a person takes everything along, the queued jobs of the plain queue too
        s.execute("DELETE FROM artifacts.users WHERE id = " + bob);
        assertThat(longs(s, "SELECT user_id FROM embeddings.embedding_jobs"))
            .containsExactly(alice);
        assertThat(
                longs(
                    s,
                    "SELECT count(*) FROM embeddings.artifact_embeddings WHERE user_id = " + bob))
            .containsExactly(0L);
      }
      // an up-to-date database goes through the passes unchanged
      SchemaPasses.migrate(SCHEMAS, () -> flyway(db));
    } finally {
      db.dropScratch();
    }
  }

  @Test
  void everyPerUserTableHasUserIdInItsKeysAndNoPlainTablePointsAtOne() throws Exception {
    TestDatabase db = TestDatabase.get().scratch();
    try {
      SchemaPasses.migrate(SCHEMAS, () -> flyway(db));
      Set<String> perUser = SchemaRulesTest.PER_USER_TABLES;
      Set<String> tables = new TreeSet<>();
      List<String> problems = new ArrayList<>();
      try (Connection c = connect(db);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  """
                  SELECT con.conrelid::regclass::text, con.contype, con.conname,
                         ARRAY(SELECT a.attname::text FROM unnest(con.conkey) k
                               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k),
                         con.confrelid::regclass::text,
                         ARRAY(SELECT a.attname::text FROM unnest(con.confkey) k
                               JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k)
                  FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid
                  JOIN pg_namespace n ON n.oid = t.relnamespace
                  WHERE n.nspname IN ('artifacts', 'embeddings', 'search', 'cv', 'identity',
                                      'documents')
                    AND con.contype IN ('p', 'u', 'f') AND t.relname <> 'flyway_schema_history'
                  ORDER BY 1, 3
                  """)) {
        while (rs.next()) {
          String table = rs.getString(1);
          String type = rs.getString(2);
          String name = rs.getString(3);
          List<String> columns = List.of((String[]) rs.getArray(4).getArray());
          tables.add(table);
          if (perUser.contains(table) && !type.equals("f") && !columns.contains("user_id")) {
            problems.add(table + " key " + name + " " + columns + " lacks user_id");
          }
          if (type.equals("f")) {
            String target = rs.getString(5);
            List<String> targetColumns = List.of((String[]) rs.getArray(6).getArray());
            boolean toTheUser =
                target.equals("artifacts.users") && targetColumns.equals(List.of("id"));
            if (perUser.contains(target)
                && !(columns.contains("user_id") && targetColumns.contains("user_id"))) {
              problems.add(table + " key " + name + " to " + target + " lacks user_id");
            }
            if (!perUser.contains(table) && perUser.contains(target)) {
              problems.add("plain " + table + " points at per-user " + target + " (" + name + ")");
            }
            if (perUser.contains(table) && !toTheUser && !perUser.contains(target)) {
              problems.add(table + " key " + name + " points outside the user's rows: " + target);
            }
          }
        }
      }
      assertThat(tables).as("tables with keys").containsAll(perUser);
      assertThat(problems).as("keys Citus could not distribute by user_id").isEmpty();
    } finally {
      db.dropScratch();
    }
  }

  @Test
  void thePublishedViewsStillWalkTheFullTextAndHnswIndexes() throws Exception {
    TestDatabase db = TestDatabase.get().scratch();
    try {
      SchemaPasses.migrate(SCHEMAS, () -> flyway(db));
      VectorIndex index = new VectorIndex("plan-model", 3);
      try (Connection c = connect(db);
          Statement s = c.createStatement()) {
        s.execute(index.createStatement());
        // A handful of rows would make a sequential scan cheaper; the question is whether the
        // indexes can serve statements that go through the views at all.
        s.execute("SET enable_seqscan = off");
        assertThat(
                plan(
                    s,
                    "SELECT id FROM artifacts.searchable_artifacts"
                        + " WHERE search @@ to_tsquery('simple', 'postgres')"))
            .contains("artifacts_search_idx");
        String collectionWide =
            SearchStatements.collectionWide(DistanceMethod.COSINE, index)
                .replace("?1", "'[1,0,0]'")
                .replace("?2", "1")
                .replace("?3", "'plan-model'")
                .replace("?4", "NULL")
                .replace("?5", "-1000")
                .replace("?6", "3");
        assertThat(plan(s, collectionWide)).contains("Index Scan using " + index.name());
        String perUser =
            SearchStatements.perUser(DistanceMethod.COSINE)
                .replace("?1", "'[1,0,0]'")
                .replace("?2", "1")
                .replace("?3", "'plan-model'")
                .replace("?4", "NULL")
                .replace("?5", "-1000")
                .replace("?6", "3");
        assertThat(plan(s, perUser))
            .as("per-user search reads the user's rows by user_id, exactly (never the HNSW index)")
            .contains("Index Cond: (user_id = 1)")
            .doesNotContain(index.name());
      }
    } finally {
      db.dropScratch();
    }
  }

  private static String plan(Statement s, String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  private static long id(Statement s, String insert) throws SQLException {
    try (ResultSet rs = s.executeQuery(insert + " RETURNING id")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long artifact(Statement s, long user, String title) throws SQLException {
    return id(
        s,
        "INSERT INTO artifacts.artifacts (user_id, artifact_type, title, content_hash) VALUES ("
            + user
            + ", 'project', '"
            + title
            + "', repeat('0', 64))");
  }

  private static List<Long> longs(Statement s, String query) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }

  private static Map<String, Long> counts(Statement s) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, longs(s, "SELECT count(*) FROM " + table).get(0));
    }
    return counts;
  }
}
