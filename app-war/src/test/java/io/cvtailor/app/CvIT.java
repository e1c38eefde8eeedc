package io.cvtailor.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tailored CVs over HTTP: relevant, ordered, truthful, with requirement coverage. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CvIT {
  private static final String POSTING =
      """
      Fjordpay is hiring a Senior Backend Engineer for its payments platform.

      What you'll bring
      - Several years building backend services in Kotlin or Java
      - Deep experience with PostgreSQL, from data modelling to query tuning
      - Production experience with Kafka and event-driven systems
      - Experience with Go for high-throughput services

      What we offer
      - Six weeks of vacation
      """;

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;
  private Api api;
  private String token;
  private final Map<String, Long> ids = new HashMap<>();
  private final Map<Long, String> texts = new HashMap<>();

  private void artifact(
      String key,
      String type,
      String title,
      String started,
      String ended,
      String description,
      String content,
      List<String> tags) {
    Map<String, Object> body = new HashMap<>();
    body.put("title", title);
    body.put("artifact_type", type);
    body.put("description", description);
    body.put("content", content);
    body.put("started_on", started);
    body.put("ended_on", ended);
    body.put("tags", tags);
    Api.Reply created = api.post("api/v1/artifacts", token, body);
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    ids.put(key, id);
    texts.put(id, description + "\n" + (content == null ? "" : content));
  }

  @BeforeEach
  void portfolio() {
    if (api != null) {
      return;
    }
    api = new Api(deployment);
    token = api.newUserToken("Ingrid");
    api.put(
        "api/v1/me/profile",
        token,
        Map.of(
            "name",
            "Ingrid Sæther-Øvrebø",
            "headline",
            "Backend engineer",
            "email",
            "ingrid@example.org"));
    artifact(
        "ledger",
        "experience",
        "Backend Engineer, Ledger team",
        "2021-02",
        null,
        "I build the Kotlin services behind our double-entry payment ledger on PostgreSQL.",
        "I designed the ledger's PostgreSQL data model and tuned the PostgreSQL queries that settle a million postings a day. I also moved our payment events to Kafka with a transactional outbox. On weekends I enjoy hiking.",
        List.of("Kotlin", "PostgreSQL", "Kafka"));
    artifact(
        "older",
        "experience",
        "Java Developer",
        "2017-05",
        "2021-01",
        "Java developer on an insurance claims system.",
        "I migrated the claims database from Oracle to PostgreSQL and wrote Spring Boot services.",
        List.of("Java", "Spring Boot"));
    artifact(
        "outbox",
        "project",
        "Kafka outbox relay",
        "2022-03",
        "2022-09",
        "An internal service that publishes events from PostgreSQL to Kafka exactly once per consumer.",
        null,
        List.of("Kafka"));
    artifact(
        "pgtalk",
        "talk",
        "PostgreSQL data modelling and query tuning",
        "2023-04",
        null,
        "A conference talk on PostgreSQL data modelling and query tuning with EXPLAIN ANALYZE.",
        null,
        List.of("PostgreSQL"));
    artifact(
        "railway",
        "volunteer",
        "Model railway club treasurer",
        "2019-01",
        null,
        "Treasurer of the local model railway club; I keep the accounts and organise the spring exhibition.",
        null,
        List.of("bookkeeping"));
    artifact(
        "choir",
        "award",
        "Choir festival gold diploma",
        "2018-05",
        null,
        "Gold diploma with my chamber choir at a national festival.",
        null,
        List.of());
    ids.values().forEach(id -> api.awaitEmbedded(id, token));
  }

  private JsonNode generate(Map<String, Object> body) {
    Api.Reply reply = api.post("api/v1/cvs", token, body);
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
    assertThat(reply.header("Location")).isPresent();
    return reply.json();
  }

  @Test
  void aCvListsRelevantArtifactsWithTheirOwnSentencesAndLeavesOutTheRest() {
    JsonNode cv =
        generate(
            Map.of(
                "job_description",
                POSTING,
                "job_title",
                "Senior Backend Engineer",
                "company",
                "Fjordpay"));
    assertThat(cv.at("/basics/name").asText()).isEqualTo("Ingrid Sæther-Øvrebø");
    List<Long> included = new ArrayList<>();
    for (JsonNode section : cv.get("sections")) {
      for (JsonNode item : section.get("items")) {
        long id = item.get("artifact_id").asLong();
        included.add(id);
        for (JsonNode highlight : item.get("highlights")) {
          assertThat(texts.get(id))
              .as("highlights are the artifact's own words")
              .contains(highlight.asText());
        }
      }
    }
    assertThat(included).contains(ids.get("ledger"), ids.get("older"), ids.get("outbox"));
    assertThat(included).doesNotContain(ids.get("railway"), ids.get("choir"));

    JsonNode experience = cv.get("sections").get(0);
    assertThat(experience.get("name").asText()).isEqualTo("experience");
    assertThat(experience.at("/items/0/artifact_id").asLong()).isEqualTo(ids.get("ledger"));
    assertThat(experience.at("/items/0/dates").asText()).isEqualTo("2021-02 – present");
    assertThat(experience.at("/items/0/highlights").toString()).doesNotContain("hiking");

    List<String> skills = new ArrayList<>();
    cv.get("skills").forEach(s -> skills.add(s.asText()));
    assertThat(skills.subList(0, 4))
        .containsExactlyInAnyOrder("Kotlin", "Java", "PostgreSQL", "Kafka");
    assertThat(skills).doesNotContain("Go");
  }

  @Test
  void coverageMarksWhatTheArtifactsSupportAndWhatIsMissing() {
    JsonNode coverage = generate(Map.of("job_description", POSTING)).get("coverage");
    JsonNode requirements = coverage.get("requirements");
    assertThat(requirements).hasSize(4);
    Map<String, JsonNode> byText = new HashMap<>();
    requirements.forEach(r -> byText.put(r.get("text").asText(), r));
    JsonNode postgres =
        byText.get("Deep experience with PostgreSQL, from data modelling to query tuning");
    assertThat(postgres.get("covered").asBoolean())
        .as(coverage + " " + ids + " " + stored())
        .isTrue();
    assertThat(postgres.get("best_artifact_id").asLong())
        .isIn(ids.get("pgtalk"), ids.get("ledger"), ids.get("older"));
    assertThat(
            byText
                .get("Experience with Go for high-throughput services")
                .get("covered")
                .asBoolean())
        .isFalse();
    assertThat(coverage.get("covered_ratio").asDouble()).isEqualTo(0.75);
  }

  @Test
  void savedCvsCanBeListedReadAndDeletedByTheirOwnerOnly() {
    JsonNode cv =
        generate(
            Map.of(
                "job_description",
                POSTING,
                "job_title",
                "Saved",
                "max_items_per_section",
                1,
                "sections",
                List.of("experience")));
    assertThat(cv.get("sections")).hasSize(1);
    assertThat(cv.at("/sections/0/items")).hasSize(1);
    String id = cv.get("id").asText();
    assertThat(api.get("api/v1/cvs/" + id, token).json().get("job_title").asText())
        .isEqualTo("Saved");
    List<String> listed = new ArrayList<>();
    api.get("api/v1/cvs", token).json().forEach(s -> listed.add(s.get("id").asText()));
    assertThat(listed).contains(id);

    String stranger = api.newUserToken("Stranger");
    assertThat(api.get("api/v1/cvs/" + id, stranger).status()).isEqualTo(404);
    assertThat(api.delete("api/v1/cvs/" + id, stranger).status()).isEqualTo(404);
    assertThat(api.get("api/v1/cvs", stranger).json()).isEmpty();

    assertThat(api.delete("api/v1/cvs/" + id, token).status()).isEqualTo(204);
    assertThat(api.get("api/v1/cvs/" + id, token).status()).isEqualTo(404);
  }

  @Test
  void theSameCvDownloadsAsHtmlPdfMarkdownAndJsonResume() throws Exception {
    JsonNode cv = generate(Map.of("job_description", POSTING, "job_title", "Backend Engineer"));
    String id = cv.get("id").asText();
    Api.Reply html = api.get("api/v1/cvs/" + id + "/html", token);
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.raw().body())
        .contains("Ingrid Sæther-Øvrebø")
        .contains("Backend Engineer, Ledger team");

    var pdf =
        java.net.http.HttpClient.newHttpClient()
            .send(
                api.request("api/v1/cvs/" + id + "/pdf?page_size=letter", token).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    assertThat(pdf.headers().firstValue("Content-Disposition").orElse(""))
        .contains("cv-ingrid-saether-vrebo-backend-engineer.pdf".substring(0, 10));

    Api.Reply markdown = api.get("api/v1/cvs/" + id + "/markdown", token);
    assertThat(markdown.raw().body()).startsWith("# Ingrid Sæther-Øvrebø");
    Api.Reply resume = api.get("api/v1/cvs/" + id + "/json-resume", token);
    assertThat(resume.json().at("/basics/name").asText()).isEqualTo("Ingrid Sæther-Øvrebø");
    assertThat(resume.json().get("work")).isNotEmpty();

    assertThat(api.get("api/v1/cvs/" + id + "/pdf?page_size=a3", token).status()).isEqualTo(400);
    assertThat(api.get("api/v1/cvs/" + id + "/html", api.newUserToken("Other")).status())
        .isEqualTo(404);
  }

  private static String stored() {
    try (var c = io.cvtailor.testsupport.TestDatabase.get().connect();
        var q =
            c.prepareStatement(
                "SELECT artifact_id, user_id, content_type, model_version FROM embeddings.artifact_embeddings ORDER BY 1");
        var rs = q.executeQuery()) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(rs.getLong(1))
            .append('/')
            .append(rs.getLong(2))
            .append('/')
            .append(rs.getString(3))
            .append(' ');
      }
      return b.toString();
    } catch (java.sql.SQLException e) {
      return e.toString();
    }
  }

  @Test
  void badRequestsNameTheField() {
    Map<String, Map<String, Object>> cases = new HashMap<>();
    cases.put("job_description", Map.of("job_title", "x"));
    cases.put("ranking_method", Map.of("job_description", POSTING, "ranking_method", "vibes"));
    cases.put(
        "max_items_per_section", Map.of("job_description", POSTING, "max_items_per_section", 0));
    cases.put("sections[0]", Map.of("job_description", POSTING, "sections", List.of("hobbies")));
    for (var c : cases.entrySet()) {
      Api.Reply reply = api.post("api/v1/cvs", token, c.getValue());
      assertThat(reply.status()).as(c.getKey()).isEqualTo(400);
      assertThat(reply.json().at("/errors/0/field").asText()).isEqualTo(c.getKey());
    }
  }
}
