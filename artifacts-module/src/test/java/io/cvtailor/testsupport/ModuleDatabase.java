package io.cvtailor.testsupport;

import io.cvtailor.kernel.db.SchemaPasses;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;

/**
 * A module's own tables and persistence unit on the run's {@link TestDatabase}, without deploying
 * the WAR: module-level tests migrate the schemas whose migrations are on their class path (in the
 * order the application migrates them) and open the module's persistence unit in a standalone
 * EclipseLink (the JPA provider Payara runs), so native queries are parsed exactly as in the
 * application. Needs {@code flyway-core}, {@code flyway-database-postgresql} and {@code
 * org.eclipse.persistence.jpa} on the test class path.
 */
public final class ModuleDatabase {
  /** The order the application migrates them in (SchemaMigrations): owners before readers. */
  private static final List<String> SCHEMAS =
      List.of("artifacts", "embeddings", "search", "cv", "identity", "documents");

  private static final Set<String> migrated = new HashSet<>();
  private static final Map<String, EntityManagerFactory> units = new HashMap<>();

  private ModuleDatabase() {}

  /**
   * Migrates every schema whose migrations this class path holds, as the application does (in
   * {@link SchemaPasses}, so a key other modules point at can change); once per run.
   */
  public static synchronized TestDatabase migrated() {
    TestDatabase db = TestDatabase.get();
    if (migrated.add(db.name())) {
      ClassLoader loader = ModuleDatabase.class.getClassLoader();
      List<String> present =
          SCHEMAS.stream().filter(s -> loader.getResource("db/migration/" + s) != null).toList();
      SchemaPasses.migrate(
          present, () -> Flyway.configure().dataSource(db.url(), db.user(), db.password()));
    }
    return db;
  }

  /**
   * The module's persistence unit as the application declares it (entities, converters, session
   * listeners), with resource-local transactions on a JDBC connection to the test database instead
   * of the container's JTA data source. Kept open for the run.
   */
  public static synchronized EntityManagerFactory persistenceUnit(String name) {
    TestDatabase db = migrated();
    return units.computeIfAbsent(
        db.name() + "/" + name,
        key -> {
          Map<String, Object> settings = new HashMap<>();
          settings.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
          settings.put("jakarta.persistence.jtaDataSource", "");
          settings.put("jakarta.persistence.jdbc.driver", "org.postgresql.Driver");
          settings.put("jakarta.persistence.jdbc.url", db.url());
          settings.put("jakarta.persistence.jdbc.user", db.user());
          settings.put("jakarta.persistence.jdbc.password", db.password());
          // No java agent in a test JVM: entities are used unwoven (lazy basics load eagerly).
          settings.put("eclipselink.weaving", "false");
          return Persistence.createEntityManagerFactory(name, settings);
        });
  }

  /** A new user (a unique e-mail from {@code name}) in the migrated artifacts schema; its id. */
  public static long user(String name) throws SQLException {
    try (Connection c = migrated().connect();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO artifacts.users (email, display_name) VALUES (?, ?) RETURNING id")) {
      s.setString(1, uniqueEmail(name));
      s.setString(2, name);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** An e-mail address no other test has used: {@code name-<nanos>@example.org}, lower-cased. */
  public static String uniqueEmail(String name) {
    return name.toLowerCase(Locale.ROOT) + "-" + System.nanoTime() + "@example.org";
  }

  /**
   * As the container's {@code @Transactional} does around a bean method: commit, or roll back on an
   * exception; the persistence context is cleared after, so the next read goes to the database.
   */
  public static <T> T inTransaction(EntityManager em, Supplier<T> work) {
    em.getTransaction().begin();
    try {
      T result = work.get();
      em.getTransaction().commit();
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.clear();
    }
  }
}
