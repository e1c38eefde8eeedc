package io.cvtailor.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.invisibilityOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.numberOfElementsToBe;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvtailor.app.Api;
import io.cvtailor.app.Deployments;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web UI in a real headless Chromium against the real WAR: a person signs up, signs in, edits
 * the profile, keeps artifacts (added, embedded, filtered, edited with a version conflict, deleted)
 * and signs out. Screenshots of the main pages at phone and desktop width land in {@code
 * target/screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebUiIT {
  private static final String PASSWORD = "correct horse battery staple";
  private static final Duration EMBEDDING = Duration.ofSeconds(120);
  private static final Path SCREENSHOTS =
      Path.of(System.getProperty("basedir", "."), "target", "screenshots");

  private static Browser browser;

  @Deployment(testable = false)
  static WebArchive war() {
    return Deployments.builtWar();
  }

  @ArquillianResource URL deployment;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start(SCREENSHOTS);
  }

  @AfterAll
  static void quitBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

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

  /** Opens the app at this #/route as a new visitor: no cookie, nothing in memory. */
  private void freshVisit(String route) {
    browser.driver.get(deployment.toString());
    browser.driver.manage().deleteAllCookies();
    browser.driver.get(deployment + route);
    browser.driver.navigate().refresh();
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
    browser.onPage("Sign in");
    browser.statusSays("Your account is ready");
    assertThat(browser.value("email")).isEqualTo(email);
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
    browser.type("started_on", "March 2021");
    browser.type("ended_on", "2023");
    browser.type(
        "description", "Led the team that rebuilt card payments on Java 17 and PostgreSQL.");
    browser.type("content", "Cut checkout latency by 40%.\nMigrated 2 million cards safely.");
    browser.type("tags", "java, postgresql, payments");
    browser.click(By.id("artifact-save"));
    assertThat(browser.fieldError("started_on"))
        .contains("must be a date as YYYY, YYYY-MM or YYYY-MM-DD");
    browser.screenshots("artifact-form-errors");

    browser.type("started_on", "2021-03");
    browser.click(By.id("artifact-save"));
    browser.onPage("Artifacts");
    browser.statusSays("Saved “Payments platform at Acme”");
    long id = idOf("Payments platform at Acme");
    WebElement row = browser.visible(By.id("artifact-" + id));
    assertThat(row.getText()).contains("Acme Ltd", "2021-03 – 2023", "java", "payments");

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

  /** Only the page itself: ranking and CV generation get their browser steps with their APIs. */
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
