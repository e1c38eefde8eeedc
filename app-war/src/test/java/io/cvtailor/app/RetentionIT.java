package io.cvtailor.app;

import static io.cvtailor.app.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.testsupport.TestDatabase;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The retention clean-up (issue 15 item 4) through the operator's {@code POST
 * /operations/retention}, which runs what the schedule runs: rows older than each period go, newer
 * ones stay, and while one run (or another instance) holds the advisory lock a second run does
 * nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RetentionIT {
  private static final String OPERATOR = "test-operator-token";
  private static final String LOCK =
      "SELECT pg_advisory_xact_lock(hashtextextended('cvtailor.retention', 0))";

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  @Test
  void oldRowsGoNewerOnesStayAndOneRunAtATime() throws Exception {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Retained");
    long id = user.id();
    String tag = "retention-" + UUID.randomUUID();

    // sessions: one expired an hour ago, one still open
    Db.update(
        "INSERT INTO identity.sessions (id_hash, user_id, csrf_token, expires_at)"
            + " VALUES (?, ?, 'x', now() - interval '1 hour'), (?, ?, 'x', now() + interval '1 hour')",
        hash("old-" + tag),
        id,
        hash("new-" + tag),
        id);
    // tokens: revoked 31 days ago (past the 30-day grace), revoked yesterday, never revoked
    Db.update(
        "INSERT INTO identity.api_tokens (user_id, name, token_hash, revoked_at) VALUES"
            + " (?, 'old', ?, now() - interval '31 days'), (?, 'recent', ?, now() - interval '1 day')",
        id,
        hash("t1-" + tag),
        id,
        hash("t2-" + tag));
    // sign-in throttling windows: one closed two days ago, one open
    Db.update(
        "INSERT INTO identity.sign_in_counters (scope, account_key, address, window_start)"
            + " VALUES ('pair', ?, 'old', now() - interval '2 days'), ('pair', ?, 'new', now())",
        tag,
        tag);
    // audit events: 366 days old (past 365), 300 days old
    Db.update(
        "INSERT INTO identity.audit_events (user_id, event, occurred_at, detail) VALUES"
            + " (?, 'export', now() - interval '366 days', jsonb_build_object('tag', ?, 'age', 'old')),"
            + " (?, 'export', now() - interval '300 days', jsonb_build_object('tag', ?, 'age', 'new'))",
        id,
        tag,
        id,
        tag);
    // cached posting embeddings: unused for 31 days, used yesterday
    Db.update(
        "INSERT INTO embeddings.job_embeddings (user_id, job_description_hash, model_version,"
            + " chunk_ordinal, source_text, embedding_vector, last_used_at) VALUES"
            + " (?, ?, 'retention-test', 0, 'old', '[1,0,0]', now() - interval '31 days'),"
            + " (?, ?, 'retention-test', 0, 'new', '[1,0,0]', now() - interval '1 day')",
        id,
        hash("p1-" + tag).substring(0, 64),
        id,
        hash("p2-" + tag).substring(0, 64));
    // re-index runs: finished 31 days ago, 31 days old but with a job still queued, recent
    UUID oldRun = UUID.randomUUID();
    UUID runningRun = UUID.randomUUID();
    UUID newRun = UUID.randomUUID();
    Db.update(
        "INSERT INTO embeddings.reindex_runs (id, user_id, model_version, total, created_at) VALUES"
            + " (?, ?, 'retention-test', 1, now() - interval '31 days'),"
            + " (?, ?, 'retention-test', 1, now() - interval '31 days'),"
            + " (?, ?, 'retention-test', 1, now() - interval '1 day')",
        oldRun,
        id,
        runningRun,
        id,
        newRun,
        id);
    // import proposals: expired a minute ago (still holding a CV's text), and one kept until
    // tomorrow
    UUID oldProposal = UUID.randomUUID();
    UUID newProposal = UUID.randomUUID();
    Db.update(
        "INSERT INTO documents.import_proposals (id, user_id, format, created_at, expires_at,"
            + " proposal, extracted_text) VALUES"
            + " (?, ?, 'text', now() - interval '1 day', now() - interval '1 minute', '{}', 'old'),"
            + " (?, ?, 'text', now(), now() + interval '1 day', '{}', 'new')",
        oldProposal,
        id,
        newProposal,
        id);
    long artifact = createArtifact(api, user);
    api.awaitEmbedded(artifact, user.token());
    // queued far in the future for a model nobody serves, so no worker claims it meanwhile
    Db.update(
        "INSERT INTO embeddings.embedding_jobs (artifact_id, artifact_version, model_version,"
            + " reindex_id, user_id, run_after) VALUES (?, 1, 'retention-test', ?, ?,"
            + " now() + interval '1 day')",
        artifact,
        runningRun,
        id);

    // Another instance holds the clean-up's lock: this run does nothing at all.
    try (Connection holder = TestDatabase.get().connect()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock = holder.prepareStatement(LOCK)) {
        lock.executeQuery().close();
      }
      JsonNode skipped = retention(api);
      assertThat(skipped.get("ran").asBoolean()).as(skipped.toString()).isFalse();
      assertThat(remaining(id, tag, oldRun, runningRun, newRun))
          .as("nothing deleted while another run holds the lock")
          .containsExactlyInAnyOrder(
              "session old",
              "session new",
              "token old",
              "token recent",
              "counter old",
              "counter new",
              "audit old",
              "audit new",
              "posting old",
              "posting new",
              "run old",
              "run running",
              "run new",
              "proposal old",
              "proposal new");
      holder.rollback();
    }

    // Two runs at once: at most one of them deletes anything.
    CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> retention(api));
    CompletableFuture<JsonNode> second = CompletableFuture.supplyAsync(() -> retention(api));
    List<JsonNode> outcomes =
        List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
    int working = 0;
    for (JsonNode outcome : outcomes) {
      int deleted = 0;
      for (JsonNode n : outcome.path("deleted")) {
        deleted += n.asInt();
      }
      if (deleted > 0) {
        working++;
      }
      if (!outcome.get("ran").asBoolean()) {
        assertThat(deleted).isZero();
      }
    }
    assertThat(working).as(outcomes.toString()).isEqualTo(1);

    assertThat(remaining(id, tag, oldRun, runningRun, newRun))
        .containsExactlyInAnyOrder(
            "session new",
            "token recent",
            "counter new",
            "audit new",
            "posting new",
            "run running",
            "run new",
            "proposal new");
    // the user's own token (never revoked) is untouched
    assertThat(api.get("api/v1/me", user.token()).status()).isEqualTo(200);

    assertProblem(
        api.call("POST", "api/v1/operations/retention", null, null, null, "X-Operator-Token", "no"),
        401);
    Db.update("DELETE FROM embeddings.embedding_jobs WHERE reindex_id = ?", runningRun);
    Db.update("DELETE FROM identity.sign_in_counters WHERE account_key = ?", tag);
  }

  private static JsonNode retention(Api api) {
    Api.Reply reply =
        api.call(
            "POST", "api/v1/operations/retention", null, null, null, "X-Operator-Token", OPERATOR);
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    return reply.json();
  }

  private static List<String> remaining(
      long id, String tag, UUID oldRun, UUID runningRun, UUID newRun) {
    List<String> left = new ArrayList<>();
    if (Db.number("SELECT count(*) FROM identity.sessions WHERE id_hash = ?", hash("old-" + tag))
        > 0) left.add("session old");
    if (Db.number("SELECT count(*) FROM identity.sessions WHERE id_hash = ?", hash("new-" + tag))
        > 0) left.add("session new");
    if (Db.number("SELECT count(*) FROM identity.api_tokens WHERE user_id = ? AND name = 'old'", id)
        > 0) left.add("token old");
    if (Db.number(
            "SELECT count(*) FROM identity.api_tokens WHERE user_id = ? AND name = 'recent'", id)
        > 0) left.add("token recent");
    if (Db.number(
            "SELECT count(*) FROM identity.sign_in_counters WHERE account_key = ? AND address = 'old'",
            tag)
        > 0) left.add("counter old");
    if (Db.number(
            "SELECT count(*) FROM identity.sign_in_counters WHERE account_key = ? AND address = 'new'",
            tag)
        > 0) left.add("counter new");
    if (Db.number(
            "SELECT count(*) FROM identity.audit_events WHERE detail->>'tag' = ? AND detail->>'age' = 'old'",
            tag)
        > 0) left.add("audit old");
    if (Db.number(
            "SELECT count(*) FROM identity.audit_events WHERE detail->>'tag' = ? AND detail->>'age' = 'new'",
            tag)
        > 0) left.add("audit new");
    if (Db.number(
            "SELECT count(*) FROM embeddings.job_embeddings WHERE user_id = ? AND source_text = 'old'",
            id)
        > 0) left.add("posting old");
    if (Db.number(
            "SELECT count(*) FROM embeddings.job_embeddings WHERE user_id = ? AND source_text = 'new'",
            id)
        > 0) left.add("posting new");
    if (Db.number("SELECT count(*) FROM embeddings.reindex_runs WHERE id = ?", oldRun) > 0)
      left.add("run old");
    if (Db.number("SELECT count(*) FROM embeddings.reindex_runs WHERE id = ?", runningRun) > 0)
      left.add("run running");
    if (Db.number("SELECT count(*) FROM embeddings.reindex_runs WHERE id = ?", newRun) > 0)
      left.add("run new");
    String proposals =
        "SELECT count(*) FROM documents.import_proposals WHERE user_id = ? AND extracted_text = ?";
    if (Db.number(proposals, id, "old") > 0) left.add("proposal old");
    if (Db.number(proposals, id, "new") > 0) left.add("proposal new");
    return left;
  }

  private static long createArtifact(Api api, Api.User user) {
    Api.Reply reply =
        api.post(
            "api/v1/artifacts",
            user.token(),
            Map.of("artifact_type", "project", "title", "Kept project", "content", "Kept."));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
    return reply.json().get("id").asLong();
  }

  private static String hash(String value) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
