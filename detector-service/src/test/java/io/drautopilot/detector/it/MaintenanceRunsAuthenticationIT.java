package io.drautopilot.detector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.detector.adapter.schedule.MaintenanceScheduler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Outside sandbox mode: on-demand runs need the webhook credentials; the schedule can be switched off. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.aws.static-credentials=true",
      "dr.detector.probes.availability.enabled=false",
      "dr.detector.probes.integrity.enabled=false",
      "dr.detector.targets[0].region=eu-west-1",
      "dr.detector.targets[0].tables=auth-entities",
      "dr.detector.maintenance.enabled=false",
      "dr.detector.webhooks.token=it-token",
      "dr.detector.webhooks.hmac-secret=it-hmac-secret",
    })
class MaintenanceRunsAuthenticationIT {

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final Duration SETTLE = Duration.ofSeconds(2);

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @LocalServerPort int port;
  @Autowired ApplicationContext context;
  final JsonMapper json = JsonMapper.builder().build();

  HttpResponse<String> post(String body, String... headers) {
    try {
      var request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/maintenance/runs"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("it-hmac-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldStartABackupVerificationOfTheNamedTableForABearerTokenCall() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r =
          post(
              "{\"procedure\": \"backup-verification\", \"table\": \"orders\", \"region\": \"us-west-2\"}",
              "Authorization",
              "Bearer it-token");

      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode answer = json.readTree(r.body());
      assertThat(answer.path("procedure").asString()).isEqualTo("backup-verification");
      assertThat(answer.path("severity").asString()).isEqualTo("P4");
      IncidentDetected incident =
          (IncidentDetected)
              topic
                  .await(
                      answer.path("fingerprint").asString(),
                      v -> v instanceof IncidentDetected,
                      TIMEOUT)
                  .value();
      assertThat(incident.getScenario()).isEqualTo(Scenario.BACKUP_VERIFICATION);
      assertThat(incident.getSeverity()).isEqualTo(Severity.P4);
      assertThat(incident.getRegion()).isEqualTo("us-west-2");
      assertThat(incident.getAffectedResources()).containsExactly("orders");
      assertThat(incident.getMetadata().getIncidentId())
          .isEqualTo(answer.path("incidentId").asString());
    }
  }

  @Test
  void shouldStartADrillAgainstTheFirstTargetForAnHmacSignedCall() throws Exception {
    String body = "{\"procedure\": \"dr-drill\"}";
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r = post(body, "X-DR-Signature", hmac(body));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      String fingerprint = json.readTree(r.body()).path("fingerprint").asString();
      assertThat(fingerprint).startsWith("DR_DRILL|eu-west-1|auth-entities|");
      topic.await(fingerprint, v -> v instanceof IncidentDetected, TIMEOUT);
    }
  }

  @Test
  void shouldRefuseCallsWithoutValidCredentialsAndPublishNothing() throws Exception {
    String body = "{\"procedure\": \"backup-verification\", \"table\": \"refused-table\"}";
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> none = post(body);
      HttpResponse<String> wrongToken = post(body, "Authorization", "Bearer nope");
      HttpResponse<String> badSignature =
          post(body, "X-DR-Signature", hmac(body.replace("refused", "other")));

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.body()).contains("missing credentials");
      assertThat(wrongToken.statusCode()).isEqualTo(401);
      assertThat(wrongToken.body())
          .contains("bearer token not accepted")
          .doesNotContain("it-token");
      assertThat(badSignature.statusCode()).isEqualTo(401);
      assertThat(badSignature.body()).contains("does not match the body");
      assertThat(topic.keys(SETTLE)).noneMatch(k -> k.contains("refused-table"));
    }
  }

  @Test
  void shouldRefuseAnUnknownProcedureOrMalformedRequestWithTheReasonAndPublishNothing() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> unknown =
          post(
              "{\"procedure\": \"nightly-restore\", \"table\": \"bad-request-table\"}",
              "Authorization",
              "Bearer it-token");
      HttpResponse<String> missing =
          post("{\"table\": \"bad-request-table\"}", "Authorization", "Bearer it-token");
      HttpResponse<String> notJson = post("{procedure", "Authorization", "Bearer it-token");
      HttpResponse<String> badTable =
          post(
              "{\"procedure\": \"dr-drill\", \"table\": \"bad-request-table!\"}",
              "Authorization",
              "Bearer it-token");

      assertThat(unknown.statusCode()).isEqualTo(400);
      assertThat(unknown.body())
          .contains("unknown procedure 'nightly-restore': use backup-verification or dr-drill");
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.body()).contains("'procedure' is required");
      assertThat(notJson.statusCode()).isEqualTo(400);
      assertThat(notJson.body()).contains("not valid JSON");
      assertThat(badTable.statusCode()).isEqualTo(400);
      assertThat(badTable.body()).contains("is not a DynamoDB table name");
      assertThat(topic.keys(SETTLE)).noneMatch(k -> k.contains("bad-request-table"));
    }
  }

  @Test
  void shouldNotScheduleAnythingWhenMaintenanceIsSwitchedOff() {
    assertThat(context.getBeanProvider(MaintenanceScheduler.class).getIfAvailable()).isNull();
  }
}
