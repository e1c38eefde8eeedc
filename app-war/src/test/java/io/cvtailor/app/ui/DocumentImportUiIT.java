package io.cvtailor.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import io.cvtailor.documents.fixtures.Layouts;
import io.cvtailor.documents.fixtures.Persona;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A person uploads their PDF CV in the web UI, reviews the proposal beside the document's text,
 * edits an entry, drops another and merges a third into the one above, confirms, sees the artifacts
 * embedded, tailors a CV in the modern theme and downloads it as DOCX. Screenshots go to {@code
 * target/screenshots/}.
 */
class DocumentImportUiIT extends BrowserIT {
  @Test
  void aPersonImportsTheirPdfCvReviewsItAndDownloadsATailoredDocx() throws Exception {
    Persona sunniva =
        Persona.all().stream().filter(p -> p.key().equals("sunniva")).findFirst().orElseThrow();
    Layouts.Rendered pdf = Layouts.render(sunniva, "single-column");
    Path file = Files.createTempDirectory("cv-upload").resolve("sunniva-haugen-cv.pdf");
    Files.write(file, pdf.bytes());

    browser.driver.get(deployment + "#/sign-up");
    browser.onPage("Create an account");
    String email = "ui-documents-" + UUID.randomUUID() + "@example.org";
    browser.type("display_name", "Sunniva Haugen");
    browser.type("email", email);
    browser.type("password", PASSWORD);
    browser.click(By.id("sign-up-submit"));
    browser.onPage("Get started"); // signing up signs in (issue 12)

    browser.click(By.linkText("Import"));
    browser.onPage("Import");
    browser.assertEveryControlIsLabelled();
    browser.driver.findElement(By.id("document-file")).sendKeys(file.toAbsolutePath().toString());
    browser.click(By.id("document-submit"));

    browser
        .waiting(Duration.ofSeconds(60))
        .until(
            org.openqa.selenium.support.ui.ExpectedConditions.textToBe(
                By.cssSelector("#page h1"), "Review the import"));
    browser.statusSays("entries proposed");
    assertThat(browser.visible(By.id("extracted-text")).getText())
        .contains("Vestkyst Health Trust")
        .contains("EXPERIENCE");
    int proposed = browser.driver.findElements(By.cssSelector(".proposal-item")).size();
    assertThat(proposed).isEqualTo(pdf.labels().size());
    assertThat(browser.value("item-0-title")).isEqualTo("Health Data Analyst");
    assertThat(browser.value("review-profile-name")).isEqualTo("Sunniva Haugen");
    browser.assertEveryControlIsLabelled();
    browser.screenshots("import-review");

    browser.type("item-0-title", "Health Data Analyst (patient flow)");
    clickCentered(By.id("item-1-keep"));
    // merge the second education entry into the first: one entry, its text kept in the first
    assertThat(browser.value("item-3-title")).startsWith("Master's in Health Data Science");
    assertThat(browser.value("item-4-title")).isEqualTo("Bachelor of Nursing");
    clickCentered(By.id("item-4-merge"));
    browser.statusSays("Merged into Master's in Health Data Science");
    assertThat(browser.driver.findElements(By.cssSelector(".proposal-item"))).hasSize(proposed - 1);
    assertThat(browser.value("item-3-description")).contains("Bachelor of Nursing");
    assertThat(browser.value("item-0-title")).isEqualTo("Health Data Analyst (patient flow)");
    browser.type("item-2-started", "2013-13");
    clickCentered(By.id("review-confirm"));
    // the invalid month is named on its entry and nothing is created
    browser.waiting().until(d -> !browser.fieldError("item-2-started").isBlank());
    assertThat(browser.fieldError("item-2-started")).contains("date");
    browser.screenshots("import-review-errors");
    browser.type("item-2-started", "2013-08");
    clickCentered(By.id("review-confirm"));

    browser.onPage("Artifacts");
    // one entry dropped, one merged into another
    int created = proposed - 2;
    browser.statusSays("Created " + created + " artifacts");
    browser
        .waiting()
        .until(
            textToBePresentInElementLocated(
                By.id("artifact-count"), "of " + created + " artifacts"));
    // All of them (the list shows a page at a time): the edited title, not the dropped entry,
    // and every one embedded before tailoring.
    browser
        .waiting(Duration.ofSeconds(180))
        .until(d -> artifacts().stream().allMatch(a -> "ready".equals(a.get("embedding_status"))));
    List<Object> titles = artifacts().stream().map(a -> a.get("title")).toList();
    assertThat(titles)
        .hasSize(created)
        .contains("Health Data Analyst (patient flow)")
        .doesNotContain("Clinical Informatics Nurse", "Bachelor of Nursing");
    browser.screenshots("import-artifacts");

    browser.click(By.linkText("Tailor"));
    browser.onPage("Tailor a CV");
    browser.type(
        "job_description",
        "Health data analyst for a hospital trust. Requirements:\n"
            + "- SQL Server and Power BI reporting\n- Clinical background, patient flow\n"
            + "- Python or R for statistics");
    browser.type("job_title", "Health Data Analyst");
    browser.choose("theme", "modern");
    browser.click(By.id("generate-cv"));
    browser.waiting(Duration.ofSeconds(60)).until(presenceOfElementLocated(By.id("cv-heading")));
    browser.statusSays("Your CV is ready");
    browser.screenshots("import-tailored-cv");

    WebElement docx = browser.visible(By.id("download-docx"));
    Map<String, Object> reply = browser.download(docx);
    assertThat(reply.get("status")).isEqualTo(200L);
    assertThat((String) reply.get("disposition")).contains(".docx");
    byte[] bytes = java.util.Base64.getDecoder().decode((String) reply.get("base64"));
    try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes));
        XWPFWordExtractor text = new XWPFWordExtractor(document)) {
      assertThat(text.getText()).contains("Sunniva Haugen").contains("Health Data Analyst");
    }
  }

  /** Scrolls the control to the middle first: the sticky confirm bar covers the page's bottom. */
  private void clickCentered(By locator) {
    WebElement element = browser.visible(locator);
    browser.script("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  /** The signed-in person's artifacts, read with the session cookie as the page would. */
  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> artifacts() {
    return (List<Map<String, Object>>)
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('api/v1/artifacts?size=100', {credentials: 'same-origin'})"
                + ".then(r => r.json()).then(p => done(p.items))"
                + ".catch(e => done([]));");
  }
}
