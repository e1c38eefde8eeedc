package io.cvtailor.embeddings.internal.pipeline;

import io.cvtailor.embeddings.EmbeddingProvider;
import io.cvtailor.embeddings.VectorIndex;
import io.cvtailor.kernel.db.Untimed;
import io.cvtailor.kernel.log.RequestIds;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What a (possibly new) active model needs at start-up: its HNSW index, built concurrently outside
 * any transaction, and a job for every artifact whose current text it has not embedded yet — so
 * switching the model is a re-index, not a schema migration.
 */
@ApplicationScoped
public class ModelStartup {
  private static final Logger LOG = RequestIds.logger(ModelStartup.class);

  private static final String INDEX_VALID =
      """
      SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'embeddings' AND c.relname = ?
      """;

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject EmbeddingProvider provider;
  @Inject EmbeddingQueue queue;

  /** Runs outside a transaction (CREATE INDEX CONCURRENTLY cannot run inside one). */
  void prepare() throws SQLException {
    VectorIndex index = new VectorIndex(provider.modelId(), provider.dimensions());
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      Boolean valid = indexValid(connection, index.name());
      if (Boolean.FALSE.equals(valid)) {
        LOG.warning("index " + index.name() + " is invalid (interrupted build): rebuilding");
        try (Statement drop = connection.createStatement()) {
          drop.execute("DROP INDEX CONCURRENTLY IF EXISTS embeddings." + index.name());
        }
      }
      if (!Boolean.TRUE.equals(valid)) {
        long started = System.nanoTime();
        // An index build over every user's vectors may take minutes: no statement timeout.
        Untimed.run(
            connection,
            c -> {
              try (Statement create = c.createStatement()) {
                return create.execute(index.createStatement());
              }
            });
        LOG.info(
            () ->
                "HNSW index "
                    + index.name()
                    + " ready in "
                    + (System.nanoTime() - started) / 1_000_000
                    + " ms");
      }
    }
    // Start-up maintenance over every artifact (no statement timeout either), in a transaction of
    // its own: the jobs and the pending marks commit together.
    int queued = queue.backfill();
    if (queued > 0) {
      LOG.info(queued + " artifacts queued for embedding with " + provider.modelId());
    }
  }

  private static Boolean indexValid(Connection connection, String name) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(INDEX_VALID)) {
      query.setString(1, name);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next() ? rs.getBoolean(1) : null;
      }
    }
  }
}
