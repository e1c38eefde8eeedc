package io.cvtailor.embeddings.internal.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.kernel.db.SchemaPasses;
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
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The queue's lease statements on the real schema: two workers claiming at once never get the same
 * job; a claim commits at once and leaves no lock behind; a job stays leased until its lease runs
 * out and is then claimed again (its worker was killed); the first worker then holds nothing to
 * store, so its late result is dropped.
 */
class EmbeddingQueueClaimIT {
  private static final String MODEL = "claim-test-model";
  private static final String CLAIM = QueuedJobs.CLAIM_JOBS.replaceAll("\\?\\d", "?");
  private static final String HOLD = QueuedJobs.HOLD_LEASED.replaceAll("\\?\\d", "?");

  @BeforeAll
  static void migrate() {
    TestDatabase db = TestDatabase.get();
    SchemaPasses.migrate(
        List.of("artifacts", "embeddings"),
        () -> Flyway.configure().dataSource(db.url(), db.user(), db.password()));
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
                  "INSERT INTO embeddings.embedding_jobs"
                      + " (artifact_id, user_id, artifact_version, model_version)"
                      + " VALUES (?, ?, 1, ?) RETURNING id")) {
        for (int i = 0; i < count; i++) {
          artifact.setLong(1, user);
          artifact.setString(2, "artifact " + i);
          long artifactId;
          try (ResultSet rs = artifact.executeQuery()) {
            rs.next();
            artifactId = rs.getLong(1);
          }
          job.setLong(1, artifactId);
          job.setLong(2, user);
          job.setString(3, MODEL);
          try (ResultSet rs = job.executeQuery()) {
            rs.next();
            jobs.add(rs.getLong(1));
          }
        }
      }
      return jobs;
    }
  }

  /** Claims up to {@code limit} jobs for a lease of {@code leaseSeconds} in one transaction. */
  private static List<Long> claim(String token, int limit, double leaseSeconds)
      throws SQLException {
    try (Connection c = TestDatabase.get().connect();
        PreparedStatement claim = c.prepareStatement(CLAIM)) {
      // in the order the numbered parameters appear in the statement: ?3, ?4, ?1, ?2
      claim.setString(1, token);
      claim.setDouble(2, leaseSeconds);
      claim.setString(3, MODEL);
      claim.setInt(4, limit);
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = claim.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  private static List<Long> held(String token) throws SQLException {
    try (Connection c = TestDatabase.get().connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement hold = c.prepareStatement(HOLD)) {
        hold.setString(1, token);
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = hold.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
        return ids;
      } finally {
        c.rollback();
      }
    }
  }

  private static String token() {
    return UUID.randomUUID().toString();
  }

  @Test
  void twoWorkersClaimingAtOnceNeverGetTheSameJob() throws Exception {
    List<Long> queued = queueJobs(24);
    CountDownLatch ready = new CountDownLatch(2);
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<Long>>> claims = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        claims.add(
            workers.submit(
                () -> {
                  ready.countDown();
                  ready.await(30, TimeUnit.SECONDS);
                  List<Long> mine = new ArrayList<>();
                  List<Long> batch;
                  do {
                    batch = claim(token(), 4, 60);
                    mine.addAll(batch);
                  } while (!batch.isEmpty());
                  return mine;
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
  void aClaimCommitsAndLeavesNoLockWhileTheLeaseRuns() throws Exception {
    List<Long> queued = queueJobs(3);
    String token = token();
    assertThat(claim(token, 100, 600)).containsAll(queued);
    // nothing is locked between claim and settle: an update of the jobs' artifacts does not wait
    try (Connection c = TestDatabase.get().connect();
        Statement s = c.createStatement()) {
      s.execute("SET lock_timeout = '2s'");
      assertThat(
              s.executeUpdate(
                  "UPDATE artifacts.artifacts SET title = title || ' (edited)' WHERE id IN"
                      + " (SELECT artifact_id FROM embeddings.embedding_jobs WHERE id IN ("
                      + queued.get(0)
                      + ","
                      + queued.get(1)
                      + "))"))
          .isEqualTo(2);
    }
    // a leased job is not claimed again while its lease runs
    assertThat(claim(token(), 100, 600)).doesNotContainAnyElementsOf(queued);
    assertThat(held(token)).containsExactlyInAnyOrderElementsOf(queued);
  }

  @Test
  void aJobWhoseLeaseRanOutIsClaimedAgainAndTheFirstWorkerHoldsNothing() throws Exception {
    List<Long> queued = queueJobs(3);
    String killed = token();
    // A lease that has already run out: the worker that took it was killed before storing.
    assertThat(claim(killed, 100, 0)).containsAll(queued);
    String next = token();
    assertThat(claim(next, 100, 600)).containsAll(queued);
    assertThat(held(next)).containsAll(queued);
    // the first worker's late result finds none of its jobs: it is dropped
    assertThat(held(killed)).isEmpty();
  }
}
