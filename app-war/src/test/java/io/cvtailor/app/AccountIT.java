package io.cvtailor.app;

import static io.cvtailor.app.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvtailor.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 15 items 4 and 5 over HTTP against the real WAR and database: the audit trail ({@code GET
 * /me/activity}), the account export ({@code GET /me/export}) and account deletion with the
 * password asked again ({@code POST /me/delete}), after which nothing in any table points at the
 * person.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SCHEMAS = {
    "artifacts", "embeddings", "search", "cv", "identity", "documents"
  };

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  private final List<String> emails = new ArrayList<>();

  @AfterEach
  void forgetThrottling() {
    // the wrong passwords below count against this address; other tests must not see them
    for (String email : emails) {
      Db.update("DELETE FROM identity.sign_in_counters WHERE account_key = ?", email);
    }
    Db.update("DELETE FROM identity.sign_in_counters WHERE scope = 'address'");
  }

  // ------------------------------------------------------------------------------------------
  // Audit trail

  @Test
  void theActivityListsSignInsTokensExportsAndImportsNewestFirstWithWhereFrom() throws Exception {
    Api api = new Api(deployment);
    Api.User user = newUser(api, "Audited");
    Api.User other = newUser(api, "Unrelated");

    // a wrong password for an existing account is recorded, though that request fails
    assertProblem(
        api.send(
            api.request("api/v1/auth/tokens", null)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Guesser/1.0")
                .POST(body(Map.of("email", user.email(), "password", "not the password")))),
        401,
        "password");
    // a web session: sign-in and sign-out, from a browser with an over-long user agent
    String longAgent = "Mozilla/5.0 " + "x".repeat(300);
    Api.Reply session =
        api.send(
            api.request("api/v1/auth/session", null)
                .header("Content-Type", "application/json")
                .header("User-Agent", longAgent)
                .POST(body(Map.of("email", user.email(), "password", user.password()))));
    assertThat(session.status()).as(session.raw().body()).isEqualTo(200);
    String cookie = session.header("Set-Cookie").orElseThrow().split(";", 2)[0];
    String csrf = session.json().get("csrf_token").asText();
    assertThat(
            api.call(
                    "DELETE",
                    "api/v1/auth/session",
                    null,
                    null,
                    null,
                    "Cookie",
                    cookie,
                    "X-CSRF-Token",
                    csrf)
                .status())
        .isEqualTo(204);
    // a second token, revoked
    Api.Reply second =
        api.post(
            "api/v1/auth/tokens",
            null,
            Map.of("email", user.email(), "password", user.password(), "name", "laptop"));
    assertThat(second.status()).isEqualTo(201);
    String secondId = second.json().get("token_id").asText();
    assertThat(api.delete("api/v1/auth/tokens/" + secondId, user.token()).status()).isEqualTo(204);
    // an import and an export
    Api.Reply imported =
        api.call(
            "POST",
            "api/v1/artifacts/import",
            user.token(),
            "application/x-ndjson",
            "{\"artifact_type\":\"project\",\"title\":\"Audited import\"}\n");
    assertThat(imported.status()).as(imported.raw().body()).isEqualTo(201);
    assertThat(exportArchive(api, user).keySet()).contains("activity.ndjson");

    List<JsonNode> events = new ArrayList<>();
    api.get("api/v1/me/activity?limit=100", user.token()).json().get("events").forEach(events::add);
    assertThat(events.stream().map(e -> e.get("event").asText()).toList())
        .containsExactly(
            "export",
            "import",
            "token-revoked",
            "token-created",
            "sign-in",
            "sign-out",
            "sign-in",
            "sign-in-failed",
            "token-created",
            "sign-in");
    assertThat(events.get(1).at("/detail/created").asInt()).isEqualTo(1);
    assertThat(events.get(2).at("/detail/token_id").asText()).isEqualTo(secondId);
    assertThat(events.get(3).at("/detail/name").asText()).isEqualTo("laptop");
    assertThat(events.get(6).at("/detail/via").asText()).isEqualTo("web session");
    assertThat(events.get(9).at("/detail/via").asText()).isEqualTo("api token");
    // every request came from this test's own address (the peer: it is no trusted proxy here)
    String address = events.get(0).get("address").asText();
    assertThat(address).isNotBlank();
    for (JsonNode event : events) {
      assertThat(event.get("address").asText()).as(event.toString()).isEqualTo(address);
      assertThat(event.get("occurred_at").asText()).isNotBlank();
    }
    assertThat(events.get(7).get("user_agent").asText()).isEqualTo("Guesser/1.0");
    assertThat(events.get(6).get("user_agent").asText()).hasSize(200).startsWith("Mozilla/5.0 x");
    assertThat(events.get(5).get("user_agent").asText()).doesNotStartWith("Mozilla");

    // pages of 3 walk the same list without gaps or repeats
    List<Long> paged = new ArrayList<>();
    String before = null;
    for (int i = 0; i < 10; i++) {
      JsonNode page =
          api.get(
                  "api/v1/me/activity?limit=3" + (before == null ? "" : "&before=" + before),
                  user.token())
              .json();
      assertThat(page.get("events").size()).isLessThanOrEqualTo(3);
      page.get("events").forEach(e -> paged.add(e.get("id").asLong()));
      if (page.get("next_before").isNull()) {
        break;
      }
      before = page.get("next_before").asText();
    }
    assertThat(paged).isEqualTo(events.stream().map(e -> e.get("id").asLong()).toList());

    // the limit is bounded; a bad cursor is named
    for (String limit : List.of("0", "101", "many")) {
      assertProblem(api.get("api/v1/me/activity?limit=" + limit, user.token()), 400, "limit");
    }
    assertProblem(api.get("api/v1/me/activity?before=-4", user.token()), 400, "before");
    assertProblem(api.get("api/v1/me/activity", null), 401);

    // another person sees only their own sign-in and token
    List<String> theirs = new ArrayList<>();
    api.get("api/v1/me/activity", other.token())
        .json()
        .get("events")
        .forEach(e -> theirs.add(e.get("event").asText()));
    assertThat(theirs).containsExactly("token-created", "sign-in");

    // a wrong password for an address that is no account leaves no record at all
    long before1 = Db.number("SELECT count(*) FROM identity.audit_events");
    String nobody = "nobody-" + java.util.UUID.randomUUID() + "@example.org";
    emails.add(nobody);
    assertProblem(
        api.post("api/v1/auth/tokens", null, Map.of("email", nobody, "password", "whatever1234")),
        401);
    assertThat(Db.number("SELECT count(*) FROM identity.audit_events")).isEqualTo(before1);
  }

  // ------------------------------------------------------------------------------------------
  // Export

  @Test
  void theExportHoldsEveryPartOfThePersonAndNothingOfAnother() throws Exception {
    Api api = new Api(deployment);
    Api.User user = newUser(api, "Exporter");
    Api.User neighbour = newUser(api, "Neighbour");
    Api.Reply profile =
        api.put(
            "api/v1/me/profile",
            user.token(),
            Map.of("name", "Exporter Person", "headline", "Database engineer"));
    assertThat(profile.status()).as(profile.raw().body()).isEqualTo(200);
    long tuning =
        create(
            api,
            user,
            "PostgreSQL query tuning for a payments platform",
            "Tuned PostgreSQL queries and indexes for a payments platform, cutting p95 latency"
                + " from 800 ms to 90 ms. Designed the schema and partitioning of the ledger.");
    long migration =
        create(
            api,
            user,
            "Oracle to PostgreSQL migration",
            "Led the migration of the billing database from Oracle to PostgreSQL with zero"
                + " downtime, rewriting 300 stored procedures.");
    long secret =
        create(api, neighbour, "Neighbour's secret project", "Nothing the exporter may see.");
    api.awaitEmbedded(tuning, user.token());
    api.awaitEmbedded(migration, user.token());
    Api.Reply cv =
        api.post(
            "api/v1/cvs",
            user.token(),
            Map.of(
                "job_description",
                "Database engineer. You tune PostgreSQL queries and indexes, plan schema changes"
                    + " and migrate databases to PostgreSQL.",
                "job_title",
                "Database engineer",
                "company",
                "Ledgerly"));
    assertThat(cv.status()).as(cv.raw().body()).isEqualTo(201);
    String cvId = cv.json().get("id").asText();
    Api.Reply proposal =
        api.send(
            api.request("api/v1/imports", user.token())
                .header("Content-Type", "text/plain")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "Exporter Person\n\nEXPERIENCE\n\nDatabase engineer, Ledgerly\n"
                            + "2019 - 2023\nTuned PostgreSQL for payments.\n")));
    assertThat(proposal.status()).as(proposal.raw().body()).isEqualTo(201);
    String proposalId = proposal.json().get("id").asText();

    Map<String, String> archive = exportArchive(api, user);

    assertThat(archive.keySet())
        .contains(
            "account.json",
            "resume.json",
            "artifacts.ndjson",
            "cvs/" + cvId + ".json",
            "import-proposals/" + proposalId + ".json",
            "tokens.json",
            "sessions.json",
            "activity.ndjson");
    JsonNode account = JSON.readTree(archive.get("account.json"));
    assertThat(account.get("email").asText()).isEqualTo(user.email());
    assertThat(account.at("/profile/headline").asText()).isEqualTo("Database engineer");
    assertThat(JSON.readTree(archive.get("resume.json")).at("/basics/name").asText())
        .isEqualTo("Exporter Person");
    List<String> lines = archive.get("artifacts.ndjson").lines().toList();
    assertThat(lines).hasSize(2);
    List<Long> ids = new ArrayList<>();
    for (String line : lines) {
      JsonNode artifact = JSON.readTree(line);
      ids.add(artifact.get("id").asLong());
      assertThat(api.get("api/v1/artifacts/" + artifact.get("id").asLong(), user.token()).json())
          .as("the archive holds the artifact as the API shows it")
          .isEqualTo(artifact);
    }
    assertThat(ids).containsExactlyInAnyOrder(tuning, migration);
    JsonNode savedCv = JSON.readTree(archive.get("cvs/" + cvId + ".json"));
    assertThat(savedCv.get("job_description").asText()).contains("tune PostgreSQL queries");
    assertThat(savedCv.get("company").asText()).isEqualTo("Ledgerly");
    assertThat(JSON.readTree(archive.get("import-proposals/" + proposalId + ".json")).toString())
        .contains("Tuned PostgreSQL for payments.");
    JsonNode tokens = JSON.readTree(archive.get("tokens.json"));
    assertThat(tokens).hasSize(1);
    assertThat(tokens.get(0).get("token_id").asText()).isEqualTo(user.tokenId());
    assertThat(tokens.get(0).get("name").asText()).isEqualTo("tests");
    assertThat(archive.get("activity.ndjson")).contains("\"sign-in\"").contains("\"export\"");

    // never a secret, never anything of the neighbour
    String everything = String.join("\n", archive.values());
    String tokenHash =
        Db.text("SELECT token_hash FROM identity.api_tokens WHERE user_id = ?", user.id());
    assertThat(everything)
        .doesNotContain(user.token())
        .doesNotContain(tokenHash)
        .doesNotContain(
            Db.text("SELECT password_hash FROM identity.credentials WHERE user_id = ?", user.id()))
        .doesNotContain("Neighbour's secret project")
        .doesNotContain(neighbour.email());
    assertThat(api.get("api/v1/artifacts/" + secret, neighbour.token()).status()).isEqualTo(200);
    assertProblem(api.get("api/v1/me/export", null), 401);
  }

  // ------------------------------------------------------------------------------------------
  // Deletion

  @Test
  void deletingTheAccountAsksForThePasswordAndLeavesNothingThatPointsAtThePerson()
      throws Exception {
    Api api = new Api(deployment);
    Api.User user = newUser(api, "Leaving");
    Api.User neighbour = newUser(api, "Remaining");
    long artifact =
        create(
            api,
            user,
            "Kafka event pipeline",
            "Built the Kafka pipeline that moved order events between twelve services.");
    long neighbours = create(api, neighbour, "Neighbour's pipeline", "Stays where it is.");
    api.awaitEmbedded(artifact, user.token());
    Api.Reply cv =
        api.post(
            "api/v1/cvs",
            user.token(),
            Map.of("job_description", "Engineer to build Kafka event pipelines between services."));
    assertThat(cv.status()).as(cv.raw().body()).isEqualTo(201);
    Api.Reply proposal =
        api.send(
            api.request("api/v1/imports", user.token())
                .header("Content-Type", "text/plain")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "Leaving\n\nEXPERIENCE\n\nEngineer, Streams Ltd\n2020 - 2022\n"
                            + "Built pipelines.\n")));
    assertThat(proposal.status()).as(proposal.raw().body()).isEqualTo(201);
    Api.Session session = api.signInSession(user);
    String cookie = session.cookie();
    String csrf = session.csrf();
    exportArchive(api, user);
    // a failed sign-in: throttling rows keyed by the e-mail address
    assertProblem(
        api.post(
            "api/v1/auth/tokens", null, Map.of("email", user.email(), "password", "wrong-one-1")),
        401);
    assertThat(
            Db.number(
                "SELECT count(*) FROM identity.sign_in_counters WHERE account_key = ?",
                user.email()))
        .isPositive();
    assertThat(referencesTo(user)).as("what the person has before").isNotEmpty();
    long deletionsBefore = Db.number("SELECT count(*) FROM identity.account_deletions");

    // without the password, or with a wrong one: nothing is deleted
    assertProblem(api.delete("api/v1/me", user.token()), 400, "password");
    assertProblem(api.post("api/v1/me/delete", user.token(), ""), 400, "password");
    // a DELETE carrying the password is refused by Payara's listener before the application sees
    // it (allow-payload-for-undefined-http-methods is off), hence POST /me/delete
    assertThat(
            api.call(
                    "DELETE",
                    "api/v1/me",
                    user.token(),
                    "application/json",
                    JSON.writeValueAsString(Map.of("password", user.password())))
                .status())
        .isEqualTo(400);
    assertProblem(deleteMe(api, user.token(), "{}"), 400, "password");
    assertProblem(deleteMe(api, user.token(), "{\"password\": \"\"}"), 400, "password");
    assertProblem(
        deleteMe(api, user.token(), "{\"password\": \"not it at all\"}"), 403, "password");
    assertProblem(
        api.call(
            "POST",
            "api/v1/me/delete",
            null,
            "application/json",
            "{\"password\": \"also wrong!\"}",
            "Cookie",
            cookie,
            "X-CSRF-Token",
            csrf),
        403,
        "password");
    assertThat(api.get("api/v1/me", user.token()).status()).isEqualTo(200);
    assertThat(api.get("api/v1/artifacts/" + artifact, user.token()).status()).isEqualTo(200);
    assertThat(api.get("api/v1/me/activity?limit=100", user.token()).json().toString())
        .contains("account deletion");

    // with it, through the web session as the UI does
    Api.Reply deleted =
        api.call(
            "POST",
            "api/v1/me/delete",
            null,
            "application/json",
            JSON.writeValueAsString(Map.of("password", user.password())),
            "Cookie",
            cookie,
            "X-CSRF-Token",
            csrf);
    assertThat(deleted.status()).as(deleted.raw().body()).isEqualTo(204);

    assertThat(referencesTo(user)).as("rows that still point at the person").isEmpty();
    assertThat(Db.number("SELECT count(*) FROM identity.account_deletions"))
        .isEqualTo(deletionsBefore + 1);
    assertProblem(api.get("api/v1/me", user.token()), 401);
    assertProblem(api.call("GET", "api/v1/me", null, null, null, "Cookie", cookie), 401);
    assertThat(api.get("api/v1/artifacts/" + neighbours, neighbour.token()).status())
        .isEqualTo(200);
    assertThat(api.get("api/v1/me/activity", neighbour.token()).json().get("events").size())
        .isEqualTo(2);
  }

  /**
   * Every row of the application's schemas that points at the person: a {@code user_id} (or the
   * users table's id) equal to theirs, or any text, JSON or character column holding their e-mail
   * address. The columns come from information_schema, so a table added later is covered too.
   */
  private static List<String> referencesTo(Api.User user) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection c = TestDatabase.get().connect()) {
      List<String[]> columns = new ArrayList<>();
      try (PreparedStatement list =
          c.prepareStatement(
              """
              SELECT c.table_schema, c.table_name, c.column_name, c.data_type
              FROM information_schema.columns c
              JOIN information_schema.tables t
                ON t.table_schema = c.table_schema AND t.table_name = c.table_name
              WHERE c.table_schema = ANY (?) AND t.table_type = 'BASE TABLE'
                AND (c.column_name = 'user_id'
                     OR (c.table_name = 'users' AND c.column_name = 'id')
                     OR c.data_type IN ('text', 'jsonb', 'json', 'character', 'character varying'))
              """)) {
        list.setArray(1, c.createArrayOf("text", SCHEMAS));
        try (ResultSet rs = list.executeQuery()) {
          while (rs.next()) {
            columns.add(
                new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
          }
        }
      }
      assertThat(columns).as("user_id columns found").anyMatch(col -> col[2].equals("user_id"));
      for (String[] col : columns) {
        String table = "\"" + col[0] + "\".\"" + col[1] + "\"";
        String column = "\"" + col[2] + "\"";
        boolean byId = col[2].equals("user_id") || (col[1].equals("users") && col[2].equals("id"));
        String sql =
            byId
                ? "SELECT count(*) FROM " + table + " WHERE " + column + " = ?"
                : "SELECT count(*) FROM "
                    + table
                    + " WHERE strpos(lower("
                    + column
                    + "::text), ?) > 0";
        try (PreparedStatement count = c.prepareStatement(sql)) {
          if (byId) {
            count.setLong(1, user.id());
          } else {
            count.setString(1, user.email().toLowerCase());
          }
          try (ResultSet rs = count.executeQuery()) {
            rs.next();
            if (rs.getLong(1) > 0) {
              found.add(col[0] + "." + col[1] + "." + col[2] + " (" + rs.getLong(1) + ")");
            }
          }
        }
      }
      // the shared rate-limit buckets name the user by id (only with rate-limit.store=postgresql)
      try (PreparedStatement buckets =
          c.prepareStatement("SELECT count(*) FROM identity.rate_limit_buckets WHERE id LIKE ?")) {
        buckets.setString(1, "%:u:" + user.id());
        try (ResultSet rs = buckets.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            found.add("identity.rate_limit_buckets.id (" + rs.getLong(1) + ")");
          }
        }
      }
    }
    return found;
  }

  // ------------------------------------------------------------------------------------------

  private Api.User newUser(Api api, String name) {
    Api.User user = api.newUser(name);
    emails.add(user.email());
    return user;
  }

  private static Api.Reply deleteMe(Api api, String token, String body) {
    return api.call("POST", "api/v1/me/delete", token, "application/json", body);
  }

  private static long create(Api api, Api.User user, String title, String content) {
    Map<String, Object> artifact = new LinkedHashMap<>();
    artifact.put("artifact_type", "experience");
    artifact.put("title", title);
    artifact.put("content", content);
    Api.Reply reply = api.post("api/v1/artifacts", user.token(), artifact);
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
    return reply.json().get("id").asLong();
  }

  /** GET /me/export, unpacked: entry name to its text. */
  private static Map<String, String> exportArchive(Api api, Api.User user) throws IOException {
    HttpResponse<byte[]> response;
    try {
      response =
          java.net.http.HttpClient.newBuilder()
              .version(java.net.http.HttpClient.Version.HTTP_1_1)
              .build()
              .send(
                  api.request("api/v1/me/export", user.token()).GET().build(),
                  HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/zip");
    assertThat(response.headers().firstValue("Content-Disposition").orElse(""))
        .startsWith("attachment; filename=\"cvtailor-export-");
    Map<String, String> entries = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(response.body()))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        entries.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return entries;
  }

  private static HttpRequest.BodyPublisher body(Object value) throws IOException {
    return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
  }
}
