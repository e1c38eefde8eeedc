package io.cvtailor.app.probe;

import static io.cvtailor.app.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.app.Api;
import io.cvtailor.app.Db;
import io.cvtailor.app.Deployments;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transaction semantics of the artifact events, seen through a test-only observer added to the
 * WAR ({@link TransactionProbe}, {@link ProbeResource}): work of in-transaction observers rolls
 * back with a failed request, and AFTER_SUCCESS observers see committed data. A WAR with test
 * classes in it gets a Payara Micro of its own (see ReusedPayaraMicro), so these tests are apart
 * from ArtifactsIT, whose tests share the one Payara Micro of the run.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransactionObserversIT {

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar().addClasses(TransactionProbe.class, ProbeResource.class);
  }

  @ArquillianResource URL deployment;

  @Test
  void workDoneByInTransactionObserversRollsBackWithAFailedRequest() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Rollback");
    String lines =
        line("Fine one", "skill")
            + line("Fine two", "skill")
            + line("Third " + TransactionProbe.FAIL_MARK, "skill");

    Api.Reply failed =
        api.call("POST", "api/v1/artifacts/import", user.token(), "application/x-ndjson", lines);

    assertProblem(failed, 500);
    // the embedding queue's observer had written a job for each artifact inside the transaction
    assertThat(failed.header("X-Probe-Jobs-In-Transaction")).hasValue("3");
    long last = Long.parseLong(failed.header("X-Probe-Artifact").orElseThrow());
    // ... and with the failed request all of it is gone
    assertThat(Db.number("SELECT count(*) FROM artifacts.artifacts WHERE user_id = ?", user.id()))
        .isZero();
    assertThat(
            Db.number(
                "SELECT count(*) FROM embeddings.embedding_jobs WHERE artifact_id BETWEEN ? AND ?",
                last - 2,
                last))
        .isZero();
    // an AFTER_SUCCESS observer never hears of a transaction that rolled back
    assertThat(probe(api, user, last).get("after_success_called").asBoolean()).isFalse();

    // the same for a single creation
    Api.Reply single =
        api.post(
            "api/v1/artifacts",
            user.token(),
            Map.of("title", "Alone " + TransactionProbe.FAIL_MARK, "artifact_type", "skill"));
    assertProblem(single, 500);
    assertThat(single.header("X-Probe-Jobs-In-Transaction")).hasValue("1");
    assertThat(Db.number("SELECT count(*) FROM artifacts.artifacts WHERE user_id = ?", user.id()))
        .isZero();
  }

  @Test
  void afterSuccessObserversSeeCommittedData() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Committed");
    long id = create(api, user, "Seen after commit", "skill").get("id").asLong();

    Api.Reply seen =
        api.await(
            "api/v1/test-probe/" + id,
            user.token(),
            r -> r.status() == 200 && !r.json().path("seen_after_success").asText().isEmpty(),
            Duration.ofSeconds(30));
    assertThat(seen.json().get("after_success_called").asBoolean()).isTrue();
    // another thread, in its own transaction, found the row: it was committed before notification
    assertThat(seen.json().get("seen_after_success").asText()).isEqualTo("committed version 1");
  }

  private static JsonNode create(Api api, Api.User user, String title, String type) {
    Api.Reply created =
        api.post("api/v1/artifacts", user.token(), Map.of("title", title, "artifact_type", type));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.json();
  }

  private static JsonNode probe(Api api, Api.User user, long id) {
    Api.Reply reply = api.get("api/v1/test-probe/" + id, user.token());
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return reply.json();
  }

  private static String line(String title, String type) {
    return Api.tree(Map.of("title", title, "artifact_type", type)) + "\n";
  }
}
