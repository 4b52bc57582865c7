package io.cordum.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cordum.core.Cordum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.JsonNode;

/**
 * The web console in a real headless Chromium (Debian's, driven by Selenium through its
 * chromedriver), against a gateway over an in-memory control plane with a worker and a policy that
 * holds {@code job.hold} for approval. Each flow the issue names: sign in, submit a job and see it
 * succeed live, approve a held job, retry a dead letter with edited input, follow a workflow run to
 * its end, and a viewer key denied an action (hidden in the page, refused by the server). Every
 * page is also opened and checked for errors, labels and console errors, on a wide and a narrow
 * screen. Screenshots go to {@code target/console-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {
  static final String POLICY =
      """
      rules:
        - id: hold
          match: { topics: ["job.hold"] }
          decision: require_approval
          reason: a person must look at it
      """;

  Browser browser;
  Backend backend;
  Cordum cordum;
  Gateway gateway;
  Http admin;
  Http viewer;
  String base;

  String missing;

  @BeforeAll
  void start() throws IOException {
    // Without a browser every test is reported skipped, each with the reason (not silently
    // zero tests); under CI=true this fails.
    missing = Browser.missing();
    if (missing != null) {
      System.err.println("SKIPPED ConsoleBrowserTest: " + missing);
      return;
    }
    browser = Browser.start();
    backend = Backend.memory();
    Path policy = Files.createTempFile("cordum-console-policy", ".yaml");
    Files.writeString(policy, POLICY);
    policy.toFile().deleteOnExit();
    cordum = backend.cordum().policy(policy).build().start();
    backend.worker(cordum, "w1");
    gateway =
        Gateway.builder()
            .cordum(cordum)
            .authProvider(new RoleKeys("default"))
            .config(
                GatewayConfig.builder()
                    .port(0)
                    .rateLimitPerSecond(0)
                    .streamPingInterval(Duration.ofSeconds(5))
                    .build())
            .build()
            .start();
    base = gateway.uri().toString();
    admin = new Http(gateway.uri()).with("X-API-Key", RoleKeys.ADMIN);
    viewer = new Http(gateway.uri()).with("X-API-Key", RoleKeys.VIEWER);
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (cordum != null) {
      cordum.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  @BeforeEach
  void wide() {
    org.junit.jupiter.api.Assumptions.assumeTrue(missing == null, () -> missing);
    browser.size(1366, 900);
  }

  // ---------------------------------------------------------------- helpers

  void signIn(String key) {
    // Forget the last key on a page of the same origin that runs no console code.
    browser.driver.get(base + "/console/favicon.svg");
    browser.js("sessionStorage.clear()");
    browser.driver.get(base + "/console#/");
    WebElement input = browser.waitFor(By.id("api-key"));
    input.sendKeys(key);
    input.sendKeys(Keys.ENTER);
    browser.waitFor(By.cssSelector("#nav a"));
  }

  /** Clicks an element of a page that re-renders itself as it follows live changes. */
  void click(By by) {
    browser
        .await()
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d -> {
              d.findElement(by).click();
              return true;
            });
  }

  void open(String hash) {
    browser.driver.get(base + "/console#" + hash);
    browser.waitFor(By.cssSelector("main h1"));
  }

  String submit(String topic, String prompt) {
    Http.Resp r =
        admin.post("/api/v1/jobs", "{\"topic\":\"" + topic + "\",\"prompt\":\"" + prompt + "\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().get("job_id").asString();
  }

  JsonNode job(String id) {
    return admin.get("/api/v1/jobs/" + id).json();
  }

  void awaitState(String id, String state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> job(id).get("state").asString(), s -> s.equals(state));
  }

  /** No error box on the page, and no script errors in the console. */
  void noErrors(String page) {
    assertThat(browser.driver.findElements(By.cssSelector("main .error")))
        .as(
            "error shown on %s: %s",
            page,
            browser.driver.findElements(By.cssSelector("main .error")).stream()
                .map(WebElement::getText)
                .toList())
        .isEmpty();
    assertThat(browser.consoleErrors()).as("console errors on %s", page).isEmpty();
  }

  /** Every form control has an accessible name (a label, aria-label or aria-labelledby). */
  void labelled(String page) {
    @SuppressWarnings("unchecked")
    List<String> unlabelled =
        (List<String>)
            browser.js(
                """
        return [...document.querySelectorAll('main input, main select, main textarea, dialog input, dialog textarea, dialog select')]
          .filter(e => e.type !== 'hidden')
          .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
          .map(e => e.name || e.outerHTML.slice(0, 80));
        """);
    assertThat(unlabelled).as("controls without a label on %s", page).isEmpty();
  }

  // ---------------------------------------------------------------- flows

  @Test
  void signInKeepsTheKeyForTheTabOnlyAndRefusesAWrongKey() {
    browser.driver.get(base + "/console/favicon.svg");
    browser.js("sessionStorage.clear(); localStorage.clear();");
    browser.driver.get(base + "/console");
    WebElement input = browser.waitFor(By.id("api-key"));
    assertThat(browser.driver.findElement(By.cssSelector("label[for=api-key]")).getText())
        .contains("API key");
    browser.shot("01-sign-in");
    input.sendKeys("wrong-key", Keys.ENTER);
    browser.waitForText(By.cssSelector("main [role=alert]"), "This key is not valid.");
    input = browser.driver.findElement(By.id("api-key"));
    input.clear();
    input.sendKeys(RoleKeys.ADMIN, Keys.ENTER);
    browser.waitFor(By.cssSelector("#nav a"));
    browser.waitForText(By.id("who"), "alice");
    assertThat(browser.js("return sessionStorage.getItem('cordum.console.key')"))
        .isEqualTo(RoleKeys.ADMIN);
    assertThat(browser.js("return localStorage.length")).isEqualTo(0L);
    assertThat(browser.driver.manage().getCookies()).isEmpty();
    browser.waitFor(By.cssSelector("a.stat"));
    browser.shot("02-overview");
    noErrors("overview");
  }

  @Test
  void aSubmittedJobSucceedsLiveOnTheListAndOnItsPage() {
    signIn(RoleKeys.ADMIN);
    open("/jobs");
    browser.waitForText(By.cssSelector(".live"), "live");
    // A job submitted elsewhere appears and succeeds on the open list, without a reload.
    String id = submit("job.test", "seen live");
    browser
        .await()
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-job='" + id + "'][data-state='SUCCEEDED']")));
    browser.shot("03-jobs");
    // Submitted from the console: its page follows it to SUCCEEDED with its output.
    browser.driver.findElement(By.xpath("//button[normalize-space()='Submit a job']")).click();
    WebElement topic = browser.waitFor(By.cssSelector("dialog input[name=topic]"));
    topic.clear();
    topic.sendKeys("job.test");
    browser
        .driver
        .findElement(By.cssSelector("dialog input[name=prompt]"))
        .sendKeys("from the console");
    browser
        .driver
        .findElement(By.cssSelector("dialog textarea[name=context]"))
        .sendKeys("{\"api_token\": \"s3cr3t-value\", \"n\": 1}");
    labelled("submit dialog");
    browser.driver.findElement(By.cssSelector("dialog button[type=submit]")).click();
    browser.waitForText(By.id("job-state"), "SUCCEEDED");
    browser.waitForText(By.cssSelector("main"), "echo");
    // The page fills its sections as their data arrives: wait for all of them, then check. The
    // history is asserted by SCHEDULED, which every dispatched job has: a result that beats the
    // scheduler's RUNNING write moves the job from SCHEDULED straight to SUCCEEDED.
    browser
        .await()
        .until(
            d -> {
              String text = d.findElement(By.tagName("main")).getText();
              return text.contains("State history")
                  && text.contains("SCHEDULED")
                  && text.contains("Safety decisions");
            });
    String page = browser.driver.findElement(By.tagName("main")).getText();
    assertThat(page).contains("State history").contains("SCHEDULED").contains("Safety decisions");
    assertThat(page).doesNotContain("s3cr3t-value").contains("••••••");
    browser.shot("04-job");
    noErrors("job page");
  }

  @Test
  void aHeldJobSaysWhyItWaitsAndIsApproved() {
    String id = submit("job.hold", "needs a look");
    awaitState(id, "APPROVAL_REQUIRED");
    signIn(RoleKeys.ADMIN);
    open("/jobs/" + id);
    browser.waitForText(By.id("why"), "approve");
    assertThat(browser.driver.findElement(By.id("why")).getText())
        .contains("Why is this waiting?")
        .contains("rule hold");
    browser.shot("05-job-waiting-for-approval");
    open("/approvals");
    browser.waitFor(By.cssSelector("button[data-approve='" + id + "']"));
    browser.shot("06-approvals");
    click(By.cssSelector("button[data-approve='" + id + "']"));
    browser.waitFor(By.cssSelector("dialog input[name=reason]")).sendKeys("looked at it");
    labelled("approve dialog");
    browser.driver.findElement(By.cssSelector("dialog button[type=submit]")).click();
    awaitState(id, "SUCCEEDED");
    assertThat(job(id).get("approval_by").asString()).isEqualTo("alice");
    assertThat(job(id).get("approval_reason").asString()).isEqualTo("looked at it");
    browser
        .await()
        .until(
            ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("button[data-approve='" + id + "']")));
    noErrors("approvals");
  }

  @Test
  void aDeadLetterIsRetriedWithEditedInput() {
    String id = submit("job.test", "please fail");
    awaitState(id, "FAILED");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin.get("/api/v1/jobs/" + id).json().has("error_code"));
    signIn(RoleKeys.ADMIN);
    open("/dlq");
    WebElement retry = browser.waitFor(By.cssSelector("button[data-retry='" + id + "']"));
    assertThat(browser.driver.findElement(By.cssSelector("tr[data-job='" + id + "']")).getText())
        .contains("boom");
    browser.shot("07-dlq");
    retry.click();
    WebElement edit = browser.waitFor(By.cssSelector("dialog input[name=edit]"));
    edit.click();
    WebElement text = browser.driver.findElement(By.cssSelector("dialog textarea[name=input]"));
    String original = text.getAttribute("value");
    assertThat(original).contains("please fail");
    browser.js(
        "arguments[0].value = arguments[1]", text, original.replace("please fail", "please pass"));
    browser.shot("08-dlq-retry-dialog");
    labelled("retry dialog");
    browser.driver.findElement(By.cssSelector("dialog button[type=submit]")).click();
    browser
        .await()
        .until(d -> d.getCurrentUrl().contains("#/jobs/") && !d.getCurrentUrl().endsWith(id));
    String newId =
        java.net.URLDecoder.decode(
            browser.driver.getCurrentUrl().replaceAll(".*#/jobs/", ""),
            java.nio.charset.StandardCharsets.UTF_8);
    browser.waitForText(By.id("job-state"), "SUCCEEDED");
    assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("please pass");
    assertThat(admin.get("/api/v1/dlq/page").body()).doesNotContain("\"job_id\":\"" + id + "\"");
    assertThat(newId).isNotEqualTo(id);
    noErrors("retried job");
  }

  @Test
  void aWorkflowRunIsFollowedToItsEnd() {
    Http.Resp created =
        admin.post(
            "/api/v1/workflows",
            """
        {"id":"console-flow","name":"Console flow","steps":{
          "fetch":{"type":"worker","topic":"job.test","input":{"q":"${input.q}"}},
          "check":{"type":"approval","name":"Check","depends_on":["fetch"]},
          "publish":{"type":"worker","topic":"job.test","depends_on":["check"]},
          "notify":{"type":"worker","topic":"job.test","depends_on":["fetch"]}}}
        """);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    signIn(RoleKeys.ADMIN);
    open("/workflows/console-flow");
    browser.waitFor(By.cssSelector(".dag g[data-step=publish]"));
    browser.shot("09-workflow");
    browser.driver.findElement(By.xpath("//button[normalize-space()='Start run']")).click();
    browser.waitFor(By.cssSelector("dialog textarea[name=input]")).sendKeys("{\"q\": \"x\"}");
    browser.driver.findElement(By.cssSelector("dialog button[type=submit]")).click();
    // The run page: the approval step waits, says so, and the DAG colours it.
    browser
        .await()
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".dag g[data-step=check][data-status=waiting]")));
    browser
        .await()
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".dag g[data-step=fetch][data-status=succeeded]")));
    browser.waitForText(By.id("step-check"), "approve or reject");
    assertThat(
            browser
                .driver
                .findElement(By.cssSelector(".dag g[data-step=publish]"))
                .getAttribute("data-status"))
        .isEqualTo("pending");
    browser.shot("10-run-waiting");
    click(By.cssSelector("#step-check button.primary"));
    browser.waitForText(By.id("run-status"), "succeeded");
    browser
        .await()
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".dag g[data-step=publish][data-status=succeeded]")));
    assertThat(browser.driver.findElement(By.tagName("main")).getText()).contains("Timeline");
    browser.shot("11-run-succeeded");
    // Rerun from a step, as a dry run: a new run, linked to this one, that also ends.
    String first = browser.driver.getCurrentUrl();
    click(By.xpath("//button[normalize-space()='Rerun…']"));
    new org.openqa.selenium.support.ui.Select(
            browser.waitFor(By.cssSelector("dialog select[name=from_step]")))
        .selectByValue("publish");
    browser.driver.findElement(By.cssSelector("dialog input[name=dry_run]")).click();
    labelled("rerun dialog");
    browser.driver.findElement(By.cssSelector("dialog button[type=submit]")).click();
    browser.await().until(d -> !d.getCurrentUrl().equals(first));
    browser.waitForText(By.id("run-status"), "succeeded");
    assertThat(browser.driver.findElement(By.tagName("main")).getText())
        .contains("Rerun of")
        .contains("from publish")
        .contains("Dry run");
    open("/runs");
    browser.waitFor(By.cssSelector("main table"));
    browser.shot("12-runs");
    noErrors("runs");
  }

  @Test
  void aViewerSeesNoActionsAndTheServerRefusesThem() {
    String failed = submit("job.test", "fail for the viewer");
    awaitState(failed, "FAILED");
    String running = submit("job.test", "slow for the viewer");
    awaitState(running, "RUNNING");
    signIn(RoleKeys.VIEWER);
    browser.waitForText(By.id("who"), "victor (viewer)");
    open("/jobs");
    browser.waitFor(By.cssSelector("main table"));
    assertThat(browser.driver.findElements(By.xpath("//button[normalize-space()='Submit a job']")))
        .isEmpty();
    open("/jobs/" + running);
    browser.waitForText(By.id("job-state"), "RUNNING");
    assertThat(browser.driver.findElements(By.xpath("//button[normalize-space()='Cancel']")))
        .isEmpty();
    open("/dlq");
    browser.waitFor(By.cssSelector("tr[data-job='" + failed + "']"));
    assertThat(browser.driver.findElements(By.cssSelector("button[data-retry]"))).isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("button[data-delete]"))).isEmpty();
    browser.shot("13-viewer-dlq");
    // The page hides the button; the server refuses the action anyway.
    Object answer =
        browser.asyncJs(
            """
        const done = arguments[arguments.length - 1];
        fetch('/api/v1/dlq/' + encodeURIComponent(arguments[0]) + '/retry', {method: 'POST',
          headers: {'X-API-Key': sessionStorage.getItem('cordum.console.key')}})
          .then(r => r.text().then(t => done(r.status + ' ' + t.trim())));
        """,
            failed);
    assertThat(answer).isEqualTo("403 permission denied: dlq.manage required");
    assertThat(viewer.post("/api/v1/jobs/" + running + "/cancel", "").status()).isEqualTo(403);
    assertThat(job(running).get("state").asString()).isEqualTo("RUNNING");
    noErrors("viewer pages");
    // The admin cancels it from its page.
    signIn(RoleKeys.ADMIN);
    open("/jobs/" + running);
    browser.waitFor(By.xpath("//button[normalize-space()='Cancel']"));
    click(By.xpath("//button[normalize-space()='Cancel']"));
    browser.waitFor(By.cssSelector("dialog button[type=submit]")).click();
    browser.waitForText(By.id("job-state"), "CANCELLED");
    assertThat(job(running).get("state").asString()).isEqualTo("CANCELLED");
  }

  @Test
  void everyPageOpensWithoutErrorsOnWideAndNarrowScreens() {
    admin.post("/api/v1/schemas", "{\"id\":\"console/Thing\",\"schema\":{\"type\":\"object\"}}");
    admin.post(
        "/api/v1/locks/acquire",
        "{\"resource\":\"printer\",\"owner\":\"ops\"," + "\"ttl_ms\":600000}");
    String ptr =
        admin
            .post(
                "/api/v1/artifacts",
                "{\"content\":\"{\\\"report\\\":1,"
                    + "\\\"password\\\":\\\"hunter2\\\"}\",\"content_type\":\"application/json\"}")
            .json()
            .get("artifact_ptr")
            .asString();
    admin.put(
        "/api/v1/policy/bundles/secops~console",
        "{\"content\":\"rules: [{id: block-x, "
            + "match: {topics: [\\\"job.x\\\"]}, decision: deny}]\"}");
    admin.post(
        "/api/v1/config",
        "{\"scope\":\"system\",\"scope_id\":\"default\","
            + "\"data\":{\"limits\":{\"max_concurrent_runs\":50}}}");
    signIn(RoleKeys.ADMIN);
    Map<String, String> pages = new java.util.LinkedHashMap<>();
    pages.put("overview", "/");
    pages.put("jobs", "/jobs");
    pages.put("workflows", "/workflows");
    pages.put("runs", "/runs");
    pages.put("approvals", "/approvals");
    pages.put("dlq", "/dlq");
    pages.put("policy", "/policy");
    pages.put("config", "/config");
    pages.put("schemas", "/schemas?id=console%2FThing");
    pages.put("locks", "/locks?resource=printer");
    pages.put(
        "artifacts",
        "/artifacts?ptr="
            + java.net.URLEncoder.encode(ptr, java.nio.charset.StandardCharsets.UTF_8));
    int n = 20;
    for (Map.Entry<String, String> p : pages.entrySet()) {
      open(p.getValue());
      browser
          .await()
          .until(
              d -> d.findElements(By.xpath("//main//p[normalize-space()='Loading…']")).isEmpty());
      browser
          .await()
          .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main .panel")));
      assertThat(browser.driver.findElement(By.cssSelector("#nav a[aria-current=page]")).getText())
          .isNotBlank();
      labelled(p.getKey());
      noErrors(p.getKey());
      browser.shot(n++ + "-" + p.getKey());
    }
    open(
        "/artifacts?ptr="
            + java.net.URLEncoder.encode(ptr, java.nio.charset.StandardCharsets.UTF_8));
    browser.waitForText(By.cssSelector("main"), "report");
    assertThat(browser.driver.findElement(By.tagName("main")).getText()).doesNotContain("hunter2");
    open("/policy");
    browser.waitFor(By.xpath("//button[normalize-space()='secops/console']")).click();
    browser.waitFor(By.cssSelector("input[name=topic]")).clear();
    browser.driver.findElement(By.cssSelector("input[name=topic]")).sendKeys("job.x");
    browser
        .driver
        .findElement(By.xpath("//button[normalize-space()='Simulate and explain']"))
        .click();
    browser.waitForText(By.cssSelector("main"), "Against the draft");
    assertThat(browser.driver.findElement(By.tagName("main")).getText())
        .contains("DENY")
        .contains("block-x");
    browser.shot(n++ + "-policy-explain");

    // Narrow screen: the menu folds behind a button, tables drop optional columns.
    browser.size(390, 844);
    open("/jobs");
    WebElement toggle = browser.waitFor(By.id("menu-toggle"));
    assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).isFalse();
    toggle.click();
    assertThat(browser.driver.findElement(By.id("nav")).isDisplayed()).isTrue();
    assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
    Long overflow =
        (Long) browser.js("return document.documentElement.scrollWidth - window.innerWidth");
    assertThat(overflow).as("horizontal overflow on a narrow screen").isLessThanOrEqualTo(0L);
    browser.shot(n++ + "-narrow-jobs");
    open("/");
    browser.waitFor(By.cssSelector("a.stat"));
    browser.shot(n++ + "-narrow-overview");

    // Keyboard: the first Tab reaches the skip link, which moves focus to the content.
    browser.size(1366, 900);
    open("/jobs");
    browser.driver.navigate().refresh();
    browser.waitFor(By.cssSelector("main table"));
    new org.openqa.selenium.interactions.Actions(browser.driver).sendKeys(Keys.TAB).perform();
    WebElement skip = browser.driver.switchTo().activeElement();
    assertThat(skip.getText()).isEqualTo("Skip to content");
    skip.sendKeys(Keys.ENTER);
    assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
  }
}
