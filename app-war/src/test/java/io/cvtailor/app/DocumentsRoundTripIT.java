package io.cvtailor.app;

import static io.cvtailor.app.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.documents.fixtures.Layouts;
import io.cvtailor.documents.fixtures.Persona;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In with a LinkedIn export, out as DOCX, text and themed PDF: the confirmed import is embedded, a
 * tailored CV (theme modern) downloads as an editable Word file and as plain text, and ?theme=
 * overrides the CV's theme on a download.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DocumentsRoundTripIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String DOCX =
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  @Test
  void anImportedCareerComesOutAsATailoredDocxTextAndThemedPdf() throws Exception {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Tomas");
    Persona tomas =
        Persona.all().stream().filter(p -> p.key().equals("tomas")).findFirst().orElseThrow();
    Layouts.Rendered export = Layouts.render(tomas, "linkedin");
    Api.Reply proposed =
        api.send(
            api.request("api/v1/imports", user.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(export.bytes()))
                .header("Content-Type", "application/zip"));
    assertThat(proposed.status()).as(proposed.raw().body()).isEqualTo(201);
    ObjectNode confirm = JSON.createObjectNode();
    confirm.set("items", proposed.json().get("items"));
    confirm.set("profile", proposed.json().get("profile"));
    Api.Reply confirmed =
        api.post(
            "api/v1/imports/" + proposed.json().get("id").asText() + "/confirm",
            user.token(),
            confirm.toString());
    assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(201);
    confirmed
        .json()
        .get("artifact_ids")
        .forEach(id -> api.awaitEmbedded(id.asLong(), user.token()));

    Api.Reply cv =
        api.post(
            "api/v1/cvs",
            user.token(),
            Map.of(
                "job_description",
                "Senior Android engineer: Kotlin, Jetpack Compose, offline-first apps, mentoring.",
                "job_title",
                "Android Engineer",
                "theme",
                "modern"));
    assertThat(cv.status()).as(cv.raw().body()).isEqualTo(201);
    assertThat(cv.json().get("theme").asText()).isEqualTo("modern");
    String id = cv.json().get("id").asText();
    String firstTitle = cv.json().at("/sections/0/items/0/title").asText();

    HttpResponse<byte[]> docx = bytes(api, "api/v1/cvs/" + id + "/docx", user.token());
    assertThat(docx.statusCode()).isEqualTo(200);
    assertThat(docx.headers().firstValue("Content-Type").orElse("")).startsWith(DOCX);
    assertThat(docx.headers().firstValue("Content-Disposition").orElse("")).endsWith(".docx\"");
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx.body()));
        XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
      assertThat(extractor.getText()).contains("Tomás").contains(firstTitle);
      assertThat(doc.getParagraphs().stream().anyMatch(p -> "Heading1".equals(p.getStyleID())))
          .isTrue();
    }

    Api.Reply text = api.get("api/v1/cvs/" + id + "/text", user.token());
    assertThat(text.status()).isEqualTo(200);
    assertThat(text.contentType()).startsWith("text/plain");
    assertThat(text.raw().body()).contains(firstTitle).doesNotContain("<");

    assertThat(api.get("api/v1/cvs/" + id + "/html", user.token()).raw().body())
        .contains("theme-modern");
    assertThat(api.get("api/v1/cvs/" + id + "/html?theme=compact", user.token()).raw().body())
        .contains("theme-compact");
    HttpResponse<byte[]> pdf = bytes(api, "api/v1/cvs/" + id + "/pdf?theme=compact", user.token());
    assertThat(pdf.statusCode()).isEqualTo(200);
    try (PDDocument doc = Loader.loadPDF(pdf.body())) {
      assertThat(new PDFTextStripper().getText(doc)).contains(firstTitle);
    }
    assertProblem(api.get("api/v1/cvs/" + id + "/docx?theme=neon", user.token()), 400, "theme");
    assertProblem(
        api.post("api/v1/cvs", user.token(), Map.of("job_description", "Android", "theme", "neon")),
        400,
        "theme");
    assertThat(bytes(api, "api/v1/cvs/" + id + "/docx", api.newUserToken("Other")).statusCode())
        .isEqualTo(404);
  }

  private static HttpResponse<byte[]> bytes(Api api, String path, String token) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(api.request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
