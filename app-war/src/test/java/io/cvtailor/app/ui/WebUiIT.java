package io.cvtailor.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.app.Api;
import io.cvtailor.app.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web UI in a real headless Chromium against the real WAR: a person signs up, signs in, edits
 * the profile, keeps artifacts (added, embedded, filtered, edited with a version conflict, deleted)
 * and signs out. Screenshots of the main pages at phone and desktop width land in {@code
 * target/screenshots/}.
 */
class WebUiIT extends BrowserIT {
  private static final Duration EMBEDDING = Duration.ofSeconds(120);

  @Test
  void aPersonSignsUpKeepsTheirProfileAndArtifactsAndSignsOut() {
    String email = "ui-" + UUID.randomUUID() + "@example.org";
    try {
      freshVisit("");
      signUp(email);
      signIn(email);
      editProfile();
      long payments = addArtifactAndSeeItEmbedded();
      long railway = addSecondArtifact();
      filterByTypeAndText(payments, railway);
      editWithAVersionConflict(email, payments);
      delete(railway);
      tailorPage();
      signOut();
    } catch (RuntimeException | AssertionError e) {
      browser.save("failure-journey");
      throw e;
    }
  }

  /** PUT /me/profile answers 200; what it saved must be what GET /me shows after a reload. */
  @Test
  void theSavedProfileIsStillThereAfterAReload() {
    String email = "ui-profile-" + UUID.randomUUID() + "@example.org";
    Api api = new Api(deployment);
    Api.Reply registered =
        api.post(
            "api/v1/auth/register",
            null,
            Map.of("email", email, "password", PASSWORD, "display_name", "Bea Example"));
    assertThat(registered.status()).as(registered.raw().body()).isEqualTo(201);
    try {
      freshVisit("#/profile");
      browser.onPage("Sign in");
      browser.type("email", email);
      browser.type("password", PASSWORD);
      browser.click(By.id("sign-in-submit"));
      browser.onPage("Profile"); // where the visitor was going
      browser.valueBecomes("profile-name", "Bea Example");
      fillProfile();

      browser.driver.navigate().refresh();
      browser.onPage("Profile");
      browser.valueBecomes("profile-name", "Bea Example");
      assertThat(browser.value("profile-headline")).isEqualTo("Backend engineer, payments");
      assertThat(browser.value("profile-email")).isEqualTo("ada@example.org");
      assertThat(browser.value("profile-location")).isEqualTo("London, UK");
      assertThat(browser.visible(By.cssSelector("#links .link-url")).getDomProperty("value"))
          .isEqualTo("https://github.com/ada");
    } catch (RuntimeException | AssertionError e) {
      browser.save("failure-profile-reload");
      throw e;
    }
  }

  /**
   * The main journey: import a JSON Resume, rank it against a posting with each method, generate a
   * CV, read its coverage, preview it and download it (PDF, Markdown, JSON Resume) with the session
   * cookie, and find it among the saved CVs.
   */
  @Test
  void aPersonImportsAResumeAndTailorsACvToAPosting() {
    String email = "ui-tailor-" + UUID.randomUUID() + "@example.org";
    try {
      freshVisit("#/sign-up");
      browser.onPage("Create an account");
      browser.type("display_name", "Zoë Ångström");
      browser.type("email", email);
      browser.type("password", PASSWORD);
      browser.click(By.id("sign-up-submit"));
      browser.onPage("Get started");
      browser.statusSays("Your account is ready");

      importResume();
      browser.click(By.linkText("Tailor"));
      browser.onPage("Tailor a CV");
      browser.type("job_description", POSTING);
      browser.type("job_title", "Senior Backend Engineer");
      browser.type("company", "Kumo Pay");
      Map<String, String> fits = null;
      for (String method : List.of("semantic", "keyword", "hybrid")) {
        Map<String, String> these = rankWith(method);
        if (fits != null) {
          assertThat(these).as("the fit is the same whatever the method").isEqualTo(fits);
        }
        fits = these;
      }
      assertThat(fits.values())
          .as("the payments posting fits some artifact")
          .containsAnyOf("strong", "partial");
      // Each answered requirement links to its evidence artifact and quotes the passage.
      WebElement answered = browser.visible(By.id("requirements-answered"));
      assertThat(answered.findElements(By.cssSelector("li a[href^='#/artifacts/']"))).isNotEmpty();
      assertThat(answered.findElements(By.cssSelector("li q"))).isNotEmpty();
      browser.screenshots("tailor-ranked");
      staleResultsAreMarked();

      String cvId = generateCv();
      browser.screenshots("tailor-cv");
      previewShowsTheCv(cvId);
      browser.screenshots("tailor-preview");
      editsTheCv();
      downloads(cvId);
      savedCvsListIt(cvId);
      anUnrelatedPostingShowsNoStrongMatch();
      signOut();
    } catch (RuntimeException | AssertionError e) {
      browser.save("failure-tailor");
      throw e;
    }
  }

  private static final String PERSON = "Zoë Ångström";
  private static final String POSTING =
      """
      Senior Backend Engineer, Payments

      Kumo Pay builds card payments for small shops across Asia.

      Requirements:
      - Several years of experience building backend services in Java
      - Strong PostgreSQL skills, including query and index tuning
      - Experience designing REST APIs for card payment processing
      - Professional fluency in Japanese (JLPT N1)

      What we offer:
      - Flexible hours
      """;

  /** Imports the fixture through the file input and waits until every artifact is embedded. */
  private void importResume() {
    browser.click(By.linkText("Import"));
    browser.onPage("Import");
    browser.assertEveryControlIsLabelled();
    Path fixture =
        Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "fixtures")
            .resolve("resume-backend-engineer.json")
            .toAbsolutePath();
    browser.driver.findElement(By.id("import-file")).sendKeys(fixture.toString());
    browser.waiting().until(d -> browser.value("import-text").contains(PERSON));
    browser.click(By.id("import-submit"));
    browser
        .waiting()
        .until(textToBePresentInElementLocated(By.id("import-result"), "Imported 5 artifacts."));
    browser.statusSays("Imported 5 artifacts");
    browser.click(By.linkText("See your artifacts"));
    browser.onPage("Artifacts");
    browser.waiting().until(numberOfElementsToBe(By.cssSelector("#artifact-list .artifact"), 5));
    browser
        .waiting(EMBEDDING)
        .until(
            numberOfElementsToBe(
                By.cssSelector("#artifact-list .artifact .badge[data-status='ready']"), 5));
  }

  /**
   * Ranks with this method: fresh results, each with its fit in words (one notation: no
   * percentages) and its evidence; returns each artifact's fit.
   */
  private Map<String, String> rankWith(String method) {
    browser.click(By.id("method-" + method));
    List<WebElement> before = browser.driver.findElements(By.id("ranked-list"));
    browser.click(By.id("rank-submit"));
    if (!before.isEmpty()) {
      browser.waiting().until(ExpectedConditions.stalenessOf(before.get(0)));
    }
    browser.waiting().until(presenceOfElementLocated(By.cssSelector("#ranked-list .ranked-item")));
    browser.waiting().until(d -> d.findElement(By.id("rank-submit")).isEnabled());
    browser.statusSays("matching artifact");
    assertThat(browser.script("return document.activeElement.id;"))
        .as("focus moves to the results")
        .isEqualTo("rank-heading");
    assertThat(browser.driver.findElement(By.id("stale-note")).isDisplayed())
        .as("fresh results are not marked out of date")
        .isFalse();

    List<WebElement> items =
        browser.driver.findElements(By.cssSelector("#ranked-list .ranked-item"));
    assertThat(items).as("%s ranking", method).isNotEmpty();
    Map<String, String> fits = new java.util.TreeMap<>();
    for (WebElement item : items) {
      String text = item.getText();
      assertThat(item.findElement(By.cssSelector(".fit")).getText())
          .as("fit of %s (%s)", text, method)
          .isIn("Strong fit", "Partial fit", "Weak fit", "Unrelated");
      assertThat(text)
          .as("one notation: no percentage or similarity beside the fit (%s)", method)
          .doesNotContainPattern("\\d+ ?%")
          .doesNotContain("similarity", "Semantic", "Tags:");
      assertThat(item.findElement(By.cssSelector("h3")).getText()).doesNotStartWith("Artifact #");
      fits.put(item.getDomAttribute("data-id"), item.getDomAttribute("data-fit"));
    }
    assertThat(items.get(0).getText())
        .as("%s puts the bread baking last, not first", method)
        .doesNotContain("Sourdough");
    assertThat(browser.visible(By.id("fit-summary")).getText()).contains("Your best match is");
    return fits;
  }

  /** Changing the method or the posting marks the matches out of date until ranked again. */
  private void staleResultsAreMarked() {
    browser.click(By.id("method-keyword"));
    browser.waiting().until(d -> d.findElement(By.id("stale-note")).isDisplayed());
    assertThat(browser.visible(By.id("rank-results")).getDomAttribute("class")).contains("stale");
    browser.click(By.id("method-hybrid"));
    browser.waiting().until(d -> !d.findElement(By.id("stale-note")).isDisplayed());
    browser.visible(By.id("job_description")).sendKeys("\nNice to have: Kotlin.");
    browser.waiting().until(d -> d.findElement(By.id("stale-note")).isDisplayed());
    browser.screenshots("tailor-stale");
    rankWith("hybrid");
  }

  /** Issue 12: a paediatric nurse posting against a backend engineer shows no strong match. */
  private void anUnrelatedPostingShowsNoStrongMatch() {
    browser.click(By.linkText("Tailor"));
    browser.onPage("Tailor a CV");
    browser.type("job_description", Samples.NURSE_POSTING);
    browser.type("job_title", "");
    browser.type("company", "");
    browser.click(By.id("rank-submit"));
    browser.statusSays("matching artifact");
    browser.waiting().until(presenceOfElementLocated(By.cssSelector("#ranked-list .ranked-item")));
    List<WebElement> items =
        browser.driver.findElements(By.cssSelector("#ranked-list .ranked-item"));
    for (WebElement item : items) {
      assertThat(item.getDomAttribute("data-fit"))
          .as("fit of %s for a paediatric nurse posting", item.getText())
          .isIn("weak", "unrelated");
    }
    assertThat(browser.visible(By.id("fit-summary")).getText())
        .containsAnyOf("None of your artifacts fits", "only a weak fit");
    browser.screenshots("tailor-unrelated");
  }

  /** Generates the CV; coverage names covered and missing requirements; returns the CV's id. */
  private String generateCv() {
    browser.click(By.id("generate-cv"));
    WebElement heading =
        browser
            .waiting(Duration.ofSeconds(60))
            .until(presenceOfElementLocated(By.id("cv-heading")));
    assertThat(heading.getText()).isEqualTo("CV for Senior Backend Engineer");
    browser.statusSays("Your CV is ready");
    browser.statusSays("requirements");
    assertThat(browser.script("return document.activeElement.id;")).isEqualTo("cv-heading");

    assertThat(browser.visible(By.id("coverage-summary")).getText())
        .matches("[1-3] of 4 requirements covered\\.");
    assertThat(browser.visible(By.id("requirements-covered")).getText())
        .contains("Experience designing REST APIs for card payment processing")
        .doesNotContain("Japanese");
    assertThat(browser.visible(By.id("requirements-missing")).getText())
        .contains("Professional fluency in Japanese")
        .doesNotContain("REST APIs");
    // One notation (issue 12 item 1): each requirement reads in the fit words, no percentage;
    // a covered one links to the artifact that supports it.
    for (WebElement requirement :
        browser.driver.findElements(By.cssSelector("#cv-result .requirements li"))) {
      assertThat(requirement.getDomAttribute("data-fit"))
          .as(requirement.getText())
          .isIn("strong", "partial", "weak", "unrelated");
      assertThat(requirement.findElement(By.cssSelector(".fit")).getText())
          .isIn("Strong fit", "Partial fit", "Weak fit", "Unrelated");
    }
    assertThat(browser.visible(By.cssSelector(".coverage")).getText())
        .doesNotContainPattern("\\d+ ?%")
        .doesNotContainPattern("(?i)match \\d")
        .doesNotContain("similarity");
    assertThat(
            browser
                .visible(By.cssSelector("#requirements-covered li .evidence-link a"))
                .getDomAttribute("href"))
        .startsWith("#/artifacts/");

    String pdf = browser.visible(By.id("download-pdf")).getDomProperty("href");
    assertThat(pdf).startsWith(deployment.toString()).endsWith("/pdf");
    return pdf.replaceAll(".*/cvs/([^/]+)/pdf$", "$1");
  }

  /**
   * The journey includes editing (issue 12 item 7): the person removes an item of the CV in the
   * editor below it, from the keyboard; the preview (and so every download) follows.
   */
  private void editsTheCv() {
    browser.previewContains(PERSON);
    // An item whose title the preview prints once (not also in the CV's own title).
    String shown = browser.previewText();
    WebElement item =
        browser.driver.findElements(By.cssSelector("#cv-edit-sections .cv-edit-item")).stream()
            .filter(
                i -> {
                  String t = i.getDomAttribute("data-title");
                  return !t.isBlank()
                      && shown.indexOf(t) >= 0
                      && shown.indexOf(t) == shown.lastIndexOf(t);
                })
            .findFirst()
            .orElseThrow(() -> new AssertionError("no item with a title printed once: " + shown));
    String artifactId = item.getDomAttribute("data-artifact-id");
    String title = item.getDomAttribute("data-title");
    WebElement include = browser.visible(By.id("cv-item-" + artifactId + "-include"));
    browser.script("arguments[0].focus();", include);
    include.sendKeys(org.openqa.selenium.Keys.SPACE);
    browser.statusSays("Removed");
    assertThat(browser.driver.findElement(By.id("cv-item-" + artifactId + "-include")).isSelected())
        .isFalse();
    browser.previewLacks(title, PERSON);
    browser.screenshots("tailor-cv-edited");
    // Back in, so the downloads below show the whole CV.
    browser.script(
        "arguments[0].focus();",
        browser.driver.findElement(By.id("cv-item-" + artifactId + "-include")));
    browser
        .driver
        .findElement(By.id("cv-item-" + artifactId + "-include"))
        .sendKeys(org.openqa.selenium.Keys.SPACE);
    browser.statusSays("is in the CV again");
    browser.previewContains(title);
  }

  /** The preview frame shows /cvs/{id}/html, which names the person. */
  private void previewShowsTheCv(String cvId) {
    WebElement frame = browser.visible(By.id("cv-preview"));
    browser.script("arguments[0].scrollIntoView();", frame);
    assertThat(frame.getDomProperty("src")).isEqualTo(deployment + "api/v1/cvs/" + cvId + "/html");
    assertThat(frame.getDomAttribute("title")).isNotBlank();
    browser.previewContains(PERSON);
  }

  /** Every download link works with the session cookie alone, as a click on it would. */
  private void downloads(String cvId) {
    // A real click saves the file (Chromium asks nothing when downloads are allowed).
    Path folder = SCREENSHOTS.resolveSibling("downloads").toAbsolutePath();
    try {
      java.nio.file.Files.createDirectories(folder);
      try (var old = java.nio.file.Files.list(folder)) {
        for (Path file : old.toList()) {
          java.nio.file.Files.delete(file); // a file from an earlier run proves nothing
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    browser.driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", folder.toString()));
    browser.click(By.id("download-pdf"));
    Path saved =
        browser
            .waiting(Duration.ofSeconds(30))
            .until(
                d -> {
                  try (var files = java.nio.file.Files.list(folder)) {
                    return files
                        .filter(f -> f.getFileName().toString().endsWith(".pdf"))
                        .filter(f -> f.toFile().length() > 0)
                        .findFirst()
                        .orElse(null);
                  } catch (java.io.IOException e) {
                    return null;
                  }
                });
    assertThat(saved.getFileName().toString()).startsWith("cv-zoe-angstrom");

    Map<String, Object> pdf = browser.download(browser.visible(By.id("download-pdf")));
    assertThat(pdf.get("status")).isEqualTo(200L);
    assertThat((String) pdf.get("disposition")).startsWith("attachment");
    byte[] bytes = java.util.Base64.getDecoder().decode((String) pdf.get("base64"));
    assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(bytes)) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
      assertThat(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC))
          .contains(PERSON);
    } catch (java.io.IOException e) {
      throw new AssertionError("the PDF cannot be read", e);
    }

    for (String format : List.of("markdown", "json-resume")) {
      WebElement link =
          browser.visible(By.cssSelector("#cv-result .downloads a[href$='/" + format + "']"));
      Map<String, Object> reply = browser.download(link);
      assertThat(reply.get("status")).as(format).isEqualTo(200L);
      assertThat(
              new String(
                  java.util.Base64.getDecoder().decode((String) reply.get("base64")),
                  java.nio.charset.StandardCharsets.UTF_8))
          .as(format)
          .contains(PERSON);
    }
  }

  private void savedCvsListIt(String cvId) {
    browser.click(By.linkText("All saved CVs"));
    browser.onPage("Saved CVs");
    WebElement item = browser.visible(By.cssSelector("#cv-list .cv-item[data-id='" + cvId + "']"));
    assertThat(item.getText())
        .contains("Senior Backend Engineer")
        .containsPattern("covers \\d+ of \\d+ requirements")
        .doesNotContainPattern("\\d+ ?%");
    browser.screenshots("saved-cvs");
    browser.click(By.cssSelector("#cv-list .cv-item[data-id='" + cvId + "'] h2 a"));
    browser.onPage("Saved CV");
    browser.visible(By.id("coverage-summary"));
  }

  /** Opens the app at this #/route as a new visitor: no cookie, nothing in memory. */
  private void freshVisit(String route) {
    browser.driver.get(deployment.toString());
    browser.driver.manage().deleteAllCookies();
    // A full load, not a hash change: the old page must not act on the missing cookie first.
    browser.driver.get("about:blank");
    browser.driver.get(deployment + route);
  }

  private void signUp(String email) {
    browser.onPage("Sign in");
    browser.assertEveryControlIsLabelled();
    browser.screenshots("sign-in");

    browser.click(By.id("to-sign-up"));
    browser.onPage("Create an account");
    browser.type("display_name", "Ada Example");
    browser.type("email", email);
    browser.type("password", "short");
    browser.click(By.id("sign-up-submit"));
    assertThat(browser.fieldError("password")).contains("must be 10 to 200 characters long");
    assertThat(browser.visible(By.id("password")).getDomAttribute("aria-invalid"))
        .isEqualTo("true");
    browser.screenshots("sign-up-errors");

    browser.type("password", PASSWORD);
    browser.click(By.id("sign-up-submit"));
    // Issue 12: signing up signs the person in and opens the first-run guide.
    browser.onPage("Get started");
    browser.statusSays("Your account is ready");
    assertThat(browser.visible(By.id("who")).getText()).contains("Ada Example");
    assertThat(browser.visible(By.id("first-run-steps")).getText())
        .contains("Your profile", "Your career", "Tailor to a posting");
    navigationKeepsTheOperatorPageAside();
    browser.screenshots("first-run");

    // The sample posting is one click away.
    browser.click(By.id("use-sample-posting"));
    browser.onPage("Tailor a CV");
    browser.waiting().until(d -> browser.value("job_description").length() > 200);
    browser.statusSays("The sample posting is filled in");

    // Sign out, so that signing in is tried as well.
    browser.click(By.id("sign-out"));
    browser.onPage("Sign in");
    browser.type("email", email);
  }

  /** The operator's Embeddings page is not in the main navigation; the footer links it. */
  private void navigationKeepsTheOperatorPageAside() {
    assertThat(browser.driver.findElements(By.cssSelector("#nav a[href='#/embeddings']")))
        .as("Embeddings in the main navigation")
        .isEmpty();
    assertThat(browser.visible(By.cssSelector("#operator-links a")).getDomAttribute("href"))
        .isEqualTo("#/embeddings");
  }

  private void signIn(String email) {
    browser.type("password", "not the password");
    browser.click(By.id("sign-in-submit"));
    assertThat(browser.visible(By.id("sign-in-errors")).getText())
        .contains("Wrong e-mail or password");

    browser.type("email", email);
    browser.type("password", PASSWORD);
    browser.click(By.id("sign-in-submit"));
    browser.onPage("Artifacts");
    browser.statusSays("Signed in as Ada Example");
    assertThat(browser.visible(By.id("who")).getText()).contains("Ada Example");
    browser
        .waiting()
        .until(textToBePresentInElementLocated(By.id("artifact-count"), "No artifacts yet"));
  }

  private void editProfile() {
    browser.click(By.linkText("Profile"));
    browser.onPage("Profile");
    browser.valueBecomes("profile-name", "Ada Example");
    fillProfile();
    browser.assertEveryControlIsLabelled();
    browser.screenshots("profile");

    // A reload restores the session from the cookie (GET /auth/session): still signed in.
    browser.driver.navigate().refresh();
    browser.onPage("Profile");
    assertThat(browser.visible(By.id("who")).getText()).contains("Ada Example");
  }

  /** Fills in the profile, first with two mistakes the server names, then correctly; saves. */
  private void fillProfile() {
    browser.type("profile-headline", "Backend engineer, payments");
    browser.type("profile-phone", "+44 20 7946 0000");
    browser.type("profile-location", "London, UK");
    browser.type("profile-summary", "Ten years of building payment systems on the JVM.");
    browser.type("profile-email", "not-an-email");
    browser.click(By.id("add-link"));
    browser.visible(By.cssSelector("#links .link-row:last-child .link-label")).sendKeys("GitHub");
    WebElement url = browser.visible(By.cssSelector("#links .link-row:last-child .link-url"));
    url.sendKeys("ftp://example.org/ada");
    browser.click(By.id("profile-save"));

    assertThat(browser.fieldError("profile-email")).contains("must be an e-mail address");
    assertThat(browser.fieldError(url.getDomAttribute("id")))
        .contains("must be an http or https URL");

    browser.type("profile-email", "ada@example.org");
    url.clear();
    url.sendKeys("https://github.com/ada");
    browser.click(By.id("profile-save"));
    browser.statusSays("Profile saved");
    browser.waiting().until(invisibilityOfElementLocated(By.id("profile-errors")));
  }

  private long addArtifactAndSeeItEmbedded() {
    browser.click(By.linkText("Artifacts"));
    browser.onPage("Artifacts");
    browser.click(By.id("add-artifact"));
    browser.onPage("Add artifact");
    browser.assertEveryControlIsLabelled();
    browser.screenshots("artifact-form");

    browser.type("title", "Payments platform at Acme");
    browser.choose("artifact_type", "experience");
    browser.type("organization", "Acme Ltd");
    browser.type("started_on", "Smarch 2021");
    browser.type("ended_on", "03/2023");
    browser.type(
        "description", "Led the team that rebuilt card payments on Java 17 and PostgreSQL.");
    browser.type("content", "Cut checkout latency by 40%.\nMigrated 2 million cards safely.");
    browser.type("tags", "java, postgresql, payments");
    browser.click(By.id("artifact-save"));
    assertThat(browser.fieldError("started_on"))
        .contains("must be a date such as 2020, March 2020, 03/2020 or 2020-03");
    browser.screenshots("artifact-form-errors");

    // Issue 12: a date as people write it is accepted (and shown normalised once typed).
    browser.type("started_on", "March 2021");
    browser.click(By.id("title"));
    browser.valueBecomes("started_on", "2021-03");
    browser.valueBecomes("ended_on", "2023-03"); // "03/2023", as typed above
    browser.click(By.id("artifact-save"));
    browser.onPage("Artifacts");
    browser.statusSays("Saved “Payments platform at Acme”");
    long id = idOf("Payments platform at Acme");
    WebElement row = browser.visible(By.id("artifact-" + id));
    assertThat(row.getText()).contains("Acme Ltd", "2021-03 – 2023-03", "java", "payments");

    // The badge refreshes by itself while the embedding is pending.
    browser
        .waiting(EMBEDDING)
        .until(
            presenceOfElementLocated(
                By.cssSelector("#artifact-" + id + " .badge[data-status='ready']")));
    browser.screenshots("artifacts");
    return id;
  }

  private long addSecondArtifact() {
    browser.click(By.id("add-artifact"));
    browser.onPage("Add artifact");
    browser.type("title", "Model railway club treasurer");
    browser.choose("artifact_type", "volunteer");
    browser.type("description", "Kept the books of the model railway club; organised shows.");
    browser.type("started_on", "2019"); // a year alone, as people write it
    browser.click(By.id("visibility-public"));
    browser.click(By.id("artifact-save"));
    browser.onPage("Artifacts");
    return idOf("Model railway club treasurer");
  }

  private void filterByTypeAndText(long payments, long railway) {
    browser.waiting().until(numberOfElementsToBe(By.cssSelector("#artifact-list .artifact"), 2));

    browser.choose("filter-type", "volunteer");
    browser.waiting().until(numberOfElementsToBe(By.cssSelector("#artifact-list .artifact"), 1));
    browser.visible(By.id("artifact-" + railway));

    browser.choose("filter-type", "");
    browser.type("filter-q", "payments");
    browser.click(By.id("filter-apply"));
    browser.waiting().until(numberOfElementsToBe(By.cssSelector("#artifact-list .artifact"), 1));
    browser.visible(By.id("artifact-" + payments));

    browser.type("filter-q", "");
    browser.click(By.id("filter-apply"));
    browser.waiting().until(numberOfElementsToBe(By.cssSelector("#artifact-list .artifact"), 2));
  }

  /** Someone else saves the artifact while the form is open: the UI says so, nothing is lost. */
  private void editWithAVersionConflict(String email, long id) {
    browser.click(By.cssSelector("#artifact-" + id + " .artifact-title a"));
    browser.onPage("Edit artifact");
    assertThat(browser.value("title")).isEqualTo("Payments platform at Acme");
    assertThat(browser.value("tags")).isEqualTo("java, postgresql, payments");
    assertThat(browser.value("started_on")).isEqualTo("2021-03");

    Api api = new Api(deployment);
    String token =
        api.post(
                "api/v1/auth/tokens",
                null,
                Map.of("email", email, "password", PASSWORD, "name", "conflict"))
            .json()
            .get("token")
            .asText();
    ObjectNode current = (ObjectNode) api.get("api/v1/artifacts/" + id, token).json();
    current.put("title", "Payments platform at Acme (edited elsewhere)");
    Api.Reply changed = api.put("api/v1/artifacts/" + id, token, current);
    assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);

    browser.type("title", "Card payments platform at Acme");
    browser.click(By.id("artifact-save"));
    assertThat(browser.visible(By.id("artifact-errors")).getText())
        .contains("changed somewhere else", "Your edits are still in the form");
    assertThat(browser.value("title")).isEqualTo("Card payments platform at Acme");
    browser.screenshots("artifact-conflict");

    browser.click(By.id("reload-latest"));
    browser.valueBecomes("title", "Payments platform at Acme (edited elsewhere)");
    browser.type("title", "Card payments platform at Acme");
    browser.click(By.id("artifact-save"));
    browser.onPage("Artifacts");
    browser.statusSays("Saved “Card payments platform at Acme”");
    JsonNode saved = api.get("api/v1/artifacts/" + id, token).json();
    assertThat(saved.get("title").asText()).isEqualTo("Card payments platform at Acme");
    assertThat(saved.get("version").asLong()).isGreaterThan(changed.json().get("version").asLong());
  }

  private void delete(long id) {
    browser.click(By.cssSelector("#artifact-" + id + " button.danger"));
    WebElement dialog = browser.visible(By.cssSelector("dialog.confirm"));
    assertThat(dialog.getText()).contains("Delete “Model railway club treasurer”?");
    browser.click(By.id("confirm-ok"));
    browser.statusSays("Deleted “Model railway club treasurer”");
    browser.waiting().until(invisibilityOfElementLocated(By.id("artifact-" + id)));
    browser.waiting().until(numberOfElementsToBe(By.cssSelector("#artifact-list .artifact"), 1));
  }

  /** Only the page itself: ranking and CV generation are in the tailoring journey. */
  private void tailorPage() {
    browser.click(By.linkText("Tailor"));
    browser.onPage("Tailor a CV");
    browser.type(
        "job_description",
        "Senior backend engineer. You have built payment systems in Java and PostgreSQL.");
    browser.assertEveryControlIsLabelled();
    browser.screenshots("tailor");
  }

  private void signOut() {
    browser.click(By.id("sign-out"));
    browser.onPage("Sign in");
    browser.statusSays("You are signed out");
    browser.driver.get(deployment + "#/profile");
    browser.driver.navigate().refresh();
    browser.onPage("Sign in");
  }

  /** The id of the listed artifact with this title. */
  private long idOf(String title) {
    WebElement row =
        browser.visible(
            By.xpath(
                "//li[contains(@class,'artifact')][.//h2[normalize-space()='" + title + "']]"));
    return Long.parseLong(row.getDomAttribute("data-id"));
  }
}
