package io.cvtailor.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.app.Api;
import io.cvtailor.app.Db;
import io.cvtailor.app.Deployments;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11 item 2: no model call while a database transaction holds row locks or a pooled
 * connection. While the embedding worker is inside a model call (held by {@link BlockingModel}), no
 * connection of the application is idle in a transaction or holds a lock on the queue or the
 * artifacts, and an edit of the very artifact being embedded is answered at once. On the former
 * worker (claim, embed and store in one transaction) the worker's connection sat {@code idle in
 * transaction} with the job and artifact rows locked, and the edit waited for the model.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NoTransactionDuringModelCallIT {
  private static final String IDLE_IN_TRANSACTION =
      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
          + " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'";
  private static final String QUEUE_LOCKS =
      "SELECT count(*) FROM pg_locks l"
          + " WHERE l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
          + " AND l.pid <> pg_backend_pid()"
          + " AND l.relation IN ('embeddings.embedding_jobs'::regclass,"
          + " 'artifacts.artifacts'::regclass)";

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar().addClasses(BlockingModel.class, BlockingModelResource.class);
  }

  @ArquillianResource URL deployment;

  @Test
  void aModelCallHoldsNoTransactionNoLockAndDoesNotBlockAnEditOfItsArtifact() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Patient");
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("title", "Payments ledger");
      body.put("artifact_type", "project");
      body.put("description", "Kept the ledger balanced; " + BlockingModel.HOLD + ".");
      Api.Reply created = api.post("api/v1/artifacts", user.token(), body);
      assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
      long id = created.json().get("id").asLong();

      Api.Reply blocked =
          api.await(
              "api/v1/test-model",
              user.token(),
              r -> r.status() == 200 && r.json().get("blocked").asInt() > 0,
              Duration.ofSeconds(60));
      assertThat(blocked.json().get("blocked").asInt())
          .as("the worker is inside the model")
          .isOne();

      // Other short transactions may be between two statements at any one sample; the worker's
      // would be there in every sample for as long as the model is held.
      long idle = -1;
      long locks = -1;
      for (int sample = 0; sample < 20 && (idle != 0 || locks != 0); sample++) {
        if (sample > 0) {
          LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        idle = Db.number(IDLE_IN_TRANSACTION);
        locks = Db.number(QUEUE_LOCKS);
      }
      assertThat(idle).as("connections idle in a transaction during the model call").isZero();
      assertThat(locks).as("locks on the queue or the artifacts during the model call").isZero();

      // the owner edits the artifact being embedded: answered while the model is still held
      body.put("description", "Kept the ledger balanced to the cent.");
      body.put("version", 1);
      Api.Reply edited = api.put("api/v1/artifacts/" + id, user.token(), body);
      assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);
      assertThat(api.get("api/v1/test-model", user.token()).json().get("blocked").asInt())
          .as("the model call was still held while the edit was answered")
          .isOne();

      api.post("api/v1/test-model/release", user.token(), Map.of());
      JsonNode embedded = api.awaitEmbedded(id, user.token());
      assertThat(embedded.get("version").asLong()).isEqualTo(2);
      assertThat(
              Db.text(
                  "SELECT source_text FROM embeddings.artifact_embeddings"
                      + " WHERE artifact_id = ? AND content_type = 'full'",
                  id))
          .contains("to the cent")
          .doesNotContain(BlockingModel.HOLD);
      assertThat(
              Db.number("SELECT count(*) FROM embeddings.embedding_jobs WHERE artifact_id = ?", id))
          .isZero();
    } finally {
      api.post("api/v1/test-model/release", user.token(), Map.of());
    }
  }
}
