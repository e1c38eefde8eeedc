package io.cvtailor.kernel.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Migrates the modules' schemas (each its own Flyway history) in three passes, so that a module's
 * migrations touch only its own tables even when a key other modules point at changes.
 *
 * <ol>
 *   <li>every schema up to V89, in dependency order: a fresh database gets the layout the older
 *       migrations were written against;
 *   <li>V90, dependents first: each drops its own foreign keys to a key about to change, then the
 *       owner changes the key (artifacts' V90: {@code (user_id, id)}, issue 16 item 4);
 *   <li>the rest, in dependency order: each adds its foreign keys back on the new key (V91).
 * </ol>
 *
 * A database that is up to date goes through the three passes without a change.
 */
public final class SchemaPasses {
  private record Pass(String target, boolean dependentsFirst) {}

  // "89?": up to V89, and no error for a schema that has no V89 itself (Flyway's own syntax).
  private static final List<Pass> PASSES =
      List.of(new Pass("89?", false), new Pass("90?", true), new Pass("latest", false));

  private SchemaPasses() {}

  /**
   * Migrates {@code schemasInOrder} (lowest first: each may reference only the ones before it);
   * {@code base} gives a configuration with the data source and class loader, a new one per call.
   */
  public static void migrate(List<String> schemasInOrder, Supplier<FluentConfiguration> base) {
    for (Pass pass : PASSES) {
      List<String> schemas = new ArrayList<>(schemasInOrder);
      if (pass.dependentsFirst()) {
        Collections.reverse(schemas);
      }
      for (String schema : schemas) {
        base.get()
            .schemas(schema)
            .createSchemas(true)
            .locations("classpath:db/migration/" + schema)
            .failOnMissingLocations(false)
            .target(pass.target())
            .load()
            .migrate();
      }
    }
  }
}
