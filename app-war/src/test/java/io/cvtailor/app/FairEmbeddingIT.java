package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedding worker shares itself between users: another user's new artifact is embedded while
 * one user's large backlog is still queued, not after it; a second re-index request while one runs
 * returns the running job and queues nothing twice.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FairEmbeddingIT {
  // Imported 200 lines a request: a busy machine takes a while for each artifact it stores.
  private static final int BACKLOG = 1_000;
  private static final int PER_IMPORT = 200;
  // By the artifacts' owner, so the test reads the same on any schema of the queue.
  private static final String DELETE_JOBS =
      "DELETE FROM embeddings.embedding_jobs"
          + " WHERE artifact_id IN (SELECT id FROM artifacts.artifacts WHERE user_id = ?)";

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  @Test
  void anotherUsersNewArtifactIsReadyWhileALargeReindexIsStillQueued() {
    Api api = new Api(deployment);
    Api.User heavy = api.newUser("Heavy");
    Api.User light = api.newUser("Light");
    try {
      importBacklog(api, heavy);
      Api.Reply started = api.post("api/v1/embeddings/reindex", heavy.token(), Map.of());
      assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
      String jobId = started.json().get("job_id").asText();

      // the other user's artifact arrives last, behind the whole backlog
      Api.Reply created =
          api.post(
              "api/v1/artifacts",
              light.token(),
              Map.of(
                  "title", "Incident review lead",
                  "artifact_type", "project",
                  "description", "Ran blameless incident reviews for the payments platform."));
      assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
      api.awaitEmbedded(created.json().get("id").asLong(), light.token());

      // ... and was served while most of the backlog still waits (in arrival order it came last)
      JsonNode progress = api.get("api/v1/embeddings/reindex/" + jobId, heavy.token()).json();
      assertThat(progress.get("status").asText()).isEqualTo("running");
      long queued =
          Db.number(
              "SELECT count(*) FROM embeddings.embedding_jobs WHERE status = 'queued'"
                  + " AND artifact_id IN (SELECT id FROM artifacts.artifacts WHERE user_id = ?)",
              heavy.id());
      // (in arrival order it would have waited for all of them, twice over: nothing de-duplicated)
      assertThat(queued).as("the heavy user's jobs still queued").isGreaterThan(50);
    } finally {
      // the backlog must not slow down the tests that come after this one
      Db.update(DELETE_JOBS, heavy.id());
    }
  }

  @Test
  void aSecondReindexWhileOneRunsReturnsTheRunningJobAndQueuesNothingTwice() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Impatient");
    try {
      importBacklog(api, user);
      long queuedByImport = queuedJobs(user);
      assertThat(queuedByImport).isPositive().isLessThanOrEqualTo(BACKLOG);

      Api.Reply first = api.post("api/v1/embeddings/reindex", user.token(), Map.of());
      Api.Reply second = api.post("api/v1/embeddings/reindex", user.token(), Map.of());
      assertThat(first.status()).isEqualTo(202);
      assertThat(second.status()).isEqualTo(202);
      assertThat(second.json().get("job_id").asText())
          .isEqualTo(first.json().get("job_id").asText());
      // one job per artifact at most: the import's queued jobs joined the run
      assertThat(queuedJobs(user)).isLessThanOrEqualTo(BACKLOG);
      assertThat(
              Db.number(
                  "SELECT count(*) FROM (SELECT artifact_id FROM embeddings.embedding_jobs"
                      + " WHERE status = 'queued' AND artifact_id IN"
                      + " (SELECT id FROM artifacts.artifacts WHERE user_id = ?)"
                      + " GROUP BY artifact_id HAVING count(*) > 1) twice",
                  user.id()))
          .isZero();
      assertThat(
              Db.number(
                  "SELECT count(*) FROM embeddings.reindex_runs WHERE user_id = ?", user.id()))
          .isEqualTo(1);
    } finally {
      Db.update(DELETE_JOBS, user.id());
    }
    // once nothing of it is queued any more, a new request starts a new run
    Api.Reply again = api.post("api/v1/embeddings/reindex", user.token(), Map.of());
    assertThat(again.status()).isEqualTo(202);
    assertThat(
            Db.number("SELECT count(*) FROM embeddings.reindex_runs WHERE user_id = ?", user.id()))
        .isEqualTo(2);
    Db.update(DELETE_JOBS, user.id());
  }

  private static long queuedJobs(Api.User user) {
    return Db.number(
        "SELECT count(*) FROM embeddings.embedding_jobs j JOIN artifacts.artifacts a"
            + " ON a.id = j.artifact_id WHERE a.user_id = ? AND j.status = 'queued'",
        user.id());
  }

  /** BACKLOG short artifacts in NDJSON imports of PER_IMPORT lines (each queues its job). */
  private static void importBacklog(Api api, Api.User user) {
    for (int from = 0; from < BACKLOG; from += PER_IMPORT) {
      api.importProjects(
          user, from, PER_IMPORT, "Backlog item", "Maintained service number %d of the fleet.");
    }
  }
}
