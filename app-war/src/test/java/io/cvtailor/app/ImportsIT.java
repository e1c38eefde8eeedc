package io.cvtailor.app;

import static io.cvtailor.app.Api.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.documents.fixtures.BadDocuments;
import io.cvtailor.documents.fixtures.Layouts;
import io.cvtailor.documents.fixtures.Persona;
import io.cvtailor.documents.fixtures.UnusualHeadings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * POST /imports → GET /imports/{id} → POST /imports/{id}/confirm over HTTP with real documents:
 * nothing is created before the confirmation, the confirmation is all or nothing and validated like
 * any artifact, and documents that cannot be read answer 4xx with the reason.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ImportsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  private static Persona sunniva() {
    return Persona.all().stream().filter(p -> p.key().equals("sunniva")).findFirst().orElseThrow();
  }

  Api.Reply upload(Api api, String token, byte[] bytes, String type) {
    return api.send(
        api.request("api/v1/imports", token)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .header("Content-Type", type));
  }

  @Test
  void aPdfBecomesAProposalAndOnlyTheConfirmedItemsBecomeArtifacts() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Sunniva");
    Layouts.Rendered pdf = Layouts.render(sunniva(), "single-column");

    Api.Reply proposed = upload(api, user.token(), pdf.bytes(), "application/pdf");

    assertThat(proposed.status()).as(proposed.raw().body()).isEqualTo(201);
    JsonNode proposal = proposed.json();
    assertThat(proposal.get("format").asText()).isEqualTo("pdf");
    assertThat(proposal.at("/profile/name").asText()).isEqualTo("Sunniva Haugen");
    assertThat(proposal.at("/profile/email").asText()).isEqualTo("sunniva.haugen@example.org");
    assertThat(proposal.get("items")).hasSize(pdf.labels().size());
    JsonNode first = proposal.get("items").get(0);
    assertThat(first.get("title").asText()).isEqualTo("Health Data Analyst");
    assertThat(first.get("organization").asText()).isEqualTo("Vestkyst Health Trust");
    assertThat(first.get("artifact_type").asText()).isEqualTo("experience");
    assertThat(first.get("started_on").asText()).isEqualTo("2021-03");
    assertThat(first.get("source_text").asText()).contains("Health Data Analyst");
    assertThat(first.get("confidence").asDouble()).isBetween(0.0, 1.0);
    assertThat(proposal.get("extracted_text").asText()).contains("Vestkyst Health Trust");
    // nothing exists before the confirmation
    assertThat(api.get("api/v1/artifacts", user.token()).json().get("total").asInt()).isZero();

    String id = proposal.get("id").asText();
    Api.Reply kept = api.get("api/v1/imports/" + id, user.token());
    assertThat(kept.status()).isEqualTo(200);
    assertThat(kept.json().get("items")).isEqualTo(proposal.get("items"));
    // another person never sees it
    Api.User other = api.newUser("Other");
    assertProblem(api.get("api/v1/imports/" + id, other.token()), 404);
    assertProblem(
        api.post("api/v1/imports/" + id + "/confirm", other.token(), "{\"items\":[]}"), 404);

    // accept the first two, the second edited; drop the rest
    ArrayNode accepted = JSON.createArrayNode();
    accepted.add(first);
    ObjectNode edited = ((ObjectNode) proposal.get("items").get(1)).deepCopy();
    edited.put("title", "Clinical Informatics Nurse (EHR roll-out)");
    accepted.add(edited);
    ObjectNode body = JSON.createObjectNode();
    body.set("items", accepted);
    body.set("profile", proposal.get("profile"));
    Api.Reply confirmed =
        api.post("api/v1/imports/" + id + "/confirm", user.token(), body.toString());

    assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(201);
    assertThat(confirmed.json().get("created").asInt()).isEqualTo(2);
    JsonNode artifacts = api.get("api/v1/artifacts", user.token()).json().get("items");
    List<String> titles = new ArrayList<>();
    artifacts.forEach(a -> titles.add(a.get("title").asText()));
    assertThat(titles)
        .containsExactlyInAnyOrder(
            "Health Data Analyst", "Clinical Informatics Nurse (EHR roll-out)");
    assertThat(api.get("api/v1/me", user.token()).json().at("/profile/name").asText())
        .isEqualTo("Sunniva Haugen");
    // a confirmed proposal is spent
    assertProblem(api.get("api/v1/imports/" + id, user.token()), 404);
  }

  @Test
  void aConfirmationWithAnInvalidItemCreatesNothingAndNamesTheItem() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Tomas");
    Layouts.Rendered md = Layouts.render(sunniva(), "markdown");
    Api.Reply proposed = upload(api, user.token(), md.bytes(), "text/markdown");
    assertThat(proposed.status()).as(proposed.raw().body()).isEqualTo(201);
    String id = proposed.json().get("id").asText();
    ArrayNode items = (ArrayNode) proposed.json().get("items").deepCopy();
    ((ObjectNode) items.get(2)).put("started_on", "2021-13");
    ((ObjectNode) items.get(4)).put("artifact_type", "hobby");

    Api.Reply refused =
        api.post(
            "api/v1/imports/" + id + "/confirm",
            user.token(),
            JSON.createObjectNode().set("items", items).toString());

    assertProblem(refused, 400, "items[2].started_on", "items[4].artifact_type");
    assertThat(api.get("api/v1/artifacts", user.token()).json().get("total").asInt()).isZero();
    // the proposal is still there to fix and confirm
    assertThat(api.get("api/v1/imports/" + id, user.token()).status()).isEqualTo(200);
  }

  @Test
  void aMultipartUploadOfADocxIsRead() throws IOException {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Mara");
    Layouts.Rendered docx = Layouts.render(sunniva(), "table-docx");
    String boundary = "----cvtailor" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cv.docx\"\r\n"
                + "Content-Type: "
                + docx.mediaType()
                + "\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(docx.bytes());
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    Api.Reply proposed =
        api.send(
            api.request("api/v1/imports", user.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary));

    assertThat(proposed.status()).as(proposed.raw().body()).isEqualTo(201);
    assertThat(proposed.json().get("format").asText()).isEqualTo("docx");
    assertThat(proposed.json().get("items")).hasSize(docx.labels().size());
  }

  @Test
  void documentsThatCannotBeReadAnswer4xxWithTheReason() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Ana");

    Api.Reply scan = upload(api, user.token(), BadDocuments.scannedPdf(), "application/pdf");
    assertProblem(scan, 422, "file");
    assertThat(scan.json().get("detail").asText()).contains("no text layer").contains("OCR");

    assertProblem(
        upload(api, user.token(), BadDocuments.encryptedPdf(), "application/pdf"), 400, "file");
    assertProblem(
        upload(
            api,
            user.token(),
            BadDocuments.zipBomb("word/document.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        413,
        "file");
    // a PDF whose page stream inflates to 200 MB (under 1 MB sent)
    assertProblem(
        upload(api, user.token(), BadDocuments.pdfBomb(200), "application/pdf"), 413, "file");
    assertProblem(upload(api, user.token(), new byte[] {1, 2, 3}, "image/png"), 415, "file");
    assertProblem(
        upload(
            api,
            user.token(),
            "%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII),
            "application/pdf"),
        400,
        "file");
    byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];
    java.util.Arrays.fill(tooLarge, (byte) 'a');
    assertThat(upload(api, user.token(), tooLarge, "text/plain").status()).isEqualTo(413);
    // nothing was kept or created
    assertThat(api.get("api/v1/artifacts", user.token()).json().get("total").asInt()).isZero();
    // and without credentials, nothing is read at all
    assertThat(
            upload(api, null, "Experience".getBytes(StandardCharsets.UTF_8), "text/plain").status())
        .isEqualTo(401);
  }

  @Test
  void aScanIsReadByOcrOnlyWhenAskedWithLowerConfidenceAndAWarning() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Sunniva");
    // The fixture CV's pages as pictures: no text layer, as a scanner makes it.
    byte[] scan = BadDocuments.scanOf(Layouts.render(sunniva(), "single-column").bytes(), 200);

    Api.Reply refused = upload(api, user.token(), scan, "application/pdf");
    assertProblem(refused, 422, "file");
    assertThat(refused.json().get("detail").asText())
        .contains("no text layer")
        .contains("ocr=true");
    assertProblem(
        api.send(
            api.request("api/v1/imports?ocr=maybe", user.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(scan))
                .header("Content-Type", "application/pdf")),
        400,
        "ocr");

    Api.Reply read =
        api.send(
            api.request("api/v1/imports?ocr=true", user.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(scan))
                .header("Content-Type", "application/pdf"));

    assertThat(read.status()).as(read.raw().body()).isEqualTo(201);
    JsonNode proposal = read.json();
    assertThat(proposal.get("warnings").get(0).asText()).contains("read by OCR");
    List<String> titles = new ArrayList<>();
    proposal.get("items").forEach(i -> titles.add(i.get("title").asText()));
    assertThat(titles).contains("Health Data Analyst", "Clinical Informatics Nurse");
    String text = proposal.get("extracted_text").asText();
    for (JsonNode item : proposal.get("items")) {
      assertThat(item.get("confidence").asDouble()).isLessThanOrEqualTo(0.6);
      assertThat(text).contains(item.get("title").asText());
    }
    // nothing is created before the confirmation
    assertThat(api.get("api/v1/artifacts", user.token()).json().get("total").asInt()).isZero();
  }

  @Test
  void anUnusualHeadingIsReadByMeaningWithTheModelAndSaysSo() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Mara");
    String cv = UnusualHeadings.CV;

    Api.Reply proposed =
        upload(api, user.token(), cv.getBytes(StandardCharsets.UTF_8), "text/plain");

    assertThat(proposed.status()).as(proposed.raw().body()).isEqualTo(201);
    List<String> types = new ArrayList<>();
    proposed.json().get("items").forEach(item -> types.add(item.get("artifact_type").asText()));
    // Without the model the heading is unknown and its entry is proposed as "other".
    assertThat(types).contains("experience", "education").doesNotContain("other");
    assertThat(proposed.json().get("warnings").toString())
        .contains(UnusualHeadings.UNUSUAL)
        .contains("by its meaning");
  }
}
