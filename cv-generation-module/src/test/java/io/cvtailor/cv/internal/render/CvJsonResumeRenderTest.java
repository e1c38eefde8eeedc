package io.cvtailor.cv.internal.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cvtailor.artifacts.ImportItem;
import io.cvtailor.artifacts.JsonResume;
import io.cvtailor.cv.Cv;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON Resume output against the vendored v1.0.0 schema, and read back by the importer. */
class CvJsonResumeRenderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  private final DefaultCvDocuments documents = new DefaultCvDocuments();

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in =
        CvJsonResumeRenderTest.class.getResourceAsStream("/jsonresume-schema.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  private JsonNode render(Cv cv) throws Exception {
    return JSON.readTree(documents.jsonResume(cv));
  }

  @Test
  void validatesAgainstTheSchema() throws Exception {
    Set<ValidationMessage> errors = schema.validate(render(CvFixtures.full()));

    assertThat(errors).isEmpty();
  }

  @Test
  void anInvalidDateFailsValidation() throws Exception {
    ObjectNode document = (ObjectNode) render(CvFixtures.full());
    ((ObjectNode) document.get("work").get(0)).put("startDate", "March 2021");
    ((ObjectNode) document.get("awards").get(0)).put("date", "2019-1");

    Set<ValidationMessage> errors = schema.validate(document);

    assertThat(errors).hasSize(2);
    assertThat(errors.stream().map(ValidationMessage::getInstanceLocation).map(Object::toString))
        .containsExactlyInAnyOrder("$.work[0].startDate", "$.awards[0].date");
  }

  @Test
  void anUnknownTopLevelKeyFailsValidation() throws Exception {
    ObjectNode document = (ObjectNode) render(CvFixtures.full());
    document.put("coverage", 0.5);

    assertThat(schema.validate(document)).isNotEmpty();
  }

  @Test
  void datesThatDoNotFitThePatternAreLeftOut() throws Exception {
    Cv full = CvFixtures.full();
    Cv.Item odd =
        new Cv.Item(9, "Odd", "Org", "spring 2020", "spring 2020", null, null, null, 0, null);
    Cv cv =
        new Cv(
            full.id(),
            full.createdAt(),
            null,
            null,
            null,
            full.basics(),
            List.of(new Cv.Section("experience", List.of(odd))),
            null,
            null,
            null);

    JsonNode document = render(cv);

    assertThat(schema.validate(document)).isEmpty();
    assertThat(document.get("work").get(0).has("startDate")).isFalse();
  }

  @Test
  void mapsEverySectionWithJsonResumeFieldNames() throws Exception {
    JsonNode document = render(CvFixtures.full());

    JsonNode basics = document.get("basics");
    assertThat(basics.get("name").asText()).isEqualTo(CvFixtures.NAME);
    assertThat(basics.get("label").asText()).isEqualTo("Search & ranking engineer");
    assertThat(basics.get("email").asText()).isEqualTo("zoe@example.org");
    assertThat(basics.get("location").get("address").asText()).isEqualTo("Tromsø, Norway");
    assertThat(basics.get("url").asText()).isEqualTo("https://zoe.example.org");
    assertThat(basics.get("profiles")).hasSize(1); // the javascript: link is left out
    assertThat(basics.get("profiles").get(0).get("network").asText()).isEqualTo("GitHub");

    JsonNode work = document.get("work").get(0);
    assertThat(work.get("name").asText()).isEqualTo(CvFixtures.GREEK + " Analytics");
    assertThat(work.get("position").asText()).isEqualTo("Staff Search Engineer");
    assertThat(work.get("startDate").asText()).isEqualTo("2021-03");
    assertThat(work.has("endDate")).isFalse(); // omitted, not null
    assertThat(work.get("highlights").get(1).asText()).isEqualTo(CvFixtures.SCRIPT_HIGHLIGHT);

    assertThat(document.get("education").get(0).get("institution").asText()).startsWith("Norges");
    assertThat(document.get("education").get(0).get("area").asText())
        .isEqualTo("MSc in Computer Science");
    assertThat(document.get("certificates").get(0).get("issuer").asText()).isEqualTo("CNCF");
    assertThat(document.get("awards").get(0).get("awarder").asText()).isEqualTo("ECIR");
    assertThat(document.get("publications").get(0).get("releaseDate").asText())
        .isEqualTo("2022-09-18");
    assertThat(document.get("volunteer").get(0).get("organization").asText())
        .isEqualTo("Django Girls Tromsø");
    List<String> skills = new ArrayList<>();
    document.get("skills").forEach(s -> skills.add(s.get("name").asText()));
    assertThat(skills).containsExactly("Java", "PostgreSQL", "Lucene", "pgvector");

    JsonNode projects = document.get("projects");
    assertThat(projects).hasSize(2);
    assertThat(projects.get(0).get("url").asText())
        .isEqualTo("https://github.com/zoe/pgvector-tuner");
    assertThat(projects.get(1).get("name").asText()).isEqualTo("Vectors in Postgres");
    assertThat(projects.get(1).get("type").asText()).isEqualTo("talk");

    assertThat(document.toString()).doesNotContain("null", "REQUIREMENT-MARKER", "EXPLANATION");
  }

  @Test
  void theImporterReadsItBack() throws Exception {
    JsonResume.Contents contents = JsonResume.read(render(CvFixtures.full()));

    assertThat(contents.errors()).isEmpty();
    assertThat(contents.basics().name()).isEqualTo(CvFixtures.NAME);
    assertThat(contents.basics().location()).isEqualTo("Tromsø, Norway");
    assertThat(contents.items())
        .extracting(ImportItem::draft)
        .extracting(d -> d.artifactType() + ":" + d.title())
        .contains(
            "experience:Staff Search Engineer",
            "talk:Vectors in Postgres",
            "education:MSc in Computer Science",
            "certification:Certified Kubernetes Administrator",
            "skill:pgvector");
  }
}
