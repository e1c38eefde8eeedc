package io.cvtailor.app;

import static io.cvtailor.app.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * Issue 12 items 2–4 over HTTP on the demo portfolio (app-war/src/main/resources/demo/): a CV worth
 * sending (no near-duplicate bullets, no skill the posting or the person's skill artifacts do not
 * support, no narrative aside, education kept, title and company from the posting), a refusal for
 * an unrelated posting, and editing (PATCH, regenerate) that every export renders.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CvEditingIT {
  /** The same threshold the application uses (cv.near-duplicate-similarity). */
  private static final double NEAR_DUPLICATE = 0.7;

  private static final String UNRELATED =
      """
      Paediatric Nurse at St. Olav Children's Hospital

      We are looking for a registered paediatric nurse for our neonatal ward.

      Requirements
      - Registered nurse licence with a paediatric specialisation
      - Experience with neonatal intensive care and ventilated infants
      - Medication administration and dosage calculation for children
      - Family-centred care and communication with worried parents
      - Basic and advanced paediatric life support certification
      """;

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;
  private Api api;
  private String token;
  private String posting;
  private JsonNode resume;

  @BeforeEach
  void demoPortfolio() throws Exception {
    if (api != null) {
      return;
    }
    api = new Api(deployment);
    token = api.newUserToken("Mara");
    String json = Samples.demo("resume.json");
    resume = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    Api.Reply imported = api.post("api/v1/artifacts/import", token, json);
    assertThat(imported.status()).as(imported.raw().body()).isIn(200, 201);
    posting = Samples.demo("job-posting.txt");
    Api.Reply all = api.get("api/v1/artifacts?size=100", token);
    JsonNode items = all.json().has("items") ? all.json().get("items") : all.json();
    for (JsonNode a : items) {
      api.awaitEmbedded(a.get("id").asLong(), token);
    }
  }

  private JsonNode generate() {
    Api.Reply reply = api.post("api/v1/cvs", token, Map.of("job_description", posting));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
    return reply.json();
  }

  private static List<String> bullets(JsonNode cv) {
    List<String> bullets = new ArrayList<>();
    for (JsonNode section : cv.get("sections")) {
      for (JsonNode item : section.get("items")) {
        if (!item.path("excluded").asBoolean() && !section.path("excluded").asBoolean()) {
          item.get("highlights").forEach(h -> bullets.add(h.asText()));
        }
      }
    }
    return bullets;
  }

  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() > 2) {
        words.add(w);
      }
    }
    return words;
  }

  /** Skills the person declared: skill entries' keywords, or the name of one without keywords. */
  private Set<String> declaredSkills() {
    Set<String> declared = new HashSet<>();
    for (JsonNode skill : resume.get("skills")) {
      if (skill.path("keywords").isEmpty()) {
        declared.add(skill.get("name").asText().toLowerCase(Locale.ROOT));
      }
      skill.path("keywords").forEach(k -> declared.add(k.asText().toLowerCase(Locale.ROOT)));
    }
    return declared;
  }

  /**
   * Issue 12: the Oracle→PostgreSQL migration twice, "Backend languages" and woodworking tags
   * beside Kotlin. On the former code this failed (near-duplicate pairs and unsupported skills).
   */
  @Test
  void theDemoCvHasNoNearDuplicateBulletsAndOnlySupportedSkills() {
    JsonNode cv = generate();
    List<String> bullets = bullets(cv);
    assertThat(bullets).isNotEmpty();
    // Every problem is collected first, so a run on the former code reports them all.
    List<String> problems = new ArrayList<>();
    var model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    List<Embedding> vectors = new ArrayList<>();
    bullets.forEach(b -> vectors.add(model.embed(b).content()));
    double maxCosine = -1;
    for (int i = 0; i < bullets.size(); i++) {
      for (int j = i + 1; j < bullets.size(); j++) {
        double cosine =
            dev.langchain4j.store.embedding.CosineSimilarity.between(
                vectors.get(i), vectors.get(j));
        maxCosine = Math.max(maxCosine, cosine);
        Set<String> a = words(bullets.get(i));
        Set<String> b = words(bullets.get(j));
        Set<String> shared = new HashSet<>(a);
        shared.retainAll(b);
        if (cosine >= NEAR_DUPLICATE
            || shared.size() >= Math.ceil(0.8 * Math.min(a.size(), b.size()))) {
          problems.add(
              String.format(
                  "near-duplicate bullets (cosine %.3f):%n  %s%n  %s",
                  cosine, bullets.get(i), bullets.get(j)));
        }
      }
    }
    // The examples: the Oracle→PostgreSQL migration twice, RabbitMQ→Kafka twice.
    for (String told : List.of("from oracle to postgresql", "from rabbitmq to kafka")) {
      List<String> telling =
          bullets.stream().filter(b -> b.toLowerCase(Locale.ROOT).contains(told)).toList();
      if (telling.size() > 1) {
        problems.add("told " + telling.size() + " times: " + telling);
      }
    }
    for (String bullet : bullets) {
      String lower = bullet.toLowerCase(Locale.ROOT);
      if (lower.contains("my first time") || lower.startsWith("after a year")) {
        problems.add("narrative bullet: " + bullet);
      }
    }
    Set<String> declared = declaredSkills();
    String lowerPosting = posting.toLowerCase(Locale.ROOT);
    List<String> skills = new ArrayList<>();
    cv.get("skills").forEach(s -> skills.add(s.asText()));
    for (String skill : skills) {
      String key = skill.toLowerCase(Locale.ROOT);
      if (!declared.contains(key) && !lowerPosting.contains(key)) {
        problems.add("skill neither in the posting nor declared: " + skill);
      }
    }
    System.out.printf(
        "[cv-quality] demo CV: %d bullets, highest pairwise cosine %.3f, %d skills %s, %d problems%n",
        bullets.size(), maxCosine, skills.size(), skills, problems.size());
    assertThat(problems).isEmpty();
    assertThat(skills).isNotEmpty();
    // Context and sections people expect.
    assertThat(cv.get("job_title").asText())
        .isEqualTo("Senior Backend Engineer, Payments Platform");
    assertThat(cv.get("company").asText()).isEqualTo("Tallbacka Pay");
    assertThat(cv.get("name").asText())
        .startsWith("Senior Backend Engineer, Payments Platform — Tallbacka Pay, 20");
    assertThat(cv.get("job_description").asText()).isEqualTo(posting);
    List<String> sections = new ArrayList<>();
    cv.get("sections").forEach(s -> sections.add(s.get("name").asText()));
    assertThat(sections).contains("experience", "education");
  }

  /** The same checks on an unrelated posting: no CV at all, a 422 saying why. */
  @Test
  void anUnrelatedPostingIsRefusedWithAClearProblem() {
    int before = api.get("api/v1/cvs", token).json().size();
    Api.Reply reply = api.post("api/v1/cvs", token, Map.of("job_description", UNRELATED));
    assertProblem(reply, 422, "job_description");
    assertThat(reply.json().get("detail").asText()).contains("relevant");
    assertThat(api.get("api/v1/cvs", token).json()).hasSize(before);
  }

  @Test
  void contextIsProposedFromThePosting() {
    Api.Reply reply = api.post("api/v1/cvs/context", token, Map.of("job_description", UNRELATED));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    assertThat(reply.json().get("job_title").asText()).isEqualTo("Paediatric Nurse");
    assertThat(reply.json().get("company").asText()).isEqualTo("St. Olav Children's Hospital");
  }

  private Api.Reply patch(String id, String user, Object body) {
    return api.call(
        "PATCH", "api/v1/cvs/" + id, user, "application/json", Api.tree(body).toString());
  }

  private static JsonNode section(JsonNode cv, String name) {
    for (JsonNode s : cv.get("sections")) {
      if (s.get("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no section " + name + " in " + cv);
  }

  private String download(String id, String format) {
    Api.Reply reply = api.get("api/v1/cvs/" + id + "/" + format, token);
    assertThat(reply.status()).as(format).isEqualTo(200);
    return reply.raw().body();
  }

  private byte[] bytes(String id, String format) throws Exception {
    HttpResponse<byte[]> reply =
        java.net.http.HttpClient.newHttpClient()
            .send(
                api.request("api/v1/cvs/" + id + "/" + format, token).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Disposition").orElse(""))
        .contains("filename=\"cv-mara-lindqvist-tallbacka-pay-backend-engineer.");
    return reply.body();
  }

  /**
   * Exclude, pin at the top, choose and reword a bullet, reorder sections, rename: the answer,
   * every export and a regeneration all keep the choices; the reworded bullet stays linked to its
   * source.
   */
  @Test
  void editsAreRenderedByEveryExportAndSurviveRegeneration() throws Exception {
    JsonNode cv = generate();
    String id = cv.get("id").asText();
    JsonNode experience = section(cv, "experience");
    assertThat(experience.get("items").size()).isGreaterThanOrEqualTo(3);
    JsonNode first = experience.at("/items/0");
    JsonNode second = experience.at("/items/1");
    JsonNode last = experience.at("/items/" + (experience.get("items").size() - 1));
    long firstId = first.get("artifact_id").asLong();
    long secondId = second.get("artifact_id").asLong();
    long lastId = last.get("artifact_id").asLong();

    Api.Reply own = api.get("api/v1/cvs/" + id + "/artifacts/" + firstId + "/sentences", token);
    assertThat(own.status()).as(own.raw().body()).isEqualTo(200);
    List<String> sentences = new ArrayList<>();
    own.json().get("sentences").forEach(s -> sentences.add(s.asText()));
    assertThat(sentences).hasSizeGreaterThan(2);
    String chosen = sentences.get(sentences.size() - 1);
    String kept = sentences.get(0);
    String reworded = "Reworded by Mara: " + chosen.substring(0, Math.min(60, chosen.length()));

    Map<String, Object> edits = new HashMap<>();
    edits.put("job_title", "Backend Engineer");
    edits.put("section_order", List.of("education", "experience"));
    edits.put(
        "items",
        List.of(
            Map.of("artifact_id", secondId, "included", false),
            Map.of("artifact_id", lastId, "pinned", true, "position", 0),
            Map.of(
                "artifact_id",
                firstId,
                "bullets",
                List.of(Map.of("source", chosen, "text", reworded), Map.of("source", kept)))));
    Api.Reply edited = patch(id, token, edits);
    assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);
    checkEdited(edited.json(), firstId, secondId, lastId, chosen, reworded, kept);
    checkEdited(
        api.get("api/v1/cvs/" + id, token).json(),
        firstId,
        secondId,
        lastId,
        chosen,
        reworded,
        kept);
    assertThat(
            api.get("api/v1/cvs", token).json().findValuesAsText("name").stream()
                .anyMatch(n -> n.startsWith("Backend Engineer — Tallbacka Pay, 20")))
        .isTrue();

    String secondTitle = second.get("title").asText();
    for (String format : List.of("html", "markdown", "text", "json-resume")) {
      String body = download(id, format);
      assertThat(body).as(format).contains("Reworded by Mara").doesNotContain(secondTitle);
    }
    String markdown = download(id, "markdown");
    assertThat(markdown.indexOf("Education")).isLessThan(markdown.indexOf("Experience"));
    assertThat(markdown.indexOf(last.get("title").asText()))
        .isLessThan(markdown.indexOf(first.get("title").asText()));
    try (var docx =
        new org.apache.poi.xwpf.usermodel.XWPFDocument(
            new java.io.ByteArrayInputStream(bytes(id, "docx")))) {
      StringBuilder text = new StringBuilder();
      docx.getParagraphs().forEach(p -> text.append(p.getText()).append('\n'));
      assertThat(text.toString()).contains("Reworded by Mara").doesNotContain(secondTitle);
    }
    try (var pdf = org.apache.pdfbox.Loader.loadPDF(bytes(id, "pdf"))) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
      assertThat(text.replaceAll("\\s+", " ")).contains("Reworded by Mara");
    }

    Api.Reply regenerated = api.post("api/v1/cvs/" + id + "/regenerate", token, Map.of());
    assertThat(regenerated.status()).as(regenerated.raw().body()).isEqualTo(200);
    assertThat(regenerated.json().get("id").asText()).isEqualTo(id);
    checkEdited(regenerated.json(), firstId, secondId, lastId, chosen, reworded, kept);
    assertThat(download(id, "text")).contains("Reworded by Mara").doesNotContain(secondTitle);
  }

  private static void checkEdited(
      JsonNode cv,
      long firstId,
      long secondId,
      long lastId,
      String chosen,
      String reworded,
      String kept) {
    assertThat(cv.get("job_title").asText()).isEqualTo("Backend Engineer");
    assertThat(cv.get("company").asText()).isEqualTo("Tallbacka Pay");
    assertThat(cv.at("/sections/0/name").asText()).isEqualTo("education");
    JsonNode experience = section(cv, "experience");
    Map<Long, JsonNode> byId = new HashMap<>();
    experience.get("items").forEach(i -> byId.put(i.get("artifact_id").asLong(), i));
    assertThat(experience.at("/items/0/artifact_id").asLong()).isEqualTo(lastId);
    assertThat(experience.at("/items/0/pinned").asBoolean()).isTrue();
    assertThat(byId.get(secondId).get("excluded").asBoolean()).isTrue();
    JsonNode first = byId.get(firstId);
    assertThat(first.at("/highlights/0").asText()).isEqualTo(reworded);
    assertThat(first.at("/highlights/1").asText()).isEqualTo(kept);
    assertThat(first.at("/bullets/0/source").asText()).isEqualTo(chosen);
    assertThat(first.at("/bullets/0/edited").asBoolean()).isTrue();
    assertThat(first.at("/bullets/1/edited").asBoolean()).isFalse();
  }

  /** A user of its own with the demo portfolio, embedded: tests that change artifacts use one. */
  private String newDemoUser(String name) {
    String user = api.newUserToken(name);
    Api.Reply imported = api.post("api/v1/artifacts/import", user, Samples.demo("resume.json"));
    assertThat(imported.status()).as(imported.raw().body()).isIn(200, 201);
    imported.json().get("artifact_ids").forEach(a -> api.awaitEmbedded(a.asLong(), user));
    return user;
  }

  private static Set<Long> itemIds(JsonNode cv) {
    Set<Long> ids = new HashSet<>();
    cv.get("sections")
        .forEach(s -> s.get("items").forEach(i -> ids.add(i.get("artifact_id").asLong())));
    return ids;
  }

  /**
   * Issue 12 item 3, "regenerate without losing those choices", on a regeneration that really
   * changes the CV: after the edits, the pinned item is rewritten into something unrelated (a fresh
   * CV leaves it out) and a new, closely matching job is added (a fresh CV takes it in). The
   * regenerated CV has the new job (it was generated again), and still the pinned item at the top,
   * the excluded item excluded and never printed, the chosen sentences in the chosen order and the
   * reworded one marked as the person's, linked to its source. Fails if regenerate drops any of
   * them (or only returns the stored CV).
   */
  @Test
  void pinsExclusionsChosenSentencesAndWordingSurviveARegenerationThatChangesTheCv() {
    String user = newDemoUser("Regen");
    Api.Reply made = api.post("api/v1/cvs", user, Map.of("job_description", posting));
    assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
    String id = made.json().get("id").asText();
    JsonNode experience = section(made.json(), "experience");
    int count = experience.get("items").size();
    assertThat(count).isGreaterThanOrEqualTo(3);
    long chosenId = experience.at("/items/0/artifact_id").asLong();
    long excludedId = experience.at("/items/1/artifact_id").asLong();
    String excludedTitle = experience.at("/items/1/title").asText();
    long pinnedId = experience.at("/items/" + (count - 1) + "/artifact_id").asLong();

    List<String> sentences = new ArrayList<>();
    api.get("api/v1/cvs/" + id + "/artifacts/" + chosenId + "/sentences", user)
        .json()
        .get("sentences")
        .forEach(x -> sentences.add(x.asText()));
    assertThat(sentences).hasSizeGreaterThan(2);
    // Two sentences in an order of the person's own: the last one first, reworded.
    String reworded = sentences.get(sentences.size() - 1);
    String kept = sentences.get(1);
    String wording = "In my words: " + reworded.substring(0, Math.min(50, reworded.length()));
    Api.Reply edited =
        patch(
            id,
            user,
            Map.of(
                "items",
                List.of(
                    Map.of("artifact_id", pinnedId, "pinned", true, "position", 0),
                    Map.of("artifact_id", excludedId, "included", false),
                    Map.of(
                        "artifact_id",
                        chosenId,
                        "bullets",
                        List.of(
                            Map.of("source", reworded, "text", wording),
                            Map.of("source", kept))))));
    assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);

    // The world changes: the pinned job becomes unrelated, a closely matching job appears.
    JsonNode pinned = api.get("api/v1/artifacts/" + pinnedId, user).json();
    Map<String, Object> rewritten = new HashMap<>();
    rewritten.put("title", "Weekend woodworking course");
    rewritten.put("artifact_type", pinned.get("artifact_type").asText());
    rewritten.put(
        "description",
        "Made an oak side table by hand with traditional mortise and tenon joinery, sharpening"
            + " chisels and planes between sessions.");
    rewritten.put("version", pinned.get("version").asLong());
    Api.Reply put = api.put("api/v1/artifacts/" + pinnedId, user, rewritten);
    assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
    Api.Reply added =
        api.post(
            "api/v1/artifacts",
            user,
            Map.of(
                "title",
                "Staff Backend Engineer, Payments Ledger",
                "artifact_type",
                "experience",
                "organization",
                "Nordpay",
                "started_on",
                "2024-01",
                "description",
                "Designed and operated Kotlin and Java payment services that authorise, capture,"
                    + " refund and settle card payments. Evolved the PostgreSQL-backed merchant"
                    + " ledger and its reconciliation, with query tuning and safe schema"
                    + " migrations. Built event-driven settlement flows on Kafka that stay correct"
                    + " under retries and replays. Defined SLOs, ran services on Kubernetes with"
                    + " Terraform, and mentored engineers through pairing and code review."));
    assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
    long newId = added.json().get("id").asLong();
    api.awaitEmbedded(pinnedId, user);
    api.awaitEmbedded(newId, user);
    // Without the choices, a CV made now leaves the rewritten job out and takes the new one in:
    // the regeneration below changes the CV, and only the pin can keep the rewritten job.
    Api.Reply fresh = api.post("api/v1/cvs", user, Map.of("job_description", posting));
    assertThat(fresh.status()).as(fresh.raw().body()).isEqualTo(201);
    assertThat(itemIds(fresh.json())).contains(newId).doesNotContain(pinnedId);

    Api.Reply regenerated = api.post("api/v1/cvs/" + id + "/regenerate", user, Map.of());
    assertThat(regenerated.status()).as(regenerated.raw().body()).isEqualTo(200);
    for (JsonNode cv : List.of(regenerated.json(), api.get("api/v1/cvs/" + id, user).json())) {
      assertThat(cv.get("id").asText()).isEqualTo(id);
      assertThat(itemIds(cv)).as("generated again: the new job is in").contains(newId);
      JsonNode exp = section(cv, "experience");
      assertThat(exp.at("/items/0/artifact_id").asLong()).as("pinned first").isEqualTo(pinnedId);
      assertThat(exp.at("/items/0/pinned").asBoolean()).isTrue();
      assertThat(exp.at("/items/0/title").asText()).isEqualTo("Weekend woodworking course");
      Map<Long, JsonNode> byId = new HashMap<>();
      exp.get("items").forEach(i -> byId.put(i.get("artifact_id").asLong(), i));
      assertThat(byId).containsKey(excludedId);
      assertThat(byId.get(excludedId).get("excluded").asBoolean()).as("still excluded").isTrue();
      JsonNode chosen = byId.get(chosenId);
      assertThat(chosen).as("the item whose bullets were chosen").isNotNull();
      assertThat(chosen.get("highlights"))
          .extracting(JsonNode::asText)
          .containsExactly(wording, kept);
      assertThat(chosen.at("/bullets/0/source").asText()).isEqualTo(reworded);
      assertThat(chosen.at("/bullets/0/edited").asBoolean()).isTrue();
      assertThat(chosen.at("/bullets/1/source").asText()).isEqualTo(kept);
      assertThat(chosen.at("/bullets/1/edited").asBoolean()).isFalse();
    }
    String text = api.get("api/v1/cvs/" + id + "/text", user).raw().body();
    assertThat(text)
        .contains(wording)
        .contains("Weekend woodworking course")
        .doesNotContain(excludedTitle);
  }

  private Api.Reply patchIfMatch(String id, String user, String ifMatch, Object body) {
    return api.call(
        "PATCH",
        "api/v1/cvs/" + id,
        user,
        "application/json",
        Api.tree(body).toString(),
        "If-Match",
        ifMatch);
  }

  /**
   * Item 5: GET and PATCH carry the CV's version as ETag (and version); a PATCH or regenerate with
   * a stale If-Match is a 412 problem naming If-Match that changes nothing; without If-Match a
   * PATCH is still accepted, and concurrent ones are merged, none lost.
   */
  @Test
  void editsNeedTheCurrentVersionAndConcurrentOnesAreNotLost() throws Exception {
    JsonNode cv = generate();
    String id = cv.get("id").asText();
    Api.Reply read = api.get("api/v1/cvs/" + id, token);
    assertThat(read.header("ETag")).contains("\"1\"");
    assertThat(read.json().get("version").asLong()).isEqualTo(1);
    List<Long> items = itemIds(read.json()).stream().sorted().limit(8).toList();
    assertThat(items).hasSizeGreaterThanOrEqualTo(4);

    Api.Reply first = patchIfMatch(id, token, "\"1\"", Map.of("company", "Version two"));
    assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
    assertThat(first.header("ETag")).contains("\"2\"");
    assertThat(first.json().get("version").asLong()).isEqualTo(2);

    // A second editor still holding version 1: refused, nothing changed.
    Api.Reply stale = patchIfMatch(id, token, "\"1\"", Map.of("company", "Lost update"));
    assertProblem(stale, 412, "If-Match");
    assertThat(stale.header("ETag")).contains("\"2\"");
    for (String other : List.of("W/\"2\"", "\"x\"", "\"7\", \"8\"")) {
      assertProblem(patchIfMatch(id, token, other, Map.of("company", "Lost")), 412, "If-Match");
    }
    assertProblem(
        api.call(
            "POST",
            "api/v1/cvs/" + id + "/regenerate",
            token,
            "application/json",
            "{}",
            "If-Match",
            "\"1\""),
        412,
        "If-Match");
    assertProblem(
        patchIfMatch(id, token, "\"" + "9".repeat(300) + "\"", Map.of("company", "x")),
        400,
        "If-Match");
    JsonNode now = api.get("api/v1/cvs/" + id, token).json();
    assertThat(now.get("company").asText()).isEqualTo("Version two");
    assertThat(now.get("version").asLong()).isEqualTo(2);

    // A list naming the current version, and *, match.
    Api.Reply listed = patchIfMatch(id, token, "\"1\", \"2\"", Map.of("job_title", "Listed title"));
    assertThat(listed.status()).as(listed.raw().body()).isEqualTo(200);
    assertThat(patchIfMatch(id, token, "*", Map.of("job_title", "Any")).status()).isEqualTo(200);

    // Without If-Match (API compatibility), concurrent PATCHes each pinning another item: every
    // pin is kept (each is merged over the latest choices instead of over what it first read).
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(items.size());
    try {
      List<java.util.concurrent.Future<Api.Reply>> replies = new ArrayList<>();
      for (long item : items) {
        replies.add(
            pool.submit(
                () ->
                    patch(
                        id,
                        token,
                        Map.of("items", List.of(Map.of("artifact_id", item, "pinned", true))))));
      }
      for (var reply : replies) {
        Api.Reply r = reply.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    JsonNode merged = api.get("api/v1/cvs/" + id, token).json();
    Set<Long> pinned = new HashSet<>();
    merged
        .get("sections")
        .forEach(
            s ->
                s.get("items")
                    .forEach(
                        i -> {
                          if (i.path("pinned").asBoolean()) {
                            pinned.add(i.get("artifact_id").asLong());
                          }
                        }));
    assertThat(pinned).containsExactlyInAnyOrderElementsOf(items);
    assertThat(merged.get("version").asLong()).isEqualTo(4 + items.size());
  }

  /**
   * Item 1: coverage speaks the fit scale too. Every requirement carries a fit; none of the missing
   * ones reads strong or partial.
   */
  @Test
  void coverageRequirementsCarryTheirFit() {
    JsonNode cv = generate();
    JsonNode requirements = cv.at("/coverage/requirements");
    assertThat(requirements.size()).isGreaterThan(3);
    Set<String> levels = Set.of("strong", "partial", "weak", "unrelated");
    for (JsonNode r : requirements) {
      String level = r.at("/fit/level").asText();
      assertThat(levels).as(r.toString()).contains(level);
      assertThat(r.at("/fit/best_similarity").isNumber()).isTrue();
      assertThat(r.at("/fit/term_share").isNumber()).isTrue();
      assertThat(r.get("score").isNumber()).as("the seed field stays").isTrue();
    }
    assertThat(requirements.findValuesAsText("level")).contains("strong");
  }

  /**
   * Item 2 (issue 12, "How many matches to show does not affect the CV"): with max_items N the CV's
   * items outside education are among the N best-ranked artifacts of the same method, and a smaller
   * N gives a smaller CV.
   */
  @Test
  void theCvFollowsTheNumberOfMatchesShown() {
    Api.Reply ranked =
        api.post(
            "api/v1/artifacts/rank",
            token,
            Map.of("job_description", posting, "ranking_method", "hybrid", "top_k", 4));
    assertThat(ranked.status()).as(ranked.raw().body()).isEqualTo(200);
    Set<Long> shown = new HashSet<>();
    ranked.json().get("ranked_artifacts").forEach(r -> shown.add(r.get("artifact_id").asLong()));
    Api.Reply small =
        api.post(
            "api/v1/cvs",
            token,
            Map.of("job_description", posting, "ranking_method", "hybrid", "max_items", 4));
    assertThat(small.status()).as(small.raw().body()).isEqualTo(201);
    Set<Long> nonEducation = new HashSet<>();
    for (JsonNode s : small.json().get("sections")) {
      if (!s.get("name").asText().equals("education")) {
        s.get("items").forEach(i -> nonEducation.add(i.get("artifact_id").asLong()));
      }
    }
    assertThat(nonEducation).isNotEmpty().isSubsetOf(shown);
    Api.Reply large =
        api.post(
            "api/v1/cvs",
            token,
            Map.of("job_description", posting, "ranking_method", "hybrid", "max_items", 20));
    assertThat(itemIds(large.json()).size()).isGreaterThan(itemIds(small.json()).size());
    System.out.printf(
        "[cv-count] max_items 4: %d items (%d outside education); max_items 20: %d items%n",
        itemIds(small.json()).size(), nonEducation.size(), itemIds(large.json()).size());
    assertProblem(
        api.post("api/v1/cvs", token, Map.of("job_description", posting, "max_items", 0)),
        400,
        "max_items");
  }

  /** An artifact the ranking left out can be included; regeneration keeps it. */
  @Test
  void anArtifactLeftOutCanBeIncludedAndStays() {
    JsonNode cv = generate();
    String id = cv.get("id").asText();
    Set<Long> inCv = new HashSet<>();
    cv.get("sections")
        .forEach(s -> s.get("items").forEach(i -> inCv.add(i.get("artifact_id").asLong())));
    Api.Reply all = api.get("api/v1/artifacts?size=100", token);
    JsonNode artifacts = all.json().has("items") ? all.json().get("items") : all.json();
    long choir = -1;
    for (JsonNode a : artifacts) {
      if (a.get("title").asText().startsWith("Gold diploma")) {
        choir = a.get("id").asLong();
      }
    }
    assertThat(choir).isPositive();
    assertThat(inCv).doesNotContain(choir);
    Api.Reply edited =
        patch(id, token, Map.of("items", List.of(Map.of("artifact_id", choir, "included", true))));
    assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);
    assertThat(section(edited.json(), "awards").toString()).contains("Gold diploma");
    Api.Reply regenerated = api.post("api/v1/cvs/" + id + "/regenerate", token, Map.of());
    assertThat(section(regenerated.json(), "awards").toString()).contains("Gold diploma");
  }

  /** Bad edits name the field and change nothing; another user's CV or artifact is not found. */
  @Test
  void badEditsNameTheFieldAndChangeNothing() {
    JsonNode cv = generate();
    String id = cv.get("id").asText();
    long item = section(cv, "experience").at("/items/0/artifact_id").asLong();
    JsonNode before = api.get("api/v1/cvs/" + id, token).json();

    assertProblem(
        patch(
            id,
            token,
            Map.of(
                "items",
                List.of(
                    Map.of(
                        "artifact_id",
                        item,
                        "bullets",
                        List.of(Map.of("source", "Invented sentence that is not there.")))))),
        400,
        "items[0].bullets[0].source");
    assertProblem(
        patch(
            id,
            token,
            Map.of(
                "items",
                List.of(
                    Map.of(
                        "artifact_id",
                        item,
                        "bullets",
                        List.of(Map.of("source", "x", "text", "y".repeat(401))))))),
        400,
        "items[0].bullets[0].text");
    assertProblem(
        patch(id, token, Map.of("section_order", List.of("hobbies"))), 400, "section_order[0]");
    assertProblem(patch(id, token, Map.of("job_title", "t".repeat(301))), 400, "job_title");
    assertProblem(
        patch(id, token, Map.of("items", List.of(Map.of("artifact_id", item, "position", -1)))),
        400,
        "items[0].position");

    String stranger = api.newUserToken("Stranger");
    Api.Reply other =
        api.post(
            "api/v1/artifacts",
            stranger,
            Map.of(
                "title",
                "Stranger's secret project",
                "artifact_type",
                "project",
                "description",
                "Secret."));
    long strangers = other.json().get("id").asLong();
    assertProblem(
        patch(
            id,
            token,
            Map.of("items", List.of(Map.of("artifact_id", strangers, "included", true)))),
        400,
        "items[0].artifact_id");
    assertThat(patch(id, stranger, Map.of("job_title", "Mine now")).status()).isEqualTo(404);
    assertThat(api.post("api/v1/cvs/" + id + "/regenerate", stranger, Map.of()).status())
        .isEqualTo(404);
    assertThat(api.get("api/v1/cvs/" + id + "/artifacts/" + item + "/sentences", stranger).status())
        .isEqualTo(404);
    assertThat(
            api.get("api/v1/cvs/" + id + "/artifacts/" + strangers + "/sentences", token).status())
        .isEqualTo(404);

    JsonNode after = api.get("api/v1/cvs/" + id, token).json();
    assertThat(after).isEqualTo(before);
  }
}
