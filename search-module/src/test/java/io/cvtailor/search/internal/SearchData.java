package io.cvtailor.search.internal;

import io.cvtailor.embeddings.EmbeddingPipeline;
import io.cvtailor.embeddings.Vectors;
import io.cvtailor.testsupport.ModuleDatabase;
import io.cvtailor.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Users, artifacts and their vectors written straight into the migrated schemas of the run's test
 * database, with small hand-made vectors so a test knows the exact neighbour order. Each test class
 * uses its own model id, so classes sharing the database never see each other's vectors.
 */
final class SearchData {
  private final TestDatabase db = ModuleDatabase.migrated();
  final String model;
  final int dimensions;

  SearchData(String model, int dimensions) {
    this.model = model;
    this.dimensions = dimensions;
  }

  /** The active model the statements filter on; nothing is loaded. */
  EmbeddingPipeline pipeline() {
    return new EmbeddingPipeline() {
      @Override
      public void start() {}

      @Override
      public boolean modelLoaded() {
        return true;
      }

      @Override
      public String activeModel() {
        return model;
      }

      @Override
      public int dimensions() {
        return dimensions;
      }
    };
  }

  /** An artifact with its whole-artifact vector and, for each chunk, a chunk vector. */
  long artifact(long user, String type, String title, String content, float[] whole)
      throws SQLException {
    return artifact(user, type, title, content, "private", whole);
  }

  long artifact(
      long user, String type, String title, String content, String visibility, float[] whole)
      throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement s =
            c.prepareStatement(
                """
                INSERT INTO artifacts.artifacts
                  (user_id, artifact_type, title, content, visibility, content_hash, embedding_status)
                VALUES (?, ?, ?, ?, ?, repeat('0', 64), 'ready') RETURNING id
                """)) {
      s.setLong(1, user);
      s.setString(2, type);
      s.setString(3, title);
      s.setString(4, content);
      s.setString(5, visibility);
      long id;
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
      if (whole != null) {
        vector(c, id, user, "full", 0, title + "\n" + content, whole);
      }
      return id;
    }
  }

  /** A chunk of an artifact: its text (what explanations quote) and its vector. */
  void chunk(long artifactId, long user, int ordinal, String text, float[] vector)
      throws SQLException {
    try (Connection c = db.connect()) {
      vector(c, artifactId, user, "chunk", ordinal, text, vector);
    }
  }

  private void vector(
      Connection c, long artifactId, long user, String type, int ordinal, String text, float[] v)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            """
            INSERT INTO embeddings.artifact_embeddings
              (artifact_id, user_id, artifact_version, content_type, chunk_ordinal, source_text,
               embedding_vector, content_hash, model_version, model_dimensions)
            VALUES (?, ?, 1, ?, ?, ?, CAST(? AS vector), repeat('0', 64), ?, ?)
            """)) {
      s.setLong(1, artifactId);
      s.setLong(2, user);
      s.setString(3, type);
      s.setInt(4, ordinal);
      s.setString(5, text);
      s.setString(6, Vectors.toText(v));
      s.setString(7, model);
      s.setInt(8, v.length);
      s.executeUpdate();
    }
  }

  /** A unit vector pointing mostly along the axes given, e.g. {@code unit(1, 0.2, 0)}. */
  static float[] unit(double... components) {
    double norm = 0;
    for (double c : components) {
      norm += c * c;
    }
    float[] v = new float[components.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (components[i] / Math.sqrt(norm));
    }
    return v;
  }
}
