package io.cvtailor.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvtailor.app.Api;
import io.cvtailor.app.Samples;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Issue 12 item 3 in a real headless Chromium: the saved CV is an editor a person drives with the
 * keyboard alone — remove an item, pin one, move it, choose and reword a bullet, regenerate — and
 * the preview and the stored CV follow. Screenshots in {@code target/screenshots/} (cv-editor-*).
 */
class CvEditorUiIT extends BrowserIT {

  /** The id part cv-view.js gives a skill: letters and digits, other characters by code. */
  private static String skillKey(String name) {
    StringBuilder key = new StringBuilder();
    for (char c : name.toCharArray()) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        key.append(c);
      } else {
        key.append('_').append(Integer.toHexString(c));
      }
    }
    return key.toString();
  }

  /** Presses a key on a control, as a keyboard user would after tabbing to it. */
  private static void press(String id, CharSequence key) {
    WebElement control = browser.visible(By.id(id));
    browser.script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus();", control);
    assertThat(browser.script("return document.activeElement.id;")).isEqualTo(id);
    control.sendKeys(key);
  }

  @Test
  void aPersonEditsACvWithTheKeyboardBeforeDownloadingIt() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("MaraEditor");
    Api.Reply imported =
        api.post("api/v1/artifacts/import", user.token(), Samples.demo("resume.json"));
    assertThat(imported.status()).as(imported.raw().body()).isIn(200, 201);
    JsonNode page = api.get("api/v1/artifacts?size=100", user.token()).json();
    for (JsonNode a : page.has("items") ? page.get("items") : page) {
      api.awaitEmbedded(a.get("id").asLong(), user.token());
    }
    Api.Reply created =
        api.post(
            "api/v1/cvs", user.token(), Map.of("job_description", Samples.demo("job-posting.txt")));
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    JsonNode cv = created.json();
    String id = cv.get("id").asText();
    JsonNode experience = cv.at("/sections/0");
    assertThat(experience.get("name").asText()).isEqualTo("experience");
    assertThat(experience.get("items").size()).isGreaterThanOrEqualTo(3);
    long first = experience.at("/items/0/artifact_id").asLong();
    long second = experience.at("/items/1/artifact_id").asLong();
    long last =
        experience.at("/items/" + (experience.get("items").size() - 1) + "/artifact_id").asLong();
    try {
      browser.driver.get(deployment.toString());
      browser.driver.manage().deleteAllCookies();
      browser.driver.get("about:blank");
      browser.driver.get(deployment + "");
      browser.onPage("Sign in");
      browser.type("email", user.email());
      browser.type("password", user.password());
      browser.click(By.id("sign-in-submit"));
      browser.waiting().until(presenceOfElementLocated(By.id("sign-out")));
      browser.driver.get(deployment + "#/cvs/" + id);
      browser.onPage("Saved CV");
      browser.waiting().until(presenceOfElementLocated(By.id("cv-editor")));
      assertThat(browser.visible(By.id("cv-name")).getText())
          .startsWith("Senior Backend Engineer, Payments Platform — Tallbacka Pay, 20");
      browser.assertEveryControlIsLabelled();
      browser.screenshots("cv-editor"); // with axe-core: no WCAG A/AA violation

      // Remove the second item (Space on its checkbox).
      press("cv-item-" + second + "-include", Keys.SPACE);
      browser.statusSays("Removed");
      assertThat(browser.driver.findElement(By.id("cv-item-" + second + "-include")).isSelected())
          .isFalse();
      // Pin the last one and move it up (Enter on buttons); focus stays on the control used.
      press("cv-item-" + last + "-pin", Keys.ENTER);
      browser.statusSays("Pinned");
      assertThat(browser.script("return document.activeElement.id;"))
          .isEqualTo("cv-item-" + last + "-pin");
      press("cv-item-" + last + "-up", Keys.ENTER);
      browser.statusSays("Moved");

      // Choose and reword the first item's first bullet.
      press("cv-item-" + first + "-edit-bullets", Keys.ENTER);
      WebElement wording = browser.visible(By.id("cv-item-" + first + "-wording-0"));
      assertThat(browser.script("return document.activeElement.id;"))
          .isEqualTo("cv-item-" + first + "-sentence-0");
      browser.assertEveryControlIsLabelled();
      browser.assertNoAxeViolations("cv-editor-bullets");
      browser.type("cv-item-" + first + "-wording-0", "Reworded in the browser by Mara");
      assertThat(wording.getDomProperty("value")).isEqualTo("Reworded in the browser by Mara");
      press("cv-item-" + first + "-save-bullets", Keys.ENTER);
      browser.statusSays("Saved");
      browser
          .waiting()
          .until(
              d ->
                  d.findElement(By.id("cv-editor")).getText().contains("edited by you")
                      && d.findElement(By.id("cv-editor"))
                          .getText()
                          .contains("Reworded in the browser by Mara"));
      browser.previewContains("Reworded in the browser by Mara");
      browser.screenshots("cv-editor-edited");

      // Skills like items (issue 12 item 3): untick the first, move the third up to the top.
      java.util.List<String> skills = new java.util.ArrayList<>();
      cv.get("skills").forEach(k -> skills.add(k.asText()));
      assertThat(skills).hasSizeGreaterThanOrEqualTo(3);
      String removedSkill = skills.get(0);
      String raisedSkill = skills.get(2);
      press("cv-skill-" + skillKey(removedSkill) + "-include", Keys.SPACE);
      browser.statusSays("Removed " + removedSkill);
      assertThat(browser.script("return document.activeElement.id;"))
          .isEqualTo("cv-skill-" + skillKey(removedSkill) + "-include");
      press("cv-skill-" + skillKey(raisedSkill) + "-up", Keys.ENTER);
      browser.statusSays("Moved " + raisedSkill + " up");
      JsonNode afterSkills = api.get("api/v1/cvs/" + id, user.token()).json();
      assertThat(afterSkills.at("/skills/0").asText()).isEqualTo(raisedSkill);
      assertThat(afterSkills.get("skills").toString()).doesNotContain("\"" + removedSkill + "\"");
      assertThat(afterSkills.get("excluded_skills").toString())
          .contains("\"" + removedSkill + "\"");
      browser.screenshots("cv-editor-skills");

      // Changed elsewhere meanwhile (another tab, the API): the next change in this editor is
      // refused (If-Match, 412), the editor shows the latest CV and says so; nothing is lost.
      Api.Reply elsewhere =
          api.call(
              "PATCH",
              "api/v1/cvs/" + id,
              user.token(),
              "application/json",
              "{\"company\": \"Changed elsewhere AB\"}");
      assertThat(elsewhere.status()).as(elsewhere.raw().body()).isEqualTo(200);
      press("cv-item-" + first + "-pin", Keys.ENTER);
      browser
          .waiting()
          .until(d -> d.findElement(By.id("alert")).getText().contains("changed elsewhere"));
      assertThat(browser.driver.findElement(By.id("cv-edit-company")).getDomProperty("value"))
          .isEqualTo("Changed elsewhere AB");
      assertThat(browser.driver.findElement(By.id("cv-item-" + first + "-pin")).getText())
          .isEqualTo("Pin");
      browser.assertNoAxeViolations("cv-editor-conflict");
      browser.assertMessagesInView("cv-editor-conflict"); // the alert, far down the page
      // Editing goes on from the latest version: pin, then unpin (the checks below hold), each
      // once the editor shows the answer to the one before.
      press("cv-item-" + first + "-pin", Keys.ENTER);
      browser
          .waiting()
          .until(d -> d.findElement(By.id("cv-item-" + first + "-pin")).getText().equals("Unpin"));
      press("cv-item-" + first + "-pin", Keys.ENTER);
      browser
          .waiting()
          .until(d -> d.findElement(By.id("cv-item-" + first + "-pin")).getText().equals("Pin"));
      assertThat(browser.driver.findElement(By.id("alert")).isDisplayed()).isFalse();

      // Regenerate: the edits are kept.
      press("cv-regenerate", Keys.ENTER);
      browser
          .waiting(Duration.ofSeconds(60))
          .until(
              d ->
                  String.valueOf(
                          browser.script("return document.getElementById('status').textContent;"))
                      .contains("your edits were kept"));
      browser.previewContains("Reworded in the browser by Mara");

      JsonNode stored = api.get("api/v1/cvs/" + id, user.token()).json();
      JsonNode items = stored.at("/sections/0/items");
      int moved = items.size() - 2; // one place up from the end
      assertThat(items.get(moved).get("artifact_id").asLong()).isEqualTo(last);
      assertThat(items.get(moved).get("pinned").asBoolean()).isTrue();
      boolean excluded = false;
      boolean edited = false;
      for (JsonNode item : items) {
        if (item.get("artifact_id").asLong() == second) {
          excluded = item.get("excluded").asBoolean();
        }
        if (item.get("artifact_id").asLong() == first) {
          edited = item.at("/bullets/0/edited").asBoolean();
        }
      }
      assertThat(excluded).isTrue();
      assertThat(edited).isTrue();
      String text = api.get("api/v1/cvs/" + id + "/text", user.token()).raw().body();
      assertThat(text).contains("Reworded in the browser by Mara");
      assertThat(text).doesNotContain(cv.at("/sections/0/items/1/title").asText());
      // The CV itself, as the preview and the HTML download show it, in every theme: axe-core's
      // WCAG A/AA rules, colour contrast of its links and text included (issue 12 item 6).
      for (String theme : java.util.List.of("classic", "modern", "compact")) {
        browser.driver.get(deployment + "api/v1/cvs/" + id + "/html?theme=" + theme);
        browser.waiting().until(d -> d.findElement(By.tagName("h1")).isDisplayed());
        browser.assertNoAxeViolations("cv-html-" + theme);
      }
    } catch (RuntimeException | AssertionError e) {
      browser.save("failure-cv-editor");
      throw e;
    }
  }
}
