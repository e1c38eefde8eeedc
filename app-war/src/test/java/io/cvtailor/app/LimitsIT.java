package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.testsupport.RawHttp;
import io.cvtailor.testsupport.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Limits before work (issue 11, table rows 1-3, and the findings about arrays read whole and
 * missing time limits), against the real WAR with a plain HTTP/1.1 client that streams its hostile
 * bodies. Each answer is a bounded problem+json; timings are printed, never asserted.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsIT {
  private static final long MIB = 1024 * 1024;

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  private Api api;
  private URI base;
  private String token;

  @BeforeEach
  void user() {
    if (api == null) {
      api = new Api(deployment);
      base = api.uri("");
      token = api.newUserToken("Mallory");
    }
  }

  private static void print(String row, RawHttp.Reply reply) {
    System.out.printf(
        "[limits] %s: %d in %d ms, %d body bytes sent before the answer, answer %d bytes%n",
        row, reply.status(), reply.millis(), reply.bytesSentBefore(), reply.body().length());
  }

  /** A 413 problem naming the field, bounded, and the connection closed after it. */
  private static void assertTooLarge(RawHttp.Reply reply, String field) {
    assertTooLarge(reply, field, "bytes");
  }

  private static void assertTooLarge(RawHttp.Reply reply, String field, String message) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(413);
    assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reply.body().length()).isLessThan(2_000);
    JsonNode problem = reply.json();
    assertThat(problem.get("status").asInt()).isEqualTo(413);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo(field);
    assertThat(problem.at("/errors/0/message").asText()).contains(message);
  }

  // Row 1: POST /artifacts/search/similar with a 15 MB query_text.

  @Test
  void aFifteenMegabyteQueryTextIsRefusedByItsDeclaredLengthBeforeAByteIsRead() throws IOException {
    long length = RawHttp.lengthOf("{\"query_text\":\"", "a", 15 * MIB, "\"}");
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts/search/similar",
            token,
            "application/json",
            length,
            RawHttp.repeated("{\"query_text\":\"", "a", 15 * MIB, "\"}"));
    print("15 MB query_text, Content-Length", reply);
    assertTooLarge(reply, "body");
    assertThat(reply.json().at("/errors/0/message").asText()).contains("http.max-body-bytes");
  }

  @Test
  void aFifteenMegabyteChunkedQueryTextIsCutWhereItPassesTheLimit() throws IOException {
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts/search/similar",
            token,
            "application/json",
            null,
            RawHttp.repeated("{\"query_text\":\"", "a", 15 * MIB, "\"}"));
    print("15 MB query_text, chunked", reply);
    assertTooLarge(reply, "body");
  }

  @Test
  void aQueryTextOverItsDocumentedLengthIsAFieldErrorNotAnEmbedding() {
    Api.Reply reply =
        api.post(
            "api/v1/artifacts/search/similar", token, Map.of("query_text", "word ".repeat(10_001)));
    Api.assertProblem(reply, 400, "query_text");
    assertThat(reply.raw().body()).contains("at most 50000 characters");
  }

  // Row 2: artifact_types with 1,000,000 unknown values.

  @Test
  void aMillionArtifactTypesStopAtTheEleventhWithOneBoundedError() throws IOException {
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts/search/similar",
            token,
            "application/json",
            null,
            RawHttp.repeated(
                "{\"query_text\":\"rails\",\"artifact_types\":[\"x\"", ",\"x\"", 999_999, "]}"));
    print("1,000,000 artifact_types, chunked", reply);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.body().length()).isLessThan(2_000);
    JsonNode errors = reply.json().get("errors");
    assertThat(errors.size()).isLessThanOrEqualTo(21);
    assertThat(errors.get(0).get("field").asText()).isEqualTo("artifact_types");
    assertThat(errors.get(0).get("message").asText()).isEqualTo("must have at most 10 items");
  }

  @Test
  void manyFieldErrorsAreCappedAtTwentyAndCounted() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      lines.append("{not json\n");
    }
    Api.Reply reply =
        api.call(
            "POST", "api/v1/artifacts/import", token, "application/x-ndjson", lines.toString());
    Api.assertProblem(reply, 400, "line[1]", "line[20]");
    JsonNode errors = reply.json().get("errors");
    assertThat(errors).hasSize(21);
    assertThat(errors.get(20).get("field").asText()).isEqualTo("errors");
    assertThat(errors.get(20).get("message").asText()).isEqualTo("and 980 more");
  }

  // Row 3: POST /artifacts/import (NDJSON), 100 MB of invalid lines.

  @Test
  void aHundredMegabytesOfInvalidNdjsonLinesAreRefusedByTheirDeclaredLength() throws IOException {
    long times = 100 * MIB / 18;
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts/import",
            token,
            "application/x-ndjson",
            RawHttp.lengthOf("", "{not json at all}\n", times, ""),
            RawHttp.repeated("", "{not json at all}\n", times, ""));
    print("100 MB invalid NDJSON, Content-Length", reply);
    assertTooLarge(reply, "body");
    assertThat(reply.json().at("/errors/0/message").asText()).contains("http.max-import-bytes");
  }

  @Test
  void aHundredMegabytesOfStreamedInvalidNdjsonLinesStopAfterAThousandErrors() throws IOException {
    long before = artifactsOfCaller();
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts/import",
            token,
            "application/x-ndjson",
            null,
            RawHttp.repeated("", "{not json at all}\n", 100 * MIB / 18, ""));
    print("100 MB invalid NDJSON, chunked", reply);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.body().length()).isLessThan(4_000);
    JsonNode errors = reply.json().get("errors");
    assertThat(errors).hasSize(21);
    assertThat(errors.get(0).get("field").asText()).isEqualTo("line[1]");
    assertThat(errors.get(20).get("message").asText()).isEqualTo("and 980 more");
    assertThat(reply.json().get("detail").asText()).contains("reading stopped at line[1001]");
    // the server answered long before the client could push 100 MB into it
    assertThat(reply.bytesSentBefore()).isLessThan(60 * MIB);
    assertThat(artifactsOfCaller()).isEqualTo(before);
  }

  @Test
  void aStreamedImportOverTheImportLimitIsCutThere() throws IOException {
    long before = artifactsOfCaller();
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts/import",
            token,
            "application/x-ndjson",
            null,
            // blank lines are skipped, so only the byte limit can stop this body
            RawHttp.repeated("", "\n", 17 * MIB, ""));
    print("17 MiB NDJSON of blank lines, chunked", reply);
    assertTooLarge(reply, "body");
    assertThat(reply.json().at("/errors/0/message").asText()).contains("http.max-import-bytes");
    assertThat(artifactsOfCaller()).isEqualTo(before);
  }

  @Test
  void anNdjsonLineOverItsLimitIsNamedAndNothingIsImported() throws IOException {
    long before = artifactsOfCaller();
    String valid = "{\"title\":\"Kept only if all is kept\",\"artifact_type\":\"project\"}\n";
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts/import",
            token,
            "application/x-ndjson",
            null,
            RawHttp.repeated(valid + valid + "{\"title\":\"", "x", 3 * MIB, "\"}\n"));
    print("NDJSON with a 3 MB line", reply);
    assertTooLarge(reply, "line[3]");
    assertThat(reply.json().at("/errors/0/message").asText())
        .contains("http.max-ndjson-line-bytes");
    assertThat(artifactsOfCaller()).isEqualTo(before);
  }

  @Test
  void aJsonResumeOfHalfAMillionEmptyEntriesStopsAtTheTokenLimit() throws IOException {
    long before = artifactsOfCaller();
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts/import",
            token,
            "application/json",
            null,
            RawHttp.repeated("{\"work\":[{}", ",{}", 600_000, "]}"));
    print("JSON Resume with 600,000 empty work entries (1.8 MB), chunked", reply);
    assertTooLarge(reply, "body", "JSON tokens");
    assertThat(artifactsOfCaller()).isEqualTo(before);
  }

  @Test
  void oneHugeStringStopsAtTheStringLimitBeforeItsFieldIsValidated() throws IOException {
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts/import",
            token,
            "application/json",
            null,
            RawHttp.repeated("{\"basics\":{\"summary\":\"", "x", 3 * MIB, "\"}}"));
    print("JSON Resume with a 3 MB summary, chunked", reply);
    assertTooLarge(reply, "body", "string longer than");
  }

  @Test
  void deeplyNestedMetadataStopsAtTheNestingLimit() {
    String nested = "[".repeat(150) + "]".repeat(150);
    Api.Reply reply =
        api.call(
            "POST",
            "api/v1/artifacts",
            token,
            "application/json",
            "{\"title\":\"Nested\",\"artifact_type\":\"project\",\"metadata\":{\"x\":"
                + nested
                + "}}");
    Api.assertProblem(reply, 413, "body");
    assertThat(reply.raw().body()).contains("deeper than 100 levels");
  }

  // Findings: arrays that were read whole before their length was checked.

  @Test
  void aMillionNumberQueryEmbeddingStopsAtItsLimit() throws IOException {
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts/search/similar",
            token,
            "application/json",
            null,
            RawHttp.repeated("{\"query_embedding\":[0", ",0", 999_999, "]}"));
    print("1,000,000 query_embedding numbers, chunked", reply);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("query_embedding");
    assertThat(reply.json().at("/errors/0/message").asText())
        .isEqualTo("must have at most 4000 numbers");
  }

  @Test
  void aMillionArtifactIdsStopAtTheirLimit() throws IOException {
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts/rank",
            token,
            "application/json",
            null,
            RawHttp.repeated(
                "{\"job_description\":\"Rails\",\"artifact_ids\":[1", ",1", 999_999, "]}"));
    print("1,000,000 artifact_ids, chunked", reply);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo("artifact_ids");
    assertThat(reply.json().at("/errors/0/message").asText())
        .isEqualTo("must have at most 10000 items");
  }

  @Test
  void anArrayWithinItsLimitStillReadsAndReportsElementErrorsByIndex() {
    Api.Reply reply =
        api.post(
            "api/v1/artifacts/search/similar",
            token,
            Map.of("query_text", "rails", "artifact_types", java.util.List.of("project", "nope")));
    Api.assertProblem(reply, 400, "artifact_types[1]");
    Api.Reply wrongType =
        api.call(
            "POST",
            "api/v1/artifacts/rank",
            token,
            "application/json",
            "{\"job_description\":\"Rails\",\"artifact_ids\":[1,\"x\"]}");
    Api.assertProblem(wrongType, 400, "artifact_ids[1]");
  }

  // Findings: no statement_timeout, no request deadline.

  @Test
  void aStatementOverTheStatementTimeoutAnswers503WithRetryAfter() throws Exception {
    Api.Reply created =
        api.post(
            "api/v1/artifacts",
            token,
            Map.of("title", "Locked by the test", "artifact_type", "project"));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    JsonNode artifact = api.awaitEmbedded(id, token);
    try (Connection lock = TestDatabase.get().connect()) {
      lock.setAutoCommit(false);
      try (PreparedStatement statement =
          lock.prepareStatement("SELECT id FROM artifacts.artifacts WHERE id = ? FOR UPDATE")) {
        // Holds the row so that the update's statement waits past db.statement-timeout-ms.
        statement.setLong(1, id);
        statement.executeQuery().close();
      }
      long started = System.nanoTime();
      Api.Reply reply =
          api.put(
              "api/v1/artifacts/" + id,
              token,
              Map.of(
                  "title",
                  "Changed",
                  "artifact_type",
                  "project",
                  "version",
                  artifact.get("version").asLong()));
      System.out.printf(
          "[limits] update of a locked row: %d in %d ms%n",
          reply.status(), (System.nanoTime() - started) / 1_000_000);
      Api.assertProblem(reply, 503);
      assertThat(reply.header("Retry-After")).isPresent();
      assertThat(reply.raw().body()).contains("db.statement-timeout-ms").doesNotContain("SQL");
      lock.rollback();
    }
  }

  @Test
  void aBodyTricklingInPastTheRequestDeadlineAnswers503WithRetryAfter() throws IOException {
    RawHttp.Reply reply =
        RawHttp.send(
            base,
            "POST",
            "api/v1/artifacts",
            token,
            "application/json",
            10_000L,
            out -> {
              out.write("{\"title\":\"".getBytes(StandardCharsets.UTF_8));
              out.flush();
              for (int i = 0; i < 400; i++) { // one byte every 250 ms: 100 s if nothing stops it
                out.write('x');
                out.flush();
                LockSupport.parkNanos(250_000_000L);
              }
            });
    print("a body trickling in (slowloris)", reply);
    assertThat(reply.status()).as(reply.body()).isEqualTo(503);
    assertThat(reply.header("Retry-After")).isNotBlank();
    assertThat(reply.json().get("detail").asText()).contains("30000 ms");
  }

  private long artifactsOfCaller() {
    return api.get("api/v1/artifacts?size=1", token).json().get("total").asLong();
  }
}
