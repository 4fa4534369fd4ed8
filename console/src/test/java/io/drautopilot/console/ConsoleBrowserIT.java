package io.drautopilot.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.nimbusds.jwt.SignedJWT;
import io.drautopilot.audit.ChainSigner;
import io.drautopilot.audit.Ed25519Keys;
import io.drautopilot.audit.HashChain;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.identity.IdentityProviderApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real browser (headless Chromium from Debian's packages), started here against
 * the embedded Kafka broker, with WireMock answering as the orchestrator's REST API. People log in
 * through the real identity provider, started in this JVM on its own port; the console is on a port
 * chosen beforehand, because the provider accepts only the redirect URI registered for it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.console.oidc.client-secret=" + ConsoleBrowserIT.CLIENT_SECRET,
      // the provider's classes are on this classpath; its auto-configuration is for its own
      // context, not the console's
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration,"
          + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
      "logging.level.org.apache.kafka=WARN",
      "logging.level.kafka=WARN"
    })
class ConsoleBrowserIT {

  static final String CLIENT_SECRET = "test-only-console-client-secret";
  private static final String PASSWORD = "correct horse battery staple";
  private static final int CONSOLE_PORT = freePort();
  private static final int PROVIDER_PORT = freePort();
  // localhost, as the browser calls it: the issuer is what the tokens carry and what the console
  // checks them against
  private static final String ISSUER = "http://localhost:" + PROVIDER_PORT;
  private static ConfigurableApplicationContext identityProvider;
  private static final Path CHROMIUM =
      Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER =
      Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static final ChainSigner SIGNER = ChainSigner.of(Ed25519Keys.generate().getPrivate());
  private static final WireMockServer orchestrator = new WireMockServer(options().dynamicPort());

  @LocalServerPort int port;

  private final List<WebDriver> browsers = new ArrayList<>();
  private final List<Path> profiles = new ArrayList<>();

  @BeforeAll
  static void needsChromium() {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser tests skipped: install Debian's chromium and chromium-driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + ")");
  }

  @DynamicPropertySource
  static void orchestratorAndPeople(DynamicPropertyRegistry registry) {
    if (!orchestrator.isRunning()) {
      orchestrator.start();
    }
    registry.add("dr.console.orchestrator.url", orchestrator::baseUrl);
    // the notifier's report endpoints are played by the same WireMock (they are under /incidents,
    // the API under /api)
    registry.add("dr.console.notifier.url", orchestrator::baseUrl);
    registry.add("dr.audit.public-keys[0]", SIGNER::publicKeyPem);
    if (identityProvider == null) {
      identityProvider = startIdentityProvider();
    }
    registry.add("server.port", () -> CONSOLE_PORT);
    registry.add("dr.console.oidc.issuer-uri", () -> ISSUER);
  }

  /**
   * The sandbox's identity provider with the test's people and the console's client. It reads none of the
   * classpath's application files (the console's is first on this classpath): everything it needs is given here.
   */
  private static ConfigurableApplicationContext startIdentityProvider() {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--spring.config.name=identity-provider-in-console-tests",
                "--server.port=" + PROVIDER_PORT,
                "--spring.main.banner-mode=off",
                "--dr.identity.issuer=" + ISSUER,
                "--dr.identity.clients.console.client-id=dr-console",
                "--dr.identity.clients.console.secret={noop}" + CLIENT_SECRET,
                "--dr.identity.clients.console.redirect-uris=http://localhost:"
                    + CONSOLE_PORT
                    + "/login/oauth2/code/dr-console"));
    String[][] people = {
      {"oncall", "incident-responder"},
      {"officer1", "security-officer"},
      {"officer2", "security-officer"},
      {"watcher", "viewer"}
    };
    for (int i = 0; i < people.length; i++) {
      args.add("--dr.identity.users[" + i + "].username=" + people[i][0]);
      args.add("--dr.identity.users[" + i + "].password={noop}" + PASSWORD);
      args.add("--dr.identity.users[" + i + "].roles=" + people[i][1]);
    }
    return new SpringApplicationBuilder(IdentityProviderApplication.class)
        .run(args.toArray(String[]::new));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopOrchestratorAndIdentityProvider() {
    orchestrator.stop();
    if (identityProvider != null) {
      identityProvider.close();
      identityProvider = null;
    }
  }

  @AfterEach
  void closeBrowsers(TestInfo test) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    for (int i = 0; i < browsers.size(); i++) {
      WebDriver b = browsers.get(i);
      try {
        Path shot = ((TakesScreenshot) b).getScreenshotAs(OutputType.FILE).toPath();
        String name =
            test.getTestMethod().orElseThrow().getName() + (i == 0 ? "" : "-" + (i + 1)) + ".png";
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      } finally {
        b.quit();
      }
    }
    for (Path p : profiles) {
      org.springframework.util.FileSystemUtils.deleteRecursively(p);
    }
  }

  @Test
  void shouldShowAnInjectedIncidentAndUpdateItsTimelineAndProgressLiveWhenEventsArrive() {
    String id = "inc-" + UUID.randomUUID().toString().substring(0, 8);
    WebDriver b = loggedIn("oncall");
    b.get(url("/incidents"));
    markPage(b);

    Instant t = Instant.now();
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.opened(
            id, io.drautopilot.contracts.common.Scenario.TABLE_CORRUPTION, Severity.P1, t));
    wait(b).until(ExpectedConditions.presenceOfElementLocated(By.id("incident-" + id)));
    assertThat(b.findElement(By.id("incident-" + id)).getText())
        .contains("P1", "TABLE_CORRUPTION", "us-east-1", "orders-table", "within RTO");
    assertThat(samePage(b)).as("the row appeared without a reload").isTrue();

    b.findElement(By.linkText(id)).click();
    wait(b).until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
    markPage(b);

    publish(
        Topics.INCIDENT_TIMELINE,
        Events.started(id, "restore", "restore.restoreFromSnapshot", 1, t.plusSeconds(1)));
    publish(
        Topics.COMMAND_PROGRESS,
        Events.progressed(
            id, "restore", "restore.restoreFromSnapshot", 500, 1000, 50.0, t.plusSeconds(2)));
    wait(b)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("step-restore"), "500 of 1,000 items (50%), 50.0 items/s, about 0:10 left"));
    assertThat(b.findElement(By.id("step-restore")).getText()).contains("running");

    publish(
        Topics.INCIDENT_TIMELINE,
        Events.succeeded(id, "restore", "restore.restoreFromSnapshot", t.plusSeconds(3)));
    wait(b)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("step-restore"), "succeeded"));
    wait(b)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("timeline"), "Step restore succeeded"));
    assertThat(samePage(b)).as("the timeline and progress changed without a reload").isTrue();
  }

  @Test
  void shouldSendEachOfficersOwnTokenAndShowTheRefusalWhenTheSameOfficerApprovesTwice()
      throws Exception {
    String id = "inc-" + UUID.randomUUID().toString().substring(0, 8);
    String approvePath = "/api/incidents/" + id + "/steps/delete-key/approve";
    String accepted =
        "{\"incidentId\":\"" + id + "\",\"eventId\":\"e1\",\"topic\":\"dr.operator.actions\"}";
    orchestrator.stubFor(
        post(urlPathEqualTo(approvePath))
            .inScenario(id)
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(accepted))
            .willSetStateTo("approved once"));
    orchestrator.stubFor(
        post(urlPathEqualTo(approvePath))
            .inScenario(id)
            .whenScenarioStateIs("approved once")
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody(
                        "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
                            + "\"detail\":\"officer1 has already approved step 'delete-key'; another person must\"}"))
            .willSetStateTo("refused once"));
    orchestrator.stubFor(
        post(urlPathEqualTo(approvePath))
            .inScenario(id)
            .whenScenarioStateIs("refused once")
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(accepted))
            .willSetStateTo("approved twice"));
    Instant t = Instant.now();
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.opened(
            id, io.drautopilot.contracts.common.Scenario.SECURITY_BREACH, Severity.P1, t));
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.approvalRequested(id, "delete-key", "security-officer", 2, t.plusSeconds(1)));

    WebDriver b = loggedIn("officer1");
    openIncident(b, id);
    approve(b, "delete-key", "key is compromised, evidence exported");
    wait(b)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("notice"), "Approval of delete-key sent"));

    // the orchestrator applies it and writes it to the timeline; the open page shows it live
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.approvalGranted(
            id, "delete-key", "officer1", "security-officer", 1, 2, t.plusSeconds(2)));
    wait(b)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("gate-delete-key"), "approved by officer1"));
    assertThat(b.findElement(By.id("gate-delete-key")).getText()).contains("1 more needed");
    assertThat(b.findElement(By.id("time-left-delete-key")).getText()).matches("1[45]:\\d\\d");

    approve(b, "delete-key", "approving again");
    wait(b).until(ExpectedConditions.presenceOfElementLocated(By.id("refusal")));
    assertThat(b.findElement(By.id("refusal")).getText())
        .contains(
            "refused by the orchestrator (409)",
            "officer1 has already approved step 'delete-key'; another person must");

    var sent = orchestrator.findAll(postRequestedFor(urlPathEqualTo(approvePath)));
    assertThat(sent).hasSize(2);
    String bearer = sent.get(0).getHeader("Authorization").substring("Bearer ".length());
    // the officer's own access token from the provider, checked as the orchestrator checks it:
    // RS256 against the issuer's keys
    assertThat(SignedJWT.parse(bearer).getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    Jwt token = JwtDecoders.fromIssuerLocation(ISSUER).decode(bearer);
    assertThat(token.getIssuer().toString()).isEqualTo(ISSUER);
    assertThat(token.getClaimAsString("preferred_username")).isEqualTo("officer1");
    assertThat(token.getClaimAsStringList("roles")).containsExactly("security-officer");
    assertThat(sent.get(1).getHeader("Authorization")).isEqualTo("Bearer " + bearer);
    assertThat(sent.get(0).getBodyAsString()).contains("key is compromised, evidence exported");
    assertThat(b.getPageSource()).doesNotContain(bearer).doesNotContain(CLIENT_SECRET);

    // a decision without its confirmation is refused by the console, with the reason
    assertThat(formPost(b, "/incidents/" + id + "/steps/delete-key/approve", "reason=sure"))
        .isEqualTo(400);
    assertThat(orchestrator.findAll(postRequestedFor(urlPathEqualTo(approvePath)))).hasSize(2);

    // another officer, logged in with the provider in their own browser, gives the second approval
    // as themselves
    WebDriver second = loggedIn("officer2");
    openIncident(second, id);
    approve(second, "delete-key", "second pair of eyes: key is compromised");
    wait(second)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("notice"), "Approval of delete-key sent"));
    sent = orchestrator.findAll(postRequestedFor(urlPathEqualTo(approvePath)));
    assertThat(sent).hasSize(3);
    Jwt secondToken =
        JwtDecoders.fromIssuerLocation(ISSUER)
            .decode(sent.get(2).getHeader("Authorization").substring("Bearer ".length()));
    assertThat(secondToken.getClaimAsString("preferred_username")).isEqualTo("officer2");
    assertThat(secondToken.getClaimAsStringList("roles")).containsExactly("security-officer");

    // a rejection goes to the orchestrator's reject endpoint, not its approve one, with the reason
    String rejectPath = "/api/incidents/" + id + "/steps/delete-key/reject";
    orchestrator.stubFor(
        post(urlPathEqualTo(rejectPath))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(accepted)));
    formPost(
        second, "/incidents/" + id + "/steps/delete-key/reject", "reason=wrong+key&confirm=yes");
    var rejected = orchestrator.findAll(postRequestedFor(urlPathEqualTo(rejectPath)));
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).getBodyAsString()).contains("wrong key");
    assertThat(orchestrator.findAll(postRequestedFor(urlPathEqualTo(approvePath)))).hasSize(3);
  }

  @Test
  void shouldHideTheApproveButtonAndRefuseAForgedPostWhenThePersonLacksTheApproverRole() {
    String id = "inc-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t = Instant.now();
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.opened(
            id, io.drautopilot.contracts.common.Scenario.SECURITY_BREACH, Severity.P1, t));
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.approvalRequested(id, "delete-key", "security-officer", 2, t.plusSeconds(1)));

    WebDriver viewer = loggedIn("watcher");
    openIncident(viewer, id);
    assertThat(viewer.findElement(By.id("gate-delete-key")).getText())
        .contains("Only people with role security-officer can decide here");
    assertThat(viewer.findElements(By.id("approve-delete-key"))).isEmpty();
    assertThat(viewer.findElements(By.id("acknowledge"))).isEmpty();
    assertThat(
            formPost(
                viewer,
                "/incidents/" + id + "/steps/delete-key/approve",
                "reason=forged&confirm=yes"))
        .isEqualTo(403);
    assertThat(
            formPost(
                viewer,
                "/incidents/" + id + "/steps/delete-key/reject",
                "reason=forged&confirm=yes"))
        .isEqualTo(403);
    assertThat(formPost(viewer, "/incidents/" + id + "/acknowledge", "reason=forged&confirm=yes"))
        .isEqualTo(403);

    // a responder may acknowledge, but this gate is for security officers
    WebDriver responder = loggedIn("oncall");
    openIncident(responder, id);
    assertThat(responder.findElements(By.id("approve-delete-key"))).isEmpty();
    assertThat(responder.findElements(By.id("acknowledge"))).isNotEmpty();
    assertThat(
            formPost(
                responder,
                "/incidents/" + id + "/steps/delete-key/approve",
                "reason=forged&confirm=yes"))
        .isEqualTo(403);

    assertThat(
            orchestrator.findAll(postRequestedFor(urlPathMatching("/api/incidents/" + id + "/.*"))))
        .isEmpty();
  }

  @Test
  void shouldDrawTheStepGraphGanttReportAndVerifiedChainOfAnIncidentAsItRuns() {
    String id = "inc-" + UUID.randomUUID().toString().substring(0, 8);
    orchestrator.stubFor(
        get(urlPathEqualTo("/incidents/" + id + "/report.html"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/html;charset=UTF-8")
                    .withBody(
                        "<html><body><h1>Post-incident report "
                            + id
                            + "</h1><p>RTO 7:00 of 15:00, met.</p></body></html>")));
    orchestrator.stubFor(
        get(urlPathEqualTo("/incidents/" + id + "/report.md"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "text/markdown;charset=UTF-8")
                    .withBody("# Post-incident report " + id + "\n")));
    Chain chain = new Chain();
    Instant t = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(300);
    chain.publish(
        Events.opened(
            id, io.drautopilot.contracts.common.Scenario.TABLE_CORRUPTION, Severity.P1, t));
    chain.publish(
        Events.started(
            id, "open-circuit-breaker", "restore.setCircuitBreaker", 1, t.plusSeconds(5)));
    chain.publish(
        Events.succeeded(
            id,
            "open-circuit-breaker",
            "restore.setCircuitBreaker",
            Map.of(),
            4_000,
            t.plusSeconds(9)));
    chain.publish(
        Events.started(id, "find-restore-point", "restore.findRestorePoint", 1, t.plusSeconds(10)));
    chain.publish(
        Events.succeeded(
            id,
            "find-restore-point",
            "restore.findRestorePoint",
            Map.of("kind", "PITR", "restorePointTime", t.minusSeconds(120).toString()),
            20_000,
            t.plusSeconds(30)));
    chain.publish(
        Events.started(
            id,
            "restore-to-point-in-time",
            "restore.restoreTableToPointInTime",
            2,
            t.plusSeconds(31)));
    publish(
        Topics.COMMAND_PROGRESS,
        Events.ran(
            Events.progressed(
                id,
                "restore-to-point-in-time",
                "restore.restoreTableToPointInTime",
                600,
                1000,
                20.0,
                t.plusSeconds(60)),
            "table-corruption",
            2));

    WebDriver b = loggedIn("oncall");
    b.get(url("/incidents/" + id));
    wait(b).until(ExpectedConditions.presenceOfElementLocated(By.id("step-graph")));
    // the runbook's graph, each step in its seed section and state, in words
    assertThat(node(b, "open-circuit-breaker")).contains("1. Isolate affected table", "succeeded");
    assertThat(node(b, "restore-to-point-in-time"))
        .contains("3. Point-in-time recovery", "running, attempt 2, 60%");
    assertThat(node(b, "validate-recovery")).contains("not run");
    assertThat(b.findElement(By.id("step-restore-to-point-in-time")).getText())
        .contains("600 of 1,000 items (60%), 20.0 items/s, about 0:20 left", "2", "1");
    assertThat(b.findElements(By.cssSelector("#gantt .bar"))).hasSize(3);
    assertThat(b.findElement(By.id("rpo")).getText())
        .contains("1:00 of 5:00", "within RPO", "restore point");
    assertThat(b.findElement(By.id("chain-state")).getText())
        .isEqualTo("Chain intact, not signed yet");
    markPage(b);

    chain.publish(
        Events.succeeded(
            id,
            "restore-to-point-in-time",
            "restore.restoreTableToPointInTime",
            Map.of(),
            60_000,
            t.plusSeconds(91)));
    chain.publish(
        Events.started(
            id, "generate-report", "notifier.generateIncidentReport", 1, t.plusSeconds(95)));
    chain.publish(
        Events.succeeded(
            id,
            "generate-report",
            "notifier.generateIncidentReport",
            Map.of("location", "reports/" + id + ".md"),
            2_000,
            t.plusSeconds(97)));
    chain.publish(Events.resolved(id, "RECOVERED", 420L, 120L, t.plusSeconds(98)));
    chain.close(t.plusSeconds(99));

    wait(b)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("chain-state"), "Chain verified"));
    assertThat(samePage(b))
        .as("the report and the verified chain appeared without a reload")
        .isTrue();
    assertThat(b.findElement(By.id("chain-summary")).getText())
        .contains("signed by key " + SIGNER.keyId());
    assertThat(node(b, "restore-to-point-in-time")).contains("succeeded");
    assertThat(b.findElement(By.id("report-markdown")).getAttribute("href"))
        .endsWith("/incidents/" + id + "/report.md");
    b.switchTo().frame(b.findElement(By.id("report-frame")));
    wait(b)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.tagName("h1"), "Post-incident report " + id));
    b.switchTo().defaultContent();
    ((JavascriptExecutor) b).executeScript("document.getElementById('report').scrollIntoView()");
  }

  @Test
  void shouldDrawEachRunbookWithItsSectionsVersionsAndTheOrchestratorsDryRunAlsoWithoutJavaScript()
      throws Exception {
    int fileVersion = builtInVersion("table-corruption");
    orchestrator.stubFor(
        get(urlPathEqualTo("/api/runbooks"))
            .willReturn(
                okJson(
                    "[{\"id\":\"table-corruption\",\"version\":"
                        + fileVersion
                        + ","
                        + "\"title\":\"Scenario 2: Single Table Corruption\",\"scenario\":\"TABLE_CORRUPTION\",\"file\":\"runbooks/table-corruption.yml\","
                        + "\"steps\":[\"notify-contacts\"],\"compensations\":[],\"variables\":{},\"documentControl\":{\"owner\":\"Database Operations Team\","
                        + "\"lastReviewed\":\"2026-12-03\",\"nextReview\":\"2027-03-03\",\"approvedBy\":\"Engineering Manager\"}}]")));
    orchestrator.stubFor(
        post(urlPathEqualTo("/api/runbooks/validate"))
            .willReturn(
                okJson(
                    "{\"runbookId\":\"table-corruption\","
                        + "\"version\":"
                        + fileVersion
                        + ",\"scenario\":\"TABLE_CORRUPTION\",\"commands\":[{\"stepId\":\"notify-contacts\",\"attempt\":1,"
                        + "\"action\":\"notifier.notifyContacts\",\"parameters\":{\"severity\":\"P2\"}},{\"stepId\":\"open-circuit-breaker-orders\","
                        + "\"attempt\":1,\"action\":\"restore.setCircuitBreaker\",\"parameters\":{\"state\":\"OPEN\",\"region\":\"eu-west-1\"}}],"
                        + "\"documentControl\":null}")));
    String id = "inc-" + UUID.randomUUID().toString().substring(0, 8);
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.ran(
            Events.opened(
                id,
                io.drautopilot.contracts.common.Scenario.TABLE_CORRUPTION,
                Severity.P2,
                Instant.now()),
            "table-corruption",
            1));

    WebDriver b = loggedIn("oncall");
    b.get(url("/runbooks"));
    assertThat(b.findElement(By.id("runbook-table-corruption")).getText())
        .contains("Scenario 2: Single Table Corruption", "version " + fileVersion);
    b.findElement(By.linkText("Scenario 2: Single Table Corruption")).click();
    wait(b).until(ExpectedConditions.presenceOfElementLocated(By.id("step-graph")));
    assertThat(node(b, "open-circuit-breaker")).contains("1. Isolate affected table", "per table");
    assertThat(b.findElement(By.id("version-" + fileVersion)).getText())
        .contains("running in the orchestrator, this file");
    assertThat(b.findElement(By.id("version-1")).getText()).contains("ran in incidents");

    b.findElement(By.id("severity")).sendKeys("P2");
    b.findElement(By.id("region")).clear();
    b.findElement(By.id("region")).sendKeys("eu-west-1");
    b.findElement(By.id("tables")).sendKeys("orders");
    b.findElement(By.id("plan")).click();
    wait(b).until(ExpectedConditions.presenceOfElementLocated(By.id("plan-table")));
    assertThat(b.findElement(By.id("plan-table")).getText())
        .contains("open-circuit-breaker-orders", "restore.setCircuitBreaker", "region = eu-west-1");
    var asked = orchestrator.findAll(postRequestedFor(urlPathEqualTo("/api/runbooks/validate")));
    assertThat(asked).isNotEmpty();
    assertThat(asked.get(asked.size() - 1).getHeader("Authorization")).startsWith("Bearer ");
    assertThat(asked.get(asked.size() - 1).getBodyAsString())
        .contains("\"fileName\":\"runbooks/table-corruption.yml\"", "eu-west-1", "orders");

    // with JavaScript off, the read-only views are the same pages
    WebDriver noScript = loggedIn("watcher", false);
    noScript.get(url("/runbooks/table-corruption"));
    assertThat(node(noScript, "find-restore-point"))
        .contains("2. Identify latest good", "per table");
    noScript.get(url("/incidents/" + id));
    assertThat(noScript.findElement(By.id("rto")).getText()).contains("within RTO");
    assertThat(noScript.findElement(By.id("rpo")).getText()).contains("RPO");
    noScript.get(url("/runbooks/table-corruption"));
  }

  @Test
  void shouldTableAndChartTheBackupVerificationsAndDrillsAgainstTheRestoreTarget() {
    String verification = "bv-" + UUID.randomUUID().toString().substring(0, 8);
    String drill = "drill-" + UUID.randomUUID().toString().substring(0, 8);
    Instant t = Instant.now().minusSeconds(3600);
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.opened(
            drill,
            io.drautopilot.contracts.common.Scenario.DR_DRILL,
            Severity.P4,
            t.minusSeconds(86_400)));
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.resolved(drill, "RECOVERED", 1_100L, null, t.minusSeconds(85_000)));
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.opened(
            verification,
            io.drautopilot.contracts.common.Scenario.BACKUP_VERIFICATION,
            Severity.P4,
            t));
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.succeeded(
            verification,
            "verify-backup-restore",
            "validation.verifyBackupRestore",
            Map.of("passed", "true", "restoreDurationMillis", "620000"),
            30_000,
            t.plusSeconds(700)));
    publish(
        Topics.INCIDENT_TIMELINE,
        Events.resolved(verification, "RECOVERED", 700L, null, t.plusSeconds(701)));

    WebDriver b = loggedIn("watcher");
    b.get(url("/drills"));
    wait(b).until(ExpectedConditions.presenceOfElementLocated(By.id("check-" + verification)));
    assertThat(b.findElement(By.id("check-" + verification)).getText())
        .contains("backup verification", "RECOVERED", "620 s", "within target");
    assertThat(b.findElement(By.id("check-" + drill)).getText())
        .contains("DR drill", "1100 s", "over target");
    assertThat(
            b.findElement(By.cssSelector("#restore-chart [data-incident='" + drill + "']"))
                .getAttribute("textContent"))
        .contains("1100 s", "over");
    assertThat(
            b.findElement(By.cssSelector("#restore-chart .target-label"))
                .getAttribute("textContent"))
        .isEqualTo("target 900 s");
  }

  /** Timeline records linked into the incident's hash chain and closed with a signed head, as the orchestrator writes them. */
  private static final class Chain {
    private String previous = HashChain.GENESIS;
    private String incidentId;

    void publish(org.apache.avro.specific.SpecificRecord record) {
      Events.ran(record, "table-corruption", 2);
      incidentId =
          ((io.drautopilot.contracts.common.EventMetadata)
                  record.get(record.getSchema().getField("metadata").pos()))
              .getIncidentId();
      previous = HashChain.link(record, previous).getHash();
      ConsoleBrowserIT.publish(Topics.INCIDENT_TIMELINE, record);
    }

    void close(Instant at) {
      var closed = Events.ran(Events.closed(incidentId, null, null, at), "table-corruption", 2);
      HashChain.close(closed, previous, SIGNER);
      ConsoleBrowserIT.publish(Topics.INCIDENT_TIMELINE, closed);
    }
  }

  private static String node(WebDriver b, String step) {
    // SVG text: read the node's text content (an SVG group has no rendered innerText)
    return (String)
        ((JavascriptExecutor) b)
            .executeScript(
                "const n = document.querySelector('#step-graph [data-step=\"' + arguments[0] + '\"]');"
                    + " return n ? Array.from(n.querySelectorAll('text')).map(t => t.textContent).join(' | ') : 'no node';",
                step);
  }

  private WebDriver loggedIn(String name) {
    return loggedIn(name, true);
  }

  /** Opens the console, is sent on to the identity provider, logs in there and is sent back, logged in. */
  private WebDriver loggedIn(String name, boolean javaScript) {
    WebDriver b = browser(javaScript);
    b.get(url("/incidents"));
    wait(b).until(ExpectedConditions.urlContains(ISSUER + "/login"));
    wait(b).until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(name);
    b.findElement(By.id("password")).sendKeys(PASSWORD);
    b.findElement(By.cssSelector("button[type=submit]")).click();
    wait(b).until(ExpectedConditions.textToBePresentInElementLocated(By.id("person"), name));
    assertThat(b.getCurrentUrl()).startsWith(url("/incidents"));
    return b;
  }

  private void openIncident(WebDriver b, String id) {
    b.get(url("/incidents"));
    wait(b).until(ExpectedConditions.presenceOfElementLocated(By.linkText(id))).click();
    wait(b).until(ExpectedConditions.presenceOfElementLocated(By.id("gate-delete-key")));
  }

  private void approve(WebDriver b, String step, String reason) {
    var reasonBox = wait(b).until(ExpectedConditions.elementToBeClickable(By.id("reason-" + step)));
    reasonBox.clear();
    reasonBox.sendKeys(reason);
    b.findElement(By.id("confirm-" + step)).click();
    b.findElement(By.id("approve-" + step)).click();
  }

  /** A POST made by script from the logged-in page, with its CSRF token: what a forged form would send. */
  private static long formPost(WebDriver b, String path, String body) {
    Object status =
        ((JavascriptExecutor) b)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const token = document.querySelector('input[name=_csrf]').value;"
                    + "fetch(arguments[0], {method: 'POST', redirect: 'manual', headers: {'Content-Type': 'application/x-www-form-urlencoded'},"
                    + " body: arguments[1] + '&_csrf=' + encodeURIComponent(token)}).then(r => done(r.status), e => done(-1));",
                path,
                body);
    return ((Number) status).longValue();
  }

  private static void markPage(WebDriver b) {
    ((JavascriptExecutor) b).executeScript("window.stillThisPage = true;");
  }

  private static boolean samePage(WebDriver b) {
    return Boolean.TRUE.equals(
        ((JavascriptExecutor) b).executeScript("return window.stillThisPage === true;"));
  }

  private WebDriver browser(boolean javaScript) {
    try {
      Path profile = Files.createTempDirectory("console-chromium");
      profiles.add(profile);
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      // this machine's network is closed and tests run as root: no sandbox, nothing fetched in the
      // background
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--window-size=1400,1100",
          "--user-data-dir=" + profile);
      if (!javaScript) {
        options.setExperimentalOption(
            "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
      }
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      browsers.add(driver);
      return driver;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The version the built-in runbook file declares, so the test follows the file instead of a copy of its number. */
  private static int builtInVersion(String runbookId) throws IOException {
    try (var in =
        ConsoleBrowserIT.class.getResourceAsStream(
            "/console/builtin-runbooks/" + runbookId + ".yml")) {
      assertThat(in).as("built-in runbook %s on the classpath", runbookId).isNotNull();
      String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      var m = java.util.regex.Pattern.compile("(?m)^version:\\s*(\\d+)").matcher(text);
      assertThat(m.find()).as("a version line in %s", runbookId).isTrue();
      int version = Integer.parseInt(m.group(1));
      assertThat(version)
          .as("the incident below ran version 1, so the file's must differ")
          .isGreaterThan(1);
      return version;
    }
  }

  private static WebDriverWait wait(WebDriver b) {
    return new WebDriverWait(b, Duration.ofSeconds(30));
  }

  private String url(String path) {
    // localhost, not 127.0.0.1: the browser treats it as a secure context, so the secure session
    // cookie is kept
    return "http://localhost:" + port + path;
  }

  private static void publish(String topic, IndexedRecord event) {
    Map<String, Object> p =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers"),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
      String key =
          ((io.drautopilot.contracts.common.EventMetadata)
                  event.get(event.getSchema().getField("metadata").pos()))
              .getIncidentId();
      producer.send(new ProducerRecord<>(topic, key, EventCodec.shared().encode(event))).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not publish to " + topic, e);
    }
  }
}
