package io.cvtailor.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL + pgvector database of one test run: created when the run starts, dropped when it
 * ends. It lives in a {@code pgvector/pgvector} container when a Docker engine is available, and
 * otherwise on the server provisioned by {@code ./cvtailor db} (or the one named by DB_URL). With
 * neither, the run fails loudly: integration tests are never skipped silently.
 *
 * <p>The database's coordinates are published as system properties {@code cvtailor.test.db.url},
 * {@code .user} and {@code .password} (Arquillian passes them on to Payara Micro).
 */
public final class TestDatabase {
  public static final String URL_PROPERTY = "cvtailor.test.db.url";
  public static final String USER_PROPERTY = "cvtailor.test.db.user";
  public static final String PASSWORD_PROPERTY = "cvtailor.test.db.password";
  private static final String TEMPLATE = "cvtailor_template";

  private static TestDatabase current;

  private final String adminUrl;
  private final String user;
  private final String password;
  private final String name;
  private final String url;
  private final AutoCloseable container;

  private TestDatabase(
      String adminUrl, String user, String password, String name, AutoCloseable container) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    this.name = name;
    this.url = adminUrl.replaceFirst("/[^/?]*(\\?.*)?$", "/" + name + "$1");
    this.container = container;
  }

  /** The run's database, created on first use. */
  public static synchronized TestDatabase get() {
    if (current == null) {
      current = create();
    }
    return current;
  }

  /** Drops the run's database, if one was created. */
  public static synchronized void dropIfCreated() {
    if (current != null) {
      current.drop();
      current = null;
    }
  }

  /**
   * Another throw-away database on the same server, empty but for pgvector: for a test that needs a
   * schema of its own (an older layout, say) beside the run's. Drop it with {@link #dropScratch()}.
   */
  public TestDatabase scratch() {
    TestDatabase scratch =
        new TestDatabase(
            adminUrl,
            user,
            password,
            name + "_s" + ThreadLocalRandom.current().nextInt(1000, 10_000),
            null);
    scratch.createDatabase();
    return scratch;
  }

  /** Drops a database made by {@link #scratch()}. */
  public void dropScratch() {
    drop();
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String name() {
    return name;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  private static TestDatabase create() {
    String name =
        "cvtailor_test_"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"))
            + "_"
            + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    TestDatabase database = dockerAvailable() ? inContainer(name) : onLocalServer(name);
    database.createDatabase();
    System.setProperty(URL_PROPERTY, database.url);
    System.setProperty(USER_PROPERTY, database.user);
    System.setProperty(PASSWORD_PROPERTY, database.password);
    return database;
  }

  private static boolean dockerAvailable() {
    try {
      return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  @SuppressWarnings("resource")
  private static TestDatabase inContainer(String name) {
    var postgres =
        new org.testcontainers.containers.PostgreSQLContainer<>(
            org.testcontainers.utility.DockerImageName.parse("pgvector/pgvector:pg16")
                .asCompatibleSubstituteFor("postgres"));
    postgres.start();
    System.out.println("[test-db] Docker engine found: using a pgvector/pgvector:pg16 container");
    return new TestDatabase(
        postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(), name, postgres);
  }

  private static TestDatabase onLocalServer(String name) {
    Map<String, String> settings = new HashMap<>(credentialsFile());
    for (String key : new String[] {"DB_URL", "DB_USER", "DB_PASSWORD"}) {
      if (System.getenv(key) != null && !System.getenv(key).isBlank()) {
        settings.put(key, System.getenv(key));
      }
    }
    if (!settings.containsKey("DB_URL")) {
      throw new IllegalStateException(
          "No PostgreSQL for the integration tests: no Docker engine, no DB_URL, and no "
              + credentialsPath()
              + ". Run ./cvtailor db (it installs and starts a local PostgreSQL with pgvector),"
              + " or set DB_URL, DB_USER and DB_PASSWORD to a PostgreSQL >= 15 with pgvector >= 0.8.");
    }
    System.out.println("[test-db] no Docker engine: using the server at " + settings.get("DB_URL"));
    return new TestDatabase(
        settings.get("DB_URL"),
        settings.getOrDefault("DB_USER", "cvtailor"),
        settings.getOrDefault("DB_PASSWORD", ""),
        name,
        null);
  }

  private static Path credentialsPath() {
    String home = System.getenv("CVTAILOR_HOME");
    return home != null
        ? Path.of(home, "db.env")
        : Path.of(System.getProperty("user.home"), ".cvtailor", "db.env");
  }

  private static Map<String, String> credentialsFile() {
    Map<String, String> values = new HashMap<>();
    Path file = credentialsPath();
    if (Files.isReadable(file)) {
      try {
        for (String line : Files.readAllLines(file)) {
          int eq = line.indexOf('=');
          if (!line.startsWith("#") && eq > 0) {
            values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + file, e);
      }
    }
    return values;
  }

  private void createDatabase() {
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = admin.createStatement()) {
      boolean template;
      try (PreparedStatement find =
          admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ? AND datistemplate")) {
        find.setString(1, TEMPLATE);
        try (ResultSet rs = find.executeQuery()) {
          template = rs.next();
        }
      }
      // Identifiers cannot be bind parameters; the name is generated above, never user input.
      statement.execute(
          "CREATE DATABASE \"" + name + "\"" + (template ? " TEMPLATE \"" + TEMPLATE + "\"" : ""));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create the test database " + name + ": " + e.getMessage(), e);
    }
    try (Connection c = connect();
        Statement statement = c.createStatement()) {
      statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT current_setting('server_version'),"
                  + " (SELECT extversion FROM pg_extension WHERE extname = 'vector')")) {
        rs.next();
        System.out.printf(
            "[test-db] database %s on PostgreSQL %s with pgvector %s%n",
            name, rs.getString(1), rs.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the test database "
              + name
              + " has no pgvector: "
              + e.getMessage()
              + " (run ./cvtailor db to install pgvector >= 0.8)",
          e);
    }
  }

  private void drop() {
    try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
      System.out.println("[test-db] dropped " + name);
    } catch (SQLException e) {
      System.err.println("[test-db] could not drop " + name + ": " + e.getMessage());
    }
    if (container != null) {
      try {
        container.close();
      } catch (Exception e) {
        System.err.println("[test-db] could not stop the container: " + e.getMessage());
      }
    }
  }
}
