package io.cvtailor.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.cvtailor.app.NpmPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its own chromedriver, offline: both paths are given
 * explicitly, so Selenium Manager never looks for (or downloads) a browser. Close it in a finally
 * block or {@code @AfterAll}: Chromium children otherwise linger.
 */
final class Browser implements AutoCloseable {
  static final int PHONE_WIDTH = 390;
  static final int NARROWEST_WIDTH = 360;
  static final int DESKTOP_WIDTH = 1280;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int VIEWPORT_HEIGHT = 900;

  final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;
  private final Path screenshots;
  private int width = DESKTOP_WIDTH;

  private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, Path shots) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
    this.screenshots = shots;
  }

  /** Starts the browser, or fails (never skips) with how to install it. */
  static Browser start(Path screenshots) {
    Path chromium = Path.of(System.getProperty("webui.chromium", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty("webui.chromedriver", "/usr/bin/chromedriver"));
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      throw new AssertionError(
          "The web UI tests need Chromium and chromedriver, but "
              + (Files.isExecutable(chromium) ? chromedriver : chromium)
              + " is missing. Install them with `apt-get install chromium chromium-driver`"
              + " (or run ./cvtailor test, which installs them).");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("cvtailor-chromium-");
      Files.createDirectories(screenshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--lang=en-US",
        "--window-size=" + DESKTOP_WIDTH + ",900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw e;
    }
    return new Browser(driver, service, profile, screenshots);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteTree(profile);
    }
  }

  // ---- finding and waiting (never sleeping) ----

  WebDriverWait waiting() {
    return waiting(WAIT);
  }

  /** Waits that also retry when a page re-rendered the element they were looking at. */
  WebDriverWait waiting(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Waits until the control with this id holds this value. */
  void valueBecomes(String id, String expected) {
    waiting().until(d -> expected.equals(d.findElement(By.id(id)).getDomProperty("value")));
  }

  WebElement visible(By locator) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** Waits for the page whose heading is this text. */
  void onPage(String heading) {
    waiting().until(ExpectedConditions.textToBe(By.cssSelector("#page h1"), heading));
  }

  /**
   * Keeps every text the status region shows from now on (in the page), so that a message a later
   * one replaced quickly — "Deleted …", then a background "… is ready for matching" — is still
   * seen. Started afresh before each click: what {@link #statusSays} finds was said after the last
   * click.
   */
  private static final String RECORD_STATUS =
      "const s = document.getElementById('status');"
          + "if (!s) { return; }"
          + "if (!window.__statusLog) {"
          + "  window.__statusLog = [];"
          + "  new MutationObserver(() => window.__statusLog.push(s.textContent))"
          + "    .observe(s, {childList: true, characterData: true, subtree: true});"
          + "}"
          + "window.__statusLog.length = 0;"
          + "window.__statusLog.push(s.textContent);";

  /** Waits until the polite status region says (or said since the last click) this text. */
  void statusSays(String text) {
    waiting()
        .until(
            d -> {
              Object said =
                  driver.executeScript(
                      "const s = document.getElementById('status');"
                          + "return (window.__statusLog || []).concat([s ? s.textContent : ''])"
                          + ".join('\\n');");
              return said != null && said.toString().contains(text);
            });
  }

  /** The error shown next to a form control (its id + "-error"). */
  String fieldError(String controlId) {
    return visible(By.id(controlId + "-error")).getText();
  }

  void click(By locator) {
    WebElement element = waiting().until(ExpectedConditions.elementToBeClickable(locator));
    driver.executeScript(RECORD_STATUS);
    element.click();
  }

  void type(String id, String text) {
    WebElement input = visible(By.id(id));
    input.clear();
    input.sendKeys(text);
  }

  void choose(String selectId, String value) {
    new Select(visible(By.id(selectId))).selectByValue(value);
  }

  String value(String id) {
    return visible(By.id(id)).getDomProperty("value");
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  // ---- checks that hold on every page ----

  /** Every visible form control has a label (or an aria-label). */
  void assertEveryControlIsLabelled() {
    @SuppressWarnings("unchecked")
    List<String> unlabelled =
        (List<String>)
            script(
                "return [...document.querySelectorAll('input, select, textarea')]"
                    + ".filter(e => e.type !== 'hidden' && e.offsetParent !== null)"
                    + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))"
                    + ".map(e => e.id || e.name || e.outerHTML);");
    assertThat(unlabelled).as("form controls without a label").isEmpty();
  }

  /**
   * axe-core (the npm package, pinned in src/test/axe/package.json) finds no WCAG 2.0/2.1 A or AA
   * violation on the page as it is now. Its report is kept beside the screenshots ({@code
   * axe-<name>.json}).
   */
  void assertNoAxeViolations(String name) {
    script(axeSource());
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    String violations =
        String.valueOf(
            ((JavascriptExecutor) driver)
                .executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                        + " axe.run(document, {runOnly: {type: 'tag', values:"
                        + " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id,"
                        + " impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))))"
                        + ".catch(e => done('axe failed: ' + e));"));
    try {
      Files.writeString(screenshots.resolve("axe-" + name + ".json"), violations);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(violations).as("axe-core violations on %s", name).isEqualTo("[]");
  }

  private static String axe;

  /** axe.min.js, installed with {@code npm ci} into target/axe the first time (NpmPackages). */
  private static synchronized String axeSource() {
    if (axe == null) {
      try {
        axe = Files.readString(NpmPackages.install("axe", "axe-core/axe.min.js"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return axe;
  }

  // ---- screenshots ----

  /**
   * Saves the whole page at phone and desktop width as {@code <name>-phone.png} and {@code
   * <name>-desktop.png}, and checks that nothing overflows sideways at the narrowest phone width.
   */
  void screenshots(String name) {
    assertNoAxeViolations(name);
    resize(NARROWEST_WIDTH);
    assertNoSidewaysScrolling(name);
    resize(PHONE_WIDTH);
    assertNoSidewaysScrolling(name);
    assertNoNestedScrolling(name);
    assertMessagesInView(name);
    save(name + "-phone");
    resize(DESKTOP_WIDTH);
    save(name + "-desktop");
  }

  /** A single screenshot of the whole page at the current width, e.g. of a failure. */
  void save(String name) {
    int height = ((Number) script("return document.documentElement.scrollHeight;")).intValue();
    emulate(width, Math.max(700, height));
    try {
      Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      emulate(width, VIEWPORT_HEIGHT);
    }
  }

  /** Sets the viewport width (through DevTools: windows have a minimum width, viewports not). */
  void resize(int newWidth) {
    width = newWidth;
    emulate(newWidth, VIEWPORT_HEIGHT);
    waiting().until(d -> ((Number) script("return window.innerWidth;")).intValue() == newWidth);
  }

  private void emulate(int w, int h) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", w, "height", h, "deviceScaleFactor", 1, "mobile", false));
  }

  /**
   * Issue 12: on a phone the page is the one thing that scrolls — no box that scrolls inside it
   * (text fields aside, which people scroll on purpose) and no frame (the CV preview is hidden).
   */
  private void assertNoNestedScrolling(String page) {
    Object nested =
        script(
            "const found = [];"
                + "for (const el of document.querySelectorAll('body *')) {"
                + "  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') continue;"
                + "  if (!el.getClientRects().length) continue;"
                + "  const s = getComputedStyle(el);"
                + "  if (s.visibility === 'hidden') continue;"
                + "  const scrolls = /(auto|scroll)/.test(s.overflowY)"
                + "      && el.scrollHeight > el.clientHeight + 1;"
                + "  if (scrolls || el.tagName === 'IFRAME')"
                + "    found.push(el.tagName + (el.id ? '#' + el.id : '') + '.' + el.className);"
                + "}"
                + "return found.join(', ');");
    assertThat(String.valueOf(nested))
        .as("%s scrolls inside the page at %d px", page, width)
        .isEmpty();
  }

  /** Status and alert messages, when there are any, are within the viewport (issue 12). */
  void assertMessagesInView(String page) {
    Object outside =
        script(
            "const out = [];"
                + "for (const id of ['status', 'alert']) {"
                + "  const el = document.getElementById(id);"
                + "  if (!el || el.hidden || !el.textContent.trim()) continue;"
                + "  const r = el.getBoundingClientRect();"
                + "  if (r.top < 0 || r.bottom > window.innerHeight || r.height === 0)"
                + "    out.push(id + ' ' + Math.round(r.top) + '..' + Math.round(r.bottom));"
                + "}"
                + "return out.join(', ');");
    assertThat(String.valueOf(outside))
        .as("%s: messages outside the viewport at %d px", page, width)
        .isEmpty();
  }

  private void assertNoSidewaysScrolling(String page) {
    Number overflow =
        (Number)
            script(
                "return document.documentElement.scrollWidth"
                    + " - document.documentElement.clientWidth;");
    assertThat(overflow.intValue())
        .as("%s overflows sideways at %d px", page, ((Number) script("return window.innerWidth;")))
        .isLessThanOrEqualTo(0);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary profile is harmless.
    }
  }

  /**
   * GETs a download link's URL inside the page (the session cookie, no token), as the person's
   * click would, and returns {@code status}, {@code disposition} and the body as {@code base64}.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> download(WebElement link) {
    assertThat(link.getDomAttribute("download")).as("a download link").isNotNull();
    return (Map<String, Object>)
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0].href, {credentials: 'same-origin'})"
                + ".then(async r => {"
                + "  const blob = await r.blob();"
                + "  const reader = new FileReader();"
                + "  reader.onload = () => done({status: r.status,"
                + "    disposition: r.headers.get('Content-Disposition') || '',"
                + "    base64: String(reader.result).replace(/^data:[^,]*,/, '')});"
                + "  reader.readAsDataURL(blob);"
                + "}).catch(e => done({status: -1, error: String(e)}));",
            link);
  }

  /**
   * Waits until the CV preview frame ({@code #cv-preview}) shows this text. The frame loads lazily
   * (as a person scrolls to it), so it is scrolled into view first, as a person would.
   */
  void previewContains(String text) {
    script("arguments[0].scrollIntoView({block: 'center'});", visible(By.id("cv-preview")));
    waiting().until(d -> previewText().contains(text));
  }

  /** Waits until the CV preview frame shows a CV (its person) without this text. */
  void previewLacks(String text, String person) {
    script("arguments[0].scrollIntoView({block: 'center'});", visible(By.id("cv-preview")));
    waiting()
        .until(
            d -> {
              String shown = previewText();
              return shown.contains(person) && !shown.contains(text);
            });
  }

  /** The text the CV preview frame shows now. */
  String previewText() {
    WebElement frame = visible(By.id("cv-preview"));
    return String.valueOf(
        script(
            "const doc = arguments[0].contentDocument;"
                + " return doc && doc.body ? doc.body.innerText : '';",
            frame));
  }
}
