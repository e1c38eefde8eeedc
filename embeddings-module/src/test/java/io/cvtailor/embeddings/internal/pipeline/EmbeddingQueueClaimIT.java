package io.cvtailor.embeddings.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue's claim statement, run by two workers at once on the real schema: each job goes to
 * exactly one of them, and a job stays claimed until its worker's transaction ends.
 */
class EmbeddingQueueClaimIT {
  private static final String MODEL = "claim-test-model";
  private static final String CLAIM = EmbeddingBatchProcessor.CLAIM_JOBS.replaceAll("\\?\\d", "?");

  @BeforeAll
  static void migrate() {
    TestDatabase db = TestDatabase.get();
    for (String schema : List.of("artifacts", "embeddings")) {
      Flyway.configure()
          .dataSource(db.url(), db.user(), db.password())
          .schemas(schema)
          .locations("classpath:db/migration/" + schema)
          .load()
          .migrate();
    }
  }

  private static List<Long> queueJobs(int count) throws SQLException {
    try (Connection c = TestDatabase.get().connect();
        Statement s = c.createStatement()) {
      long user;
      try (ResultSet rs =
          s.executeQuery(
              "INSERT INTO artifacts.users (email, display_name) VALUES ('claim-"
                  + System.nanoTime()
                  + "@example.org', 'Claim') RETURNING id")) {
        rs.next();
        user = rs.getLong(1);
      }
      List<Long> jobs = new ArrayList<>();
      try (PreparedStatement artifact =
              c.prepareStatement(
                  "INSERT INTO artifacts.artifacts (user_id, artifact_type, title, content_hash)"
                      + " VALUES (?, 'project', ?, repeat('0', 64)) RETURNING id");
          PreparedStatement job =
              c.prepareStatement(
                  "INSERT INTO embeddings.embedding_jobs (artifact_id, artifact_version, model_version)"
                      + " VALUES (?, 1, ?) RETURNING id")) {
        for (int i = 0; i < count; i++) {
          artifact.setLong(1, user);
          artifact.setString(2, "artifact " + i);
          long artifactId;
          try (ResultSet rs = artifact.executeQuery()) {
            rs.next();
            artifactId = rs.getLong(1);
          }
          job.setLong(1, artifactId);
          job.setString(2, MODEL);
          try (ResultSet rs = job.executeQuery()) {
            rs.next();
            jobs.add(rs.getLong(1));
          }
        }
      }
      return jobs;
    }
  }

  private static List<Long> claim(Connection c, int limit) throws SQLException {
    try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
      claim.setString(1, MODEL);
      claim.setInt(2, limit);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = claim.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  @Test
  void twoWorkersClaimingAtOnceNeverGetTheSameJob() throws Exception {
    List<Long> queued = queueJobs(24);
    CountDownLatch bothClaimed = new CountDownLatch(2);
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<Long>>> claims = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        claims.add(
            workers.submit(
                () -> {
                  try (Connection c = TestDatabase.get().connect()) {
                    c.setAutoCommit(false);
                    List<Long> mine = claim(c, 16);
                    // Hold the claim until the other worker has claimed too, as a worker does while
                    // it embeds.
                    bothClaimed.countDown();
                    bothClaimed.await(30, TimeUnit.SECONDS);
                    c.rollback();
                    return mine;
                  }
                }));
      }
      List<Long> first = claims.get(0).get(60, TimeUnit.SECONDS);
      List<Long> second = claims.get(1).get(60, TimeUnit.SECONDS);
      Set<Long> overlap = new HashSet<>(first);
      overlap.retainAll(second);
      assertThat(overlap).as("jobs claimed by both workers").isEmpty();
      Set<Long> all = new HashSet<>(first);
      all.addAll(second);
      assertThat(all).as("every queued job was claimed by one of them").containsAll(queued);
    } finally {
      workers.shutdownNow();
    }
  }

  @Test
  void aJobWhoseWorkerDiedWithoutCommittingIsClaimedAgain() throws Exception {
    List<Long> queued = queueJobs(3);
    try (Connection crashed = TestDatabase.get().connect()) {
      crashed.setAutoCommit(false);
      assertThat(claim(crashed, 100)).containsAll(queued);
      // The worker's connection drops without commit (a crash): its locks go, the rows stay.
    }
    try (Connection next = TestDatabase.get().connect()) {
      next.setAutoCommit(false);
      assertThat(claim(next, 100)).containsAll(queued);
      next.rollback();
    }
  }
}
