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

  private static final String BACKFILL =
      """
      WITH missing AS (
        INSERT INTO embeddings.embedding_jobs (artifact_id, artifact_version, model_version)
        SELECT a.id, a.version, ? FROM artifacts.artifacts a
        WHERE NOT EXISTS (SELECT 1 FROM embeddings.artifact_embeddings e
                          WHERE e.artifact_id = a.id AND e.model_version = ? AND e.content_type = 'full'
                            AND e.content_hash = a.content_hash)
          AND NOT EXISTS (SELECT 1 FROM embeddings.embedding_jobs j
                          WHERE j.artifact_id = a.id AND j.model_version = ?)
        RETURNING artifact_id)
      UPDATE artifacts.artifacts SET embedding_status = 'pending', embedding_error = NULL
      WHERE id IN (SELECT artifact_id FROM missing)
      """;

  @Resource(lookup = "java:app/jdbc/cvtailor")
  DataSource dataSource;

  @Inject EmbeddingProvider provider;

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
      // Start-up maintenance over every artifact: no statement timeout either.
      int queued =
          Untimed.run(
              connection,
              c -> {
                try (PreparedStatement backfill = c.prepareStatement(BACKFILL)) {
                  for (int i = 1; i <= 3; i++) {
                    backfill.setString(i, provider.modelId());
                  }
                  return backfill.executeUpdate();
                }
              });
      if (queued > 0) {
        LOG.info(queued + " artifacts queued for embedding with " + provider.modelId());
      }
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
