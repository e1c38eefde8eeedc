package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema rules, as sentences, over the SQL in each module's main sources (text blocks and
 * string literals, concatenations joined) and its migrations: a module names only its own tables
 * and what other modules publish for it (issue 17 item 1), and every statement on a per-user table
 * is filtered by {@code user_id}, so that on Citus it is routed to one shard (issue 16 item 4).
 * SchemaLayoutIT checks the keys themselves on a migrated database.
 *
 * <p>measurement-module is left out: it measures cvtailor from outside and sets up its benchmark
 * rows directly (MeasurementRulesTest keeps it off the modules' internals).
 */
class SchemaRulesTest {
  private static final Path ROOT = Path.of("..");

  /** Each deployed module and the PostgreSQL schema it owns. */
  static final Map<String, String> SCHEMA_OF_MODULE =
      Map.of(
          "artifacts-module", "artifacts",
          "embeddings-module", "embeddings",
          "search-module", "search",
          "cv-generation-module", "cv",
          "documents-module", "documents",
          "app-war", "identity");

  /** What a module publishes for the others to read: views in its own migrations. */
  static final Set<String> PUBLISHED =
      Set.of(
          "artifacts.searchable_artifacts",
          "artifacts.embeddable_artifacts",
          "embeddings.artifact_vectors");

  /** Rows that belong to one person: distributed by user_id on Citus, colocated. */
  static final Set<String> PER_USER_TABLES =
      Set.of(
          "artifacts.artifacts",
          "embeddings.artifact_embeddings",
          "embeddings.job_embeddings",
          "embeddings.reindex_runs",
          "cv.cvs",
          "cv.cv_artifacts",
          "documents.import_proposals",
          "identity.credentials",
          "identity.api_tokens",
          "identity.sessions",
          "identity.audit_events");

  /** The published views over per-user tables: the same rule applies to them. */
  static final Set<String> PER_USER_VIEWS = PUBLISHED;

  /**
   * Plain tables (reference or local on Citus): the people themselves (keyed by the user id), the
   * embedding queue (claimed across users by turn), and counters keyed by an address or a name.
   */
  static final Set<String> PLAIN_TABLES =
      Set.of(
          "artifacts.users",
          "embeddings.embedding_jobs",
          "identity.sign_in_counters",
          "identity.rate_limit_buckets",
          "identity.account_deletions");

  /** From this version on, migrations follow the ownership rule; older ones are history. */
  private static final int RULES_SINCE_VERSION = 90;

  private static final Pattern REFERENCE =
      Pattern.compile(
          "\\b(artifacts|embeddings|search|cv|identity|documents)\\.([a-z_][a-z0-9_]*)\\b(?![-(.\\w])");

  private static final Pattern SQL_WORD =
      Pattern.compile("\\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|INTO|TABLE|REFERENCES|INDEX)\\b");

  private static final Pattern DML =
      Pattern.compile("^\\s*(?:--[^\\n]*\\n\\s*)*(SELECT|INSERT|UPDATE|DELETE|WITH)\\b");

  /** A predicate on user_id, or user_id in an INSERT's column list. */
  private static final Pattern USER_FILTER =
      Pattern.compile(
          "(?:\\b(?:\\w+\\.)?user_id\\s*(?:=|<>|\\bIN\\b)|=\\s*(?:\\w+\\.)?user_id\\b"
              + "|INSERT\\s+INTO\\s+\\S+\\s*(?:AS\\s+\\w+\\s*)?\\([^)]*\\buser_id\\b)");

  /** A statement that reaches every user on purpose says so, and why. */
  private static final String FANS_OUT = "-- fans out:";

  private static final Pattern CREATE_TABLE =
      Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)\\s*\\(");

  private static final Pattern MIGRATION_VERSION = Pattern.compile("^V(\\d+)__.*\\.sql$");

  @Test
  void a_module_names_only_its_own_tables_and_what_other_modules_publish() {
    List<String> violations = new ArrayList<>();
    SCHEMA_OF_MODULE.forEach(
        (module, schema) -> {
          for (Sql sql : javaSql(module)) {
            for (String relation : references(sql.text())) {
              if (!allowed(schema, relation)) {
                violations.add(sql.where() + " names " + relation);
              }
            }
          }
          for (Sql sql : migrations(module)) {
            if (sql.version() < RULES_SINCE_VERSION) {
              continue;
            }
            for (String relation : references(withoutForeignKeyTargets(sql.text()))) {
              if (!allowed(schema, relation)) {
                violations.add(sql.where() + " names " + relation);
              }
            }
          }
        });
    assertThat(violations).as("SQL naming another module's tables").isEmpty();
  }

  @Test
  void every_statement_on_a_per_user_table_is_filtered_by_user_id_or_says_why_it_fans_out() {
    List<String> violations = new ArrayList<>();
    for (String module : SCHEMA_OF_MODULE.keySet()) {
      for (Sql sql : javaSql(module)) {
        if (!DML.matcher(sql.text()).find()) {
          continue;
        }
        Set<String> perUser = new TreeSet<>(references(sql.text()));
        perUser.retainAll(union(PER_USER_TABLES, PER_USER_VIEWS));
        if (!perUser.isEmpty()
            && !USER_FILTER.matcher(sql.text()).find()
            && !sql.text().contains(FANS_OUT)) {
          violations.add(sql.where() + " reads or writes " + perUser + " with no user_id filter");
        }
      }
    }
    assertThat(violations).as("per-user statements without a user_id filter").isEmpty();
  }

  @Test
  void every_table_is_either_per_user_or_plain() {
    Set<String> tables = new TreeSet<>();
    SCHEMA_OF_MODULE.forEach(
        (module, schema) -> {
          for (Sql sql : migrations(module)) {
            Matcher m = CREATE_TABLE.matcher(sql.text());
            while (m.find()) {
              tables.add(schema + "." + m.group(1));
            }
          }
        });
    assertThat(tables).as("tables the migrations create").isNotEmpty();
    assertThat(union(PER_USER_TABLES, PLAIN_TABLES))
        .as("per-user and plain tables (every table the migrations create, dropped ones aside)")
        .containsAll(tables.stream().filter(t -> !t.equals("identity.sign_in_failures")).toList());
  }

  @Test
  void the_rules_see_the_sql_they_are_about() {
    // A guard against a scanner that silently finds nothing: known statements are seen.
    assertThat(javaSql("search-module"))
        .anySatisfy(sql -> assertThat(sql.text()).contains("embeddings.artifact_vectors"));
    assertThat(javaSql("app-war"))
        .anySatisfy(sql -> assertThat(sql.text()).contains("identity.sessions"));
    assertThat(references("SELECT a.id FROM artifacts.artifacts a JOIN cv.cvs c ON true"))
        .containsExactly("artifacts.artifacts", "cv.cvs");
    assertThat(references("cv.min-similarity.all-minilm search.fit.scale")).isEmpty();
    assertThat(USER_FILTER.matcher("DELETE FROM cv.cvs WHERE id = ?1").find()).isFalse();
    assertThat(USER_FILTER.matcher("INSERT INTO cv.cvs (id, user_id) VALUES (?, ?)").find())
        .isTrue();
  }

  private static boolean allowed(String ownSchema, String relation) {
    String schema = relation.substring(0, relation.indexOf('.'));
    return schema.equals(ownSchema) || PUBLISHED.contains(relation);
  }

  /** A foreign key names the owner's key on purpose (integrity, co-location): not a read. */
  private static String withoutForeignKeyTargets(String ddl) {
    return ddl.replaceAll("REFERENCES\\s+[a-z_]+\\.[a-z_]+", "REFERENCES");
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /** The relations a piece of SQL names, its comments aside. */
  static List<String> references(String sqlWithComments) {
    String sql = sqlWithComments.replaceAll("--[^\\n]*", "");
    if (!SQL_WORD.matcher(sql).find()) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    Matcher m = REFERENCE.matcher(sql);
    while (m.find()) {
      if (!found.contains(m.group())) {
        found.add(m.group());
      }
    }
    return found;
  }

  /** A piece of SQL and where it is. */
  record Sql(String where, String text, int version) {}

  private static List<Sql> migrations(String module) {
    Path dir = ROOT.resolve(module).resolve("src/main/resources/db/migration");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Sql> found = new ArrayList<>();
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        Matcher version = MIGRATION_VERSION.matcher(file.getFileName().toString());
        if (version.matches()) {
          found.add(
              new Sql(
                  ROOT.relativize(file).toString(),
                  Files.readString(file),
                  Integer.parseInt(version.group(1))));
        }
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Sql> javaSql(String module) {
    Path dir = ROOT.resolve(module).resolve("src/main/java");
    try (Stream<Path> files = Files.walk(dir)) {
      List<Sql> found = new ArrayList<>();
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String where = ROOT.relativize(file).toString();
        for (String literal : JavaStrings.of(Files.readString(file))) {
          found.add(new Sql(where, literal, 0));
        }
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The string literals and text blocks of a Java source, in order, with {@code "a" + "b"} joined
   * into one; comments and char literals skipped.
   */
  static final class JavaStrings {
    private JavaStrings() {}

    static List<String> of(String source) {
      List<String> literals = new ArrayList<>();
      int lastEnd = -1;
      int i = 0;
      int n = source.length();
      while (i < n) {
        char c = source.charAt(i);
        if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
          i = endOfLine(source, i);
        } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
          int end = source.indexOf("*/", i + 2);
          i = end < 0 ? n : end + 2;
        } else if (c == '\'') {
          i = skipQuoted(source, i, '\'');
        } else if (source.startsWith("\"\"\"", i)) {
          int start = source.indexOf('\n', i) + 1;
          int end = source.indexOf("\"\"\"", start);
          String block = source.substring(start, end).stripIndent();
          add(literals, source, lastEnd, i, block);
          i = end + 3;
          lastEnd = i;
        } else if (c == '"') {
          int end = skipQuoted(source, i, '"');
          String text = unescape(source.substring(i + 1, end - 1));
          add(literals, source, lastEnd, i, text);
          i = end;
          lastEnd = i;
        } else {
          i++;
        }
      }
      return literals;
    }

    /** Appends, or joins to the previous literal when only {@code +} and blanks lie between. */
    private static void add(
        List<String> literals, String source, int lastEnd, int at, String text) {
      if (lastEnd >= 0
          && !literals.isEmpty()
          && source.substring(lastEnd, at).matches("\\s*\\+\\s*")) {
        literals.set(literals.size() - 1, literals.get(literals.size() - 1) + text);
      } else {
        literals.add(text);
      }
    }

    private static int endOfLine(String source, int i) {
      int end = source.indexOf('\n', i);
      return end < 0 ? source.length() : end + 1;
    }

    private static int skipQuoted(String source, int start, char quote) {
      int i = start + 1;
      while (i < source.length() && source.charAt(i) != quote) {
        i += source.charAt(i) == '\\' ? 2 : 1;
      }
      return i + 1;
    }

    private static String unescape(String text) {
      return text.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }
  }
}
