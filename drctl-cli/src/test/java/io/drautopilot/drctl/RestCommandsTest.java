package io.drautopilot.drctl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST commands against WireMock answering as the orchestrator's API does (bodies from
 * ApiModels, refusals as RFC 9457 problem details, a refused token as a 401 with
 * WWW-Authenticate). A run against the real orchestrator would add what WireMock cannot: that the
 * JWT's identity reaches dr.operator.actions and the two-person rule's state.
 */
class RestCommandsTest {

  static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.test-token.signature";
  static final String INCIDENT =
      """
      {"incidentId":"inc-1","fingerprint":"fp-1","scenario":"TABLE_CORRUPTION","severity":"P2","region":"us-east-1",
       "runbookId":"table-corruption","runbookVersion":1,"phase":"RECOVERING","resolved":false,"outcome":null,
       "acknowledged":false,"escalationLevel":1,"openedAt":"2026-12-03T10:00:00Z","resolvedAt":null,
       "measuredRtoSeconds":null,"measuredRpoSeconds":null,"conditionClearedAt":null}""";

  @TempDir Path home;

  WireMockServer api;
  Cli cli;
  Path tokenFile;

  @BeforeEach
  void start() throws Exception {
    api = new WireMockServer(options().dynamicPort());
    api.start();
    tokenFile = Files.writeString(home.resolve("token"), TOKEN + "\n");
    cli = new Cli(home).env("DRCTL_API", api.baseUrl()).env("DRCTL_TOKEN", TOKEN);
  }

  @AfterEach
  void stop() {
    api.stop();
  }

  @Test
  void shouldListOpenIncidentsAsATableWhenTheApiAnswers() {
    // reading needs the token as much as deciding: every request under /api does
    api.stubFor(
        get(urlEqualTo("/api/incidents?open=true"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .willReturn(okJson("[" + INCIDENT + "]")));

    Cli.Result r = cli.run("incidents", "--open");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("INCIDENT", "SCENARIO")
        .contains("inc-1", "TABLE_CORRUPTION", "P2", "RECOVERING");
  }

  @Test
  void shouldLeaveOutIncidentsOpenedBeforeSinceWhenListingAsJson() {
    String older =
        INCIDENT.replace("inc-1", "inc-0").replace("2026-12-03T10:00:00Z", "2026-11-01T10:00:00Z");
    api.stubFor(
        get(urlEqualTo("/api/incidents")).willReturn(okJson("[" + INCIDENT + "," + older + "]")));

    Cli.Result r = cli.run("incidents", "--since", "2026-12-01T00:00:00Z", "-o", "json");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("\"incidentId\" : \"inc-1\"").doesNotContain("inc-0");
  }

  @Test
  void shouldShowTheIncidentAndItsStepsWhenAsked() {
    api.stubFor(
        get(urlEqualTo("/api/incidents/inc-1"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .willReturn(
                okJson(
                    "{\"incident\":"
                        + INCIDENT
                        + ",\"affectedResources\":[\"t\"],\"steps\":[{\"stepId\":\"restore-table\",\"status\":\"RUNNING\",\"attempt\":1,"
                        + "\"startedAt\":\"2026-12-03T10:01:00Z\",\"approvers\":[],\"compensation\":false}]}")));

    Cli.Result r = cli.run("show", "inc-1");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("table-corruption v1", "restore-table", "RUNNING");
  }

  @Test
  void shouldSendTheBearerTokenFromTheTokenFileAndNeverPrintItWhenAcknowledging() {
    api.stubFor(
        post(urlEqualTo("/api/incidents/inc-1/acknowledge"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"incidentId\":\"inc-1\",\"eventId\":\"ev-9\",\"topic\":\"dr.operator.actions\"}")));

    Cli.Result r =
        cli.run("ack", "inc-1", "--note", "on it", "--token-file", tokenFile.toString(), "--debug");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("acknowledgement accepted for incident inc-1", "ev-9");
    assertThat(r.out() + r.err()).doesNotContain(TOKEN);
    api.verify(
        postRequestedFor(urlEqualTo("/api/incidents/inc-1/acknowledge"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withRequestBody(equalToJson("{\"note\":\"on it\"}")));
  }

  @Test
  void shouldPrintTheApiReasonAndExitOneWhenTheSamePersonApprovesTwice() {
    api.stubFor(
        post(urlEqualTo("/api/incidents/inc-1/steps/schedule-key-deletion/approve"))
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody(
                        "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"alice@example.org has already"
                            + " approved step 'schedule-key-deletion'; another person must\",\"instance\":\"/api/incidents/inc-1\"}")));

    Cli.Result r = cli.env("DRCTL_TOKEN", TOKEN).run("approve", "inc-1", "schedule-key-deletion");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo(
            "drctl: the orchestrator API refused POST /api/incidents/inc-1/steps/"
                + "schedule-key-deletion/approve (409): alice@example.org has already approved step 'schedule-key-deletion';"
                + " another person must");
  }

  @Test
  void shouldSendTheReasonWhenRejectingAndCancelling() {
    api.stubFor(
        post(urlEqualTo("/api/incidents/inc-1/steps/failover-dns/reject"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"incidentId\":\"inc-1\",\"eventId\":\"e1\",\"topic\":\"t\"}")));
    api.stubFor(
        post(urlEqualTo("/api/incidents/inc-1/cancel"))
            .willReturn(
                aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"incidentId\":\"inc-1\",\"eventId\":\"e2\",\"topic\":\"t\"}")));
    cli.env("DRCTL_TOKEN_FILE", tokenFile.toString());

    assertThat(cli.run("reject", "inc-1", "failover-dns", "--reason", "primary is back").exitCode())
        .isZero();
    assertThat(cli.run("cancel", "inc-1", "--reason", "false alarm").exitCode()).isZero();

    api.verify(
        postRequestedFor(urlEqualTo("/api/incidents/inc-1/steps/failover-dns/reject"))
            .withRequestBody(equalToJson("{\"comment\":\"primary is back\"}")));
    api.verify(
        postRequestedFor(urlEqualTo("/api/incidents/inc-1/cancel"))
            .withRequestBody(equalToJson("{\"reason\":\"false alarm\"}")));
  }

  @Test
  void shouldExitThreeWithTheApiReasonWhenTheTokenIsRefused() {
    api.stubFor(
        post(urlEqualTo("/api/incidents/inc-1/cancel"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader(
                        "WWW-Authenticate",
                        "Bearer error=\"invalid_token\", error_description=\"Jwt expired at 2026-12-01T00:00:00Z\"")));

    Cli.Result r = cli.env("DRCTL_TOKEN", TOKEN).run("cancel", "inc-1", "--reason", "x");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("refused the token (401): Jwt expired at 2026-12-01T00:00:00Z")
        .doesNotContain(TOKEN);
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void shouldExitTwoWhenTheIncidentIsUnknown() {
    api.stubFor(
        get(urlEqualTo("/api/incidents/nope"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"status\":404,\"detail\":\"no incident nope\"}")));

    Cli.Result r = cli.run("show", "nope");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("(404): no incident nope");
  }

  @Test
  void shouldExitThreeInOneLineWhenTheApiIsUnreachable() {
    Cli.Result r = cli.run("incidents", "--api", "http://127.0.0.1:1");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err().strip())
        .isEqualTo(
            "drctl: cannot reach the orchestrator API at http://127.0.0.1:1/api/incidents:"
                + " connection refused");
  }

  @Test
  void shouldTakeTheApiFromTheConfigFileWhenNoFlagOrVariableGivesIt() throws Exception {
    api.stubFor(get(urlEqualTo("/api/incidents")).willReturn(okJson("[]")));
    Path config =
        Files.writeString(
            home.resolve("drctl.properties"),
            "api=" + api.baseUrl() + "\ntoken-file=" + tokenFile + "\n");

    Cli.Result r = new Cli(home).run("incidents", "--config", config.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("INCIDENT");
  }

  @Test
  void shouldSayWhichSettingIsMissingWhenNoApiIsConfigured() {
    Cli.Result r = new Cli(home).run("incidents");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("no orchestrator API URL: give --api, DRCTL_API or api= in");
  }

  @Test
  void shouldExitTwoWithoutAStackTraceWhenTheCommandLineIsWrong() {
    Cli.Result r = cli.run("reject", "inc-1", "step-x");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("Missing required option: '--reason").doesNotContain("\tat ");
  }

  @Test
  void shouldShowAnExampleInEveryCommandsHelp() {
    for (String command :
        new String[] {
          "incidents",
          "show",
          "ack",
          "approve",
          "reject",
          "cancel",
          "timeline",
          "verify",
          "export",
          "replay",
          "runbooks",
          "runbooks validate",
          "runbooks plan"
        }) {
      String[] args = (command + " --help").split(" ");
      Cli.Result r = cli.run(args);
      assertThat(r.exitCode()).as(command).isZero();
      assertThat(r.out()).as(command).contains("Example:", "drctl " + command.split(" ")[0]);
    }
  }
}
