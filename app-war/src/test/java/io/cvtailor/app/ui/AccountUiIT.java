package io.cvtailor.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated;
import static org.openqa.selenium.support.ui.ExpectedConditions.textToBePresentInElementLocated;

import io.cvtailor.app.Api;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Issue 15 items 4 and 5 in a real headless Chromium: the Profile page shows the account's recent
 * activity and offers the export, and deleting the account asks for the password — a wrong one is
 * shown on the field and deletes nothing, the right one deletes and signs out. Screenshots (with
 * axe-core) in {@code target/screenshots/} (account-*).
 */
class AccountUiIT extends BrowserIT {

  @Test
  void theProfileShowsActivityAndDeletingTheAccountAsksForThePassword() {
    Api api = new Api(deployment);
    Api.User user = api.newUser("Leaver");
    browser.driver.get(deployment.toString());
    browser.driver.manage().deleteAllCookies();
    browser.driver.get("about:blank");
    browser.driver.get(deployment + "");
    browser.onPage("Sign in");
    browser.type("email", user.email());
    browser.type("password", user.password());
    browser.click(By.id("sign-in-submit"));
    browser.waiting().until(presenceOfElementLocated(By.id("sign-out")));

    browser.driver.get(deployment + "#/profile");
    browser.onPage("Profile");
    browser
        .waiting()
        .until(textToBePresentInElementLocated(By.id("activity-rows"), "Signed in (web session)"));
    assertThat(browser.visible(By.id("activity-rows")).getText())
        .contains("API token created")
        .contains("Signed in (api token)");
    assertThat(browser.visible(By.id("export-everything")).getAttribute("href"))
        .endsWith("api/v1/me/export");
    browser.assertEveryControlIsLabelled();
    browser.screenshots("account"); // with axe-core: no WCAG A/AA violation

    // A wrong password: shown on the field, nothing deleted.
    browser.type("delete-password", "not my password at all");
    browser.click(By.id("delete-account"));
    browser.click(By.id("confirm-ok"));
    assertThat(browser.fieldError("delete-password")).contains("not this account's password");
    assertThat(api.get("api/v1/me", user.token()).status()).isEqualTo(200);
    browser.screenshots("account-wrong-password");

    // The right one: the account is gone and the browser is signed out.
    browser.type("delete-password", user.password());
    browser.click(By.id("delete-account"));
    browser.click(By.id("confirm-ok"));
    browser.onPage("Sign in");
    browser.statusSays("have been deleted");
    assertThat(api.get("api/v1/me", user.token()).status()).isEqualTo(401);
  }
}
