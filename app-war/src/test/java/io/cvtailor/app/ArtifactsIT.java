package io.cvtailor.app;

import static io.cvtailor.app.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Artifact CRUD over HTTP: limits and validation, optimistic locking, paging and filtering,
 * isolation between users, deletion with embeddings and of whole accounts. (The transaction
 * semantics of the artifact events: probe/TransactionObserversIT.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ArtifactsIT {
  private static final String JSON = "application/json";

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  // ------------------------------------------------------------------------------------------
  // CRUD

  @Test
  void anArtifactIsCreatedReadReplacedAndDeleted() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Crud");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", "  Settlement platform  ");
    body.put("artifact_type", "project");
    body.put("description", "Nightly settlement for card payments.");
    body.put("content", "Partitioned ledgers; PostgreSQL 15; Java 17.");
    body.put("organization", "Baltic Payments");
    body.put("url", "https://example.org/settlement");
    body.put("started_on", "2021-03");
    body.put("ended_on", "2022");
    body.put("tags", List.of("java", " postgresql ", "java"));
    body.put("visibility", "public");
    body.put("metadata", Map.of("team", "ledger", "size", 6));

    Api.Reply created = api.post("api/v1/artifacts", user.token(), body);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    JsonNode artifact = created.json();
    long id = artifact.get("id").asLong();
    assertThat(created.header("Location").orElseThrow()).endsWith("/api/v1/artifacts/" + id);
    assertThat(artifact.get("user_id").asLong()).isEqualTo(user.id());
    assertThat(artifact.get("title").asText()).isEqualTo("Settlement platform");
    assertThat(artifact.get("started_on").asText()).isEqualTo("2021-03");
    assertThat(artifact.get("ended_on").asText()).isEqualTo("2022");
    assertThat(artifact.get("tags")).isEqualTo(Api.tree(List.of("java", "postgresql")));
    assertThat(artifact.get("metadata")).isEqualTo(Api.tree(Map.of("team", "ledger", "size", 6)));
    assertThat(artifact.get("version").asLong()).isEqualTo(1);
    assertThat(artifact.get("content_hash").asText()).hasSize(64);
    assertThat(artifact.get("embedding_status").asText()).isIn("pending", "ready");
    assertThat(artifact.get("created_at").asText()).isNotBlank();
    assertThat(artifact.get("updated_at").asText()).isNotBlank();

    assertThat(stable(api.get("api/v1/artifacts/" + id, user.token()).json()))
        .isEqualTo(stable(artifact));
    assertThat(api.get("api/v1/artifacts/" + id + "/", user.token()).status()).isEqualTo(200);

    body.put("title", "Settlement platform v2");
    body.put("started_on", "2021-03-15");
    body.put("ended_on", null);
    body.put("version", 1);
    Api.Reply replaced = api.put("api/v1/artifacts/" + id, user.token(), body);
    assertThat(replaced.status()).as(replaced.raw().body()).isEqualTo(200);
    assertThat(replaced.json().get("version").asLong()).isEqualTo(2);
    assertThat(replaced.json().get("started_on").asText()).isEqualTo("2021-03-15");
    assertThat(replaced.json().get("ended_on").isNull()).isTrue();
    assertThat(replaced.json().get("content_hash").asText())
        .isNotEqualTo(artifact.get("content_hash").asText());

    assertThat(api.delete("api/v1/artifacts/" + id, user.token()).status()).isEqualTo(204);
    assertProblem(api.get("api/v1/artifacts/" + id, user.token()), 404);
    assertProblem(api.delete("api/v1/artifacts/" + id, user.token()), 404);
  }

  @Test
  void theLimitsAreInclusive() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Limits");
    Map<String, Object> body = new HashMap<>();
    body.put("title", "t".repeat(300));
    body.put("artifact_type", "other");
    body.put("content", "c".repeat(100_000));
    body.put("tags", IntStream.range(0, 50).mapToObj(i -> "tag" + i).toList());
    body.put("started_on", "2020-02-29");
    body.put("ended_on", "2020-02-29");
    Api.Reply created = api.post("api/v1/artifacts", user.token(), body);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    assertThat(created.json().get("tags")).hasSize(50);
    assertThat(created.json().get("content").asText()).hasSize(100_000);
  }

  /** Issue 12: "March 2020" was refused; dates as people write them are stored in ISO form. */
  @Test
  void datesAsPeopleWriteThemAreAcceptedAndNormalised() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Dates");
    Map<String, String> typed =
        Map.of("March 2020", "2020-03", "03/2020", "2020-03", "2020", "2020", "2020-03", "2020-03");
    for (Map.Entry<String, String> date : typed.entrySet()) {
      Api.Reply created =
          api.post(
              "api/v1/artifacts",
              user.token(),
              Map.of(
                  "title",
                  "t",
                  "artifact_type",
                  "skill",
                  "started_on",
                  date.getKey(),
                  "ended_on",
                  "Dec 2024"));
      assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
      assertThat(created.json().get("started_on").asText()).isEqualTo(date.getValue());
      assertThat(created.json().get("ended_on").asText()).isEqualTo("2024-12");
    }
    Api.Reply refused =
        api.post("api/v1/artifacts", user.token(), skill("started_on", "Marchember 2020"));
    assertProblem(refused, 400, "started_on");
    assertThat(refused.raw().body()).contains("March 2020");
  }

  @Test
  void invalidArtifactsAreProblemsNamingTheFieldAndChangeNothing() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Invalid");
    List<Map.Entry<String, Map<String, Object>>> cases =
        List.of(
            Map.entry("title", Map.of("title", "   ", "artifact_type", "skill")),
            Map.entry("title", Map.of("title", "t".repeat(301), "artifact_type", "skill")),
            Map.entry("title", Map.of("title", "nul\u0000", "artifact_type", "skill")),
            Map.entry("artifact_type", Map.of("title", "t", "artifact_type", "job")),
            Map.entry("artifact_type", Map.of("title", "t")),
            Map.entry("content", skill("content", "c".repeat(100_001))),
            Map.entry(
                "tags", skill("tags", IntStream.range(0, 51).mapToObj(i -> "t" + i).toList())),
            Map.entry("tags[1]", skill("tags", List.of("a", " "))),
            Map.entry("started_on", skill("started_on", "2021-13")),
            Map.entry("started_on", skill("started_on", "2021-02-30")),
            Map.entry("ended_on", skill("ended_on", "21-01")),
            Map.entry(
                "ended_on",
                Map.of(
                    "title",
                    "t",
                    "artifact_type",
                    "skill",
                    "started_on",
                    "2021-05",
                    "ended_on",
                    "2021")),
            Map.entry("url", skill("url", "ftp://example.org")),
            Map.entry("url", skill("url", "javascript:alert(1)")),
            Map.entry("visibility", skill("visibility", "secret")),
            Map.entry("metadata", skill("metadata", Map.of("k", "\u0000"))));
    for (Map.Entry<String, Map<String, Object>> c : cases) {
      assertProblem(api.post("api/v1/artifacts", user.token(), c.getValue()), 400, c.getKey());
    }

    // wrong JSON types: problems naming the field, not the JSON provider's own answers
    List<Map.Entry<String, String>> wrongTypes =
        List.of(
            Map.entry("title", "{\"title\": 5, \"artifact_type\": \"skill\"}"),
            Map.entry(
                "tags", "{\"title\": \"t\", \"artifact_type\": \"skill\", \"tags\": \"java\"}"),
            Map.entry(
                "tags[0]", "{\"title\": \"t\", \"artifact_type\": \"skill\", \"tags\": [{}]}"),
            Map.entry(
                "metadata", "{\"title\": \"t\", \"artifact_type\": \"skill\", \"metadata\": [1]}"),
            Map.entry("body", "{\"title\": \"t\", \"artifact_type\": \"skill\""),
            Map.entry("body", "[{\"title\": \"t\", \"artifact_type\": \"skill\"}]"),
            Map.entry("body", "{\"title\": \"t\", \"artifact_type\": \"skill\", \"x\": NaN}"));
    for (Map.Entry<String, String> c : wrongTypes) {
      assertProblem(api.post("api/v1/artifacts", user.token(), c.getValue()), 400, c.getKey());
    }
    assertProblem(api.call("POST", "api/v1/artifacts", user.token(), "text/plain", "title=x"), 415);

    assertThat(api.get("api/v1/artifacts", user.token()).json().get("total").asLong()).isZero();
    assertThat(Db.number("SELECT count(*) FROM artifacts.artifacts WHERE user_id = ?", user.id()))
        .isZero();
  }

  @Test
  void aStaleVersionIsAConflictAndChangesNothing() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Locking");
    long id = create(api, user, "Original", "skill").get("id").asLong();
    Map<String, Object> first =
        Map.of("title", "First edit", "artifact_type", "skill", "version", 1);
    Map<String, Object> second =
        Map.of("title", "Second edit", "artifact_type", "skill", "version", 1);

    assertThat(api.put("api/v1/artifacts/" + id, user.token(), first).status()).isEqualTo(200);
    Api.Reply stale =
        assertProblem(api.put("api/v1/artifacts/" + id, user.token(), second), 409, "version");
    assertThat(stale.json().get("detail").asText()).contains("version 2");
    JsonNode current = api.get("api/v1/artifacts/" + id, user.token()).json();
    assertThat(current.get("title").asText()).isEqualTo("First edit");
    assertThat(current.get("version").asLong()).isEqualTo(2);

    assertProblem(
        api.put(
            "api/v1/artifacts/" + id, user.token(), Map.of("title", "x", "artifact_type", "skill")),
        400,
        "version");
    assertProblem(
        api.put(
            "api/v1/artifacts/" + id,
            user.token(),
            "{\"title\": \"x\", \"artifact_type\": \"skill\", \"version\": \"2\"}"),
        400,
        "version");
    assertProblem(
        api.put(
            "api/v1/artifacts/" + id,
            user.token(),
            Map.of("title", " ", "artifact_type", "skill", "version", 2)),
        400,
        "title");
    assertThat(stable(api.get("api/v1/artifacts/" + id, user.token()).json()))
        .isEqualTo(stable(current));
  }

  @Test
  void listsArePagedAndFilteredByTypeAndText() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Lister");
    create(api, user, "Kotlin backend", "experience");
    create(api, user, "PostgreSQL tuning", "project");
    create(api, user, "100% uptime award", "award");
    create(api, user, "Spring talk", "talk");
    JsonNode tagged =
        api.post(
                "api/v1/artifacts",
                user.token(),
                Map.of(
                    "title", "Data pipeline", "artifact_type", "project", "tags", List.of("Kafka")))
            .json();

    JsonNode all = api.get("api/v1/artifacts", user.token()).json();
    assertThat(all.get("total").asLong()).isEqualTo(5);
    assertThat(all.get("page").asInt()).isZero();
    assertThat(all.get("size").asInt()).isEqualTo(20);
    assertThat(all.get("items").get(0).get("id")).isEqualTo(tagged.get("id")); // newest first

    List<Long> seen = new ArrayList<>();
    for (int page = 0; page < 3; page++) {
      JsonNode one = api.get("api/v1/artifacts?size=2&page=" + page, user.token()).json();
      assertThat(one.get("total").asLong()).isEqualTo(5);
      assertThat(one.get("items")).hasSize(page < 2 ? 2 : 1);
      one.get("items").forEach(i -> seen.add(i.get("id").asLong()));
    }
    assertThat(seen).doesNotHaveDuplicates().hasSize(5);
    assertThat(api.get("api/v1/artifacts?size=2&page=3", user.token()).json().get("items"))
        .isEmpty();

    assertThat(titles(api.get("api/v1/artifacts?type=project", user.token())))
        .containsExactlyInAnyOrder("PostgreSQL tuning", "Data pipeline");
    assertThat(titles(api.get("api/v1/artifacts?q=POSTGRES", user.token())))
        .containsExactly("PostgreSQL tuning");
    assertThat(titles(api.get("api/v1/artifacts?q=kafka", user.token())))
        .containsExactly("Data pipeline");
    assertThat(titles(api.get("api/v1/artifacts?q=100%25", user.token())))
        .containsExactly("100% uptime award");
    assertThat(titles(api.get("api/v1/artifacts?q=%25", user.token())))
        .containsExactly("100% uptime award");
    assertThat(titles(api.get("api/v1/artifacts?type=project&q=data", user.token())))
        .containsExactly("Data pipeline");

    assertProblem(api.get("api/v1/artifacts?type=job", user.token()), 400, "type");
    assertProblem(api.get("api/v1/artifacts?page=-1", user.token()), 400, "page");
    assertProblem(api.get("api/v1/artifacts?size=0", user.token()), 400, "size");
    assertProblem(api.get("api/v1/artifacts?size=201", user.token()), 400, "size");
    assertProblem(api.get("api/v1/artifacts?size=ten", user.token()), 400, "size");
    assertProblem(api.get("api/v1/artifacts?q=%00", user.token()), 400, "q");
  }

  // ------------------------------------------------------------------------------------------
  // Isolation

  @Test
  void anotherUserCanNeitherReadListChangeDeleteExportNorGuessPrivateArtifacts() {
    Api api = new Api(deployment);
    Api.User a = api.newUser("Alice");
    Api.User b = api.newUser("Bob");
    JsonNode secret = create(api, a, "Alice's secret project", "project");
    JsonNode shared =
        api.post(
                "api/v1/artifacts",
                a.token(),
                Map.of(
                    "title",
                    "Alice's public talk",
                    "artifact_type",
                    "talk",
                    "visibility",
                    "public"))
            .json();
    long id = secret.get("id").asLong();
    Map<String, Object> valid =
        Map.of("title", "Taken over", "artifact_type", "project", "version", 1);

    for (long guess : List.of(id, shared.get("id").asLong(), id + 1000, 0L, -1L)) {
      String path = "api/v1/artifacts/" + guess;
      Api.Reply read = assertProblem(api.get(path, b.token()), 404);
      assertThat(read.raw().body()).doesNotContain("Alice");
      assertProblem(api.put(path, b.token(), valid), 404);
      assertProblem(api.put(path, b.token(), Map.of("title", " ")), 404); // not even validated
      assertProblem(api.delete(path, b.token()), 404);
    }
    assertProblem(api.get("api/v1/artifacts/abc", b.token()), 404);

    assertThat(api.get("api/v1/artifacts", b.token()).json().get("total").asLong()).isZero();
    assertThat(api.get("api/v1/artifacts?q=Alice", b.token()).json().get("items")).isEmpty();
    String exported = api.get("api/v1/artifacts/export", b.token()).raw().body();
    assertThat(exported).doesNotContain("Alice");

    assertThat(stable(api.get("api/v1/artifacts/" + id, a.token()).json()))
        .isEqualTo(stable(secret));
    assertThat(api.get("api/v1/artifacts", a.token()).json().get("total").asLong()).isEqualTo(2);
  }

  // ------------------------------------------------------------------------------------------
  // Deletion

  @Test
  void deletingAnArtifactDeletesItsEmbeddings() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Deleter");
    long id =
        api.post(
                "api/v1/artifacts",
                user.token(),
                Map.of(
                    "title", "Search relevance tooling",
                    "artifact_type", "project",
                    "description", "A/B testing service for ranking experiments."))
            .json()
            .get("id")
            .asLong();
    long kept = create(api, user, "Kept artifact", "skill").get("id").asLong();
    api.awaitEmbedded(id, user.token());
    api.awaitEmbedded(kept, user.token());
    String embeddingsOf =
        "SELECT count(*) FROM embeddings.artifact_embeddings WHERE artifact_id = ?";
    assertThat(Db.number(embeddingsOf, id)).isPositive();

    assertThat(api.delete("api/v1/artifacts/" + id, user.token()).status()).isEqualTo(204);

    assertThat(Db.number(embeddingsOf, id)).isZero();
    assertThat(
            Db.number("SELECT count(*) FROM embeddings.embedding_jobs WHERE artifact_id = ?", id))
        .isZero();
    assertThat(Db.number("SELECT count(*) FROM artifacts.artifacts WHERE id = ?", id)).isZero();
    assertThat(Db.number(embeddingsOf, kept)).isPositive();
  }

  @Test
  void deletingTheAccountDeletesEverythingItOwnsAndItsCredentials() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Leaving");
    Api.User neighbour = api.newUser("Staying");
    long id = create(api, user, "Payments platform", "experience").get("id").asLong();
    long neighbours = create(api, neighbour, "Neighbour's work", "experience").get("id").asLong();
    api.awaitEmbedded(id, user.token());
    Api.Session session = api.signInSession(user);
    String cookie = session.cookie();
    String csrf = session.csrf();
    assertThat(
            Db.number(
                "SELECT count(*) FROM embeddings.artifact_embeddings WHERE user_id = ?", user.id()))
        .isPositive();

    assertThat(
            api.call(
                    "POST",
                    "api/v1/me/delete",
                    null,
                    "application/json",
                    "{\"password\": \"" + user.password() + "\"}",
                    "Cookie",
                    cookie,
                    "X-CSRF-Token",
                    csrf)
                .status())
        .isEqualTo(204);

    assertProblem(api.get("api/v1/me", user.token()), 401);
    assertProblem(api.get("api/v1/artifacts/" + id, user.token()), 401);
    assertProblem(api.call("GET", "api/v1/me", null, null, null, "Cookie", cookie), 401);
    assertProblem(
        api.post(
            "api/v1/auth/tokens", null, Map.of("email", user.email(), "password", user.password())),
        401);
    // that attempt counts against this address; other tests' throttling must not see it
    Db.update("DELETE FROM identity.sign_in_counters WHERE account_key = ?", user.email());
    Db.update("DELETE FROM identity.sign_in_counters WHERE scope = 'address'");
    for (String table :
        List.of(
            "artifacts.artifacts",
            "embeddings.artifact_embeddings",
            "identity.api_tokens",
            "identity.credentials",
            "identity.sessions")) {
      assertThat(Db.number("SELECT count(*) FROM " + table + " WHERE user_id = ?", user.id()))
          .as(table)
          .isZero();
    }
    assertThat(Db.number("SELECT count(*) FROM artifacts.users WHERE id = ?", user.id())).isZero();
    assertThat(
            Db.number("SELECT count(*) FROM embeddings.embedding_jobs WHERE artifact_id = ?", id))
        .isZero();
    // nobody else's data went with it, and the address can be registered again
    assertThat(api.get("api/v1/artifacts/" + neighbours, neighbour.token()).status())
        .isEqualTo(200);
    assertThat(
            api.post(
                    "api/v1/auth/register",
                    null,
                    Map.of("email", user.email(), "password", Api.PASSWORD, "display_name", "Back"))
                .status())
        .isEqualTo(201);
  }

  // ------------------------------------------------------------------------------------------

  private static JsonNode create(Api api, Api.User user, String title, String type) {
    Api.Reply created =
        api.post("api/v1/artifacts", user.token(), Map.of("title", title, "artifact_type", type));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    return created.json();
  }

  /** The artifact without its embedding state, which the background worker moves on. */
  private static JsonNode stable(JsonNode artifact) {
    ObjectNode copy = artifact.deepCopy();
    copy.remove(List.of("embedding_status", "embedding_error"));
    return copy;
  }

  private static Map<String, Object> skill(String field, Object value) {
    return Map.of("title", "t", "artifact_type", "skill", field, value);
  }

  private static List<String> titles(Api.Reply list) {
    assertThat(list.status()).as(list.raw().body()).isEqualTo(200);
    List<String> titles = new ArrayList<>();
    list.json().get("items").forEach(i -> titles.add(i.get("title").asText()));
    return titles;
  }
}
