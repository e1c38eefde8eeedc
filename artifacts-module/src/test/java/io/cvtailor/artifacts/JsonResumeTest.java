package io.cvtailor.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.kernel.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON Resume mapping on its own: documents are read, "stored" the way the catalog stores
 * drafts (stripped text, normalised tags, default visibility) and written back.
 */
class JsonResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String DOCUMENT =
      """
      {
        "basics": {
          "name": "Ana Lima", "label": "Data Engineer", "image": "https://example.org/a.png",
          "email": "ana@example.org", "url": "https://ana.example.org",
          "location": {"city": "Porto", "countryCode": "PT", "postalCode": "4000"},
          "profiles": [
            {"network": "GitHub", "username": "ana", "url": "https://github.com/ana"},
            {"network": "Bluesky", "username": "ana.bsky.social"}
          ],
          "x-pronouns": "she/her"
        },
        "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-02",
                  "location": "Porto", "highlights": ["Built A", "Built B"]}],
        "volunteer": [{"organization": "Club", "position": "Treasurer", "startDate": "2019",
                       "highlights": []}],
        "education": [{"institution": "UP", "studyType": "BSc", "area": "Physics",
                       "courses": ["Optics"], "score": "18/20"}],
        "awards": [{"title": "Prize", "awarder": "UP", "date": "2018-07-01"}],
        "certificates": [{"name": "AWS SA", "issuer": "AWS", "date": "2021"}],
        "publications": [{"name": "Paper", "publisher": "ACM", "releaseDate": "2022-03"}],
        "skills": [{"name": "Python", "level": "Expert", "keywords": ["pandas", " pandas"]}],
        "projects": [{"name": "Talk X", "type": "talk", "entity": "PyCon", "startDate": "2023"},
                     {"name": "Tool", "roles": ["Author"], "highlights": ["line one\\nline two"]}],
        "languages": [{"language": "Portuguese", "fluency": "Native"}],
        "interests": [{"name": "Chess"}],
        "references": [{"name": "Bo", "reference": "Great"}],
        "meta": {"version": "v1.0.0"},
        "x-unknown": {"kept": true}
      }
      """;

  @Test
  void aDocumentComesBackFieldForField() throws Exception {
    JsonNode document = JSON.readTree(DOCUMENT);
    JsonResume.Contents contents = JsonResume.read(document);
    assertThat(contents.errors()).isEmpty();

    ObjectNode exported =
        JsonResume.write(
            JsonResume.fill(Profile.empty(), contents.basics()),
            contents.extras(),
            store(contents.items()));

    assertThat(exported).isEqualTo(document);
  }

  @Test
  void sectionsBecomeArtifactsOfTheirType() throws Exception {
    JsonResume.Contents contents = JsonResume.read(JSON.readTree(DOCUMENT));
    assertThat(contents.items())
        .extracting(i -> i.path() + ":" + i.draft().artifactType() + ":" + i.draft().title())
        .containsExactly(
            "work[0]:experience:Engineer",
            "volunteer[0]:volunteer:Treasurer",
            "education[0]:education:BSc in Physics",
            "awards[0]:award:Prize",
            "certificates[0]:certification:AWS SA",
            "publications[0]:publication:Paper",
            "skills[0]:skill:Python",
            "projects[0]:talk:Talk X",
            "projects[1]:project:Tool");
    ArtifactDraft work = contents.items().get(0).draft();
    assertThat(work.content()).isEqualTo("- Built A\n- Built B");
    assertThat(work.startedOn()).isEqualTo("2020-02");
    assertThat(work.organization()).isEqualTo("Acme");
    assertThat(work.metadata()).isEqualTo(Map.of("json_resume", Map.of("location", "Porto")));
    Profile basics = contents.basics();
    assertThat(basics.headline()).isEqualTo("Data Engineer");
    assertThat(basics.location()).isEqualTo("Porto, PT");
    assertThat(basics.links())
        .containsExactly(
            new Profile.Link("Website", "https://ana.example.org"),
            new Profile.Link("GitHub", "https://github.com/ana"));
    assertThat(contents.linkPaths()).containsExactly("basics.url", "basics.profiles[0]");
  }

  @Test
  void editedArtifactsWinOverWhatWasKeptAtImport() throws Exception {
    JsonResume.Contents contents = JsonResume.read(JSON.readTree(DOCUMENT));
    List<Artifact> stored = new ArrayList<>(store(contents.items()));
    Artifact work = stored.get(0);
    stored.set(0, copy(work, "Lead Engineer", "- Built A\n- Built C", work.metadata()));
    Artifact education = stored.get(2);
    stored.set(2, copy(education, "MSc in Physics", education.content(), education.metadata()));

    ObjectNode exported = JsonResume.write(Profile.empty(), Map.of(), stored);

    assertThat(exported.at("/work/0/position").asText()).isEqualTo("Lead Engineer");
    assertThat(exported.at("/work/0/highlights"))
        .isEqualTo(JSON.valueToTree(List.of("Built A", "Built C")));
    assertThat(exported.at("/work/0/location").asText()).isEqualTo("Porto");
    assertThat(exported.at("/education/0/area").asText()).isEqualTo("MSc in Physics");
    assertThat(exported.at("/education/0/studyType").isMissingNode()).isTrue();
    assertThat(exported.at("/education/0/score").asText()).isEqualTo("18/20");
  }

  @Test
  void whatJsonResumeHasNoFieldForTravelsInTheExtension() {
    Artifact own =
        artifact(
            7,
            "other",
            "Side business",
            "Free text\n\nin two paragraphs",
            List.of("retail"),
            "public",
            Map.of("source", "api"));
    Artifact award =
        artifact(8, "award", "Prize", "Judged by peers", List.of(), "private", Map.of());

    ObjectNode exported = JsonResume.write(Profile.empty(), Map.of(), List.of(own, award));
    JsonNode project = exported.at("/projects/0");
    assertThat(project.get("type").asText()).isEqualTo("other");
    assertThat(project.get("keywords")).isEqualTo(JSON.valueToTree(List.of("retail")));
    assertThat(project.at("/x-cvtailor/visibility").asText()).isEqualTo("public");
    assertThat(project.at("/x-cvtailor/content").asText())
        .isEqualTo("Free text\n\nin two paragraphs");
    assertThat(project.at("/x-cvtailor/metadata/source").asText()).isEqualTo("api");
    assertThat(exported.at("/awards/0/x-cvtailor/content").asText()).isEqualTo("Judged by peers");

    JsonResume.Contents back = JsonResume.read(exported);
    assertThat(back.errors()).isEmpty();
    // the export lists sections in the schema's order: awards before projects
    assertThat(back.items())
        .extracting(ImportItem::path)
        .containsExactly("awards[0]", "projects[0]");
    ArtifactDraft draft = back.items().get(1).draft();
    assertThat(draft.artifactType()).isEqualTo("other");
    assertThat(draft.content()).isEqualTo(own.content());
    assertThat(draft.visibility()).isEqualTo("public");
    assertThat(draft.tags()).containsExactly("retail");
    assertThat(draft.metadata()).isEqualTo(Map.of("source", "api"));
    assertThat(back.items().get(0).draft().content()).isEqualTo("Judged by peers");
  }

  @Test
  void wrongTypesAreNamedAsInTheDocument() throws Exception {
    JsonResume.Contents contents =
        JsonResume.read(
            JSON.readTree(
                """
                {"basics": {"name": 5, "profiles": ["x"]},
                 "work": [{"position": "A"}, {"position": "B", "startDate": 2020}, 3],
                 "skills": {"name": "Java"},
                 "projects": [{"name": "P", "keywords": ["a", 1]}]}
                """));
    assertThat(contents.errors())
        .containsExactly(
            new FieldError("basics.name", "must be a string"),
            new FieldError("basics.profiles[0]", "must be an object"),
            new FieldError("work[1].startDate", "must be a string"),
            new FieldError("work[2]", "must be an object"),
            new FieldError("skills", "must be an array of objects"),
            new FieldError("projects[0].keywords[1]", "must be a string"));
    assertThat(contents.items()).extracting(ImportItem::path).containsExactly("work[0]");
    assertThat(JsonResume.read(JSON.readTree("[1]")).errors())
        .extracting(FieldError::field)
        .containsExactly("body");
  }

  @Test
  void draftAndProfileFieldsAreNamedAsInTheDocument() throws Exception {
    JsonResume.Contents contents =
        JsonResume.read(
            JSON.readTree(
                """
                {"basics": {"url": "https://a.example", "profiles": [{"username": "x"},
                   {"network": "GitHub", "url": "ftp://x"}]},
                 "work": [{"position": "A", "startDate": "2020-13"}],
                 "skills": [{"name": "J", "keywords": ["ok", ""]}]}
                """));
    assertThat(contents.items().get(0).fieldPath("started_on")).isEqualTo("work[0].startDate");
    assertThat(contents.items().get(1).fieldPath("tags[1]")).isEqualTo("skills[0].keywords[1]");
    assertThat(contents.items().get(0).fieldPath("content")).isEqualTo("work[0].highlights");
    assertThat(JsonResume.basicsField("links[1].url", contents.linkPaths()))
        .isEqualTo("basics.profiles[1].url");
    assertThat(JsonResume.basicsField("links[1].label", contents.linkPaths()))
        .isEqualTo("basics.profiles[1].network");
    assertThat(JsonResume.basicsField("links[0].url", contents.linkPaths()))
        .isEqualTo("basics.url");
    assertThat(JsonResume.basicsField("headline", contents.linkPaths())).isEqualTo("basics.label");
  }

  @Test
  void basicsFillOnlyTheFieldsTheyGive() {
    Profile current =
        new Profile(
            "Ana",
            "Engineer",
            "ana@example.org",
            "+351 1",
            "Porto",
            "Summary",
            List.of(new Profile.Link("Blog", "https://blog.example")));
    Profile filled =
        JsonResume.fill(current, new Profile(null, "Data Engineer", null, null, null, null, null));
    assertThat(filled)
        .isEqualTo(
            new Profile(
                "Ana",
                "Data Engineer",
                "ana@example.org",
                "+351 1",
                "Porto",
                "Summary",
                current.links()));
  }

  /** What the catalog would store for these items, with ids in order. */
  private static List<Artifact> store(List<ImportItem> items) {
    List<Artifact> artifacts = new ArrayList<>();
    long id = 1;
    for (ImportItem item : items) {
      ArtifactDraft d = item.draft();
      artifacts.add(
          new Artifact(
              id++,
              1,
              d.artifactType(),
              d.title().strip(),
              blankToNull(d.description()),
              blankToNull(d.content()),
              blankToNull(d.organization()),
              blankToNull(d.url()),
              d.startedOn() == null
                  ? null
                  : PartialDate.parse(d.startedOn()).orElseThrow().toString(),
              d.endedOn() == null ? null : PartialDate.parse(d.endedOn()).orElseThrow().toString(),
              d.tagsOrEmpty().stream().map(String::strip).distinct().toList(),
              d.visibility() == null ? "private" : d.visibility(),
              d.metadataOrEmpty(),
              1,
              "",
              "pending",
              null,
              Instant.EPOCH,
              Instant.EPOCH));
    }
    return artifacts;
  }

  private static Artifact artifact(
      long id,
      String type,
      String title,
      String content,
      List<String> tags,
      String visibility,
      Map<String, Object> metadata) {
    return new Artifact(
        id,
        1,
        type,
        title,
        null,
        content,
        null,
        null,
        null,
        null,
        tags,
        visibility,
        metadata,
        1,
        "",
        "ready",
        null,
        Instant.EPOCH,
        Instant.EPOCH);
  }

  private static Artifact copy(
      Artifact a, String title, String content, Map<String, Object> metadata) {
    return new Artifact(
        a.id(),
        a.userId(),
        a.artifactType(),
        title,
        a.description(),
        content,
        a.organization(),
        a.url(),
        a.startedOn(),
        a.endedOn(),
        a.tags(),
        a.visibility(),
        metadata,
        a.version() + 1,
        a.contentHash(),
        a.embeddingStatus(),
        a.embeddingError(),
        a.createdAt(),
        a.updatedAt());
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
