package io.drautopilot.detector.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class AlertWebhooksIT extends DetectorIT {

  static final SnsSigner SNS = new SnsSigner();
  static final Duration SETTLE = Duration.ofSeconds(2);
  final JsonMapper json = JsonMapper.builder().build();

  @BeforeAll
  static void serveSigningCertificate() {
    AWS.stubFor(get(urlPathEqualTo("/sns/cert.pem")).willReturn(aResponse().withStatus(200).withBody(SNS.certificatePem)));
    AWS.stubFor(get(urlPathEqualTo("/sns/confirm")).willReturn(aResponse().withStatus(200)
        .withBody("<ConfirmSubscriptionResponse/>")));
  }

  static String alertmanager(String table, String status) {
    return """
        {"version":"4","status":"%2$s","receiver":"dr","groupKey":"{}:{}","alerts":[{"status":"%2$s",
         "labels":{"alertname":"DynamoDBTableErrors","dr_signal":"table-unavailable","table":"%1$s","region":"us-east-1"},
         "annotations":{"summary":"errors on %1$s"},"startsAt":"2026-01-15T10:30:00Z","endsAt":"0001-01-01T00:00:00Z"}]}
        """.formatted(table, status);
  }

  static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("it-hmac-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldRaiseAnIncidentFromAnAuthenticatedAlertmanagerWebhookWithImpactAtStartsAt() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r = post("/alerts/alertmanager", alertmanager("am-table", "firing"), "Authorization", "Bearer it-token");

      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      IncidentDetected incident = (IncidentDetected) topic.await("TABLE_CORRUPTION|us-east-1|am-table",
          v -> v instanceof IncidentDetected, DETECTION_TIMEOUT).value();
      assertThat(incident.getSeverity()).isEqualTo(Severity.P2);
      assertThat(incident.getImpactStartedAt()).isEqualTo(java.time.Instant.parse("2026-01-15T10:30:00Z"));
    }
  }

  @Test
  void shouldPublishTheSubjectsAnAlertmanagerAlertNamesInItsLabels() {
    String body = """
        {"version":"4","status":"firing","alerts":[{"status":"firing",
         "labels":{"alertname":"UnusualDynamoDBReads","dr_signal":"suspicious-access","table":"am-breached",
                   "region":"us-east-1","principal_type":"IAMUser","principal_name":"mallory",
                   "principal_arn":"arn:aws:iam::000000000000:user/mallory","access_key_id":"AKIAIOSFODNN7EXAMPLE",
                   "source_ip":"203.0.113.45","severity":"critical"},
         "startsAt":"2026-01-15T10:30:00Z"}]}
        """;
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r = post("/alerts/alertmanager", body, "Authorization", "Bearer it-token");

      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      IncidentDetected incident = (IncidentDetected) topic.await("SECURITY_BREACH|us-east-1|am-breached",
          v -> v instanceof IncidentDetected, DETECTION_TIMEOUT).value();
      assertThat(incident.getSymptoms()).singleElement().satisfies(e -> assertThat(e.getSubjects()).containsOnly(
          entry("principalType", "USER"),
          entry("principalName", "mallory"),
          entry("principalArn", "arn:aws:iam::000000000000:user/mallory"),
          entry("accessKeyId", "AKIAIOSFODNN7EXAMPLE"),
          entry("sourceIp", "203.0.113.45")));
    }
  }

  @Test
  void shouldRefuseUnauthenticatedOrMalformedAlertmanagerCallsAndPublishNothing() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> none = post("/alerts/alertmanager", alertmanager("am-refused", "firing"));
      HttpResponse<String> wrong = post("/alerts/alertmanager", alertmanager("am-refused", "firing"), "Authorization", "Bearer nope");
      HttpResponse<String> notJson = post("/alerts/alertmanager", "{not json", "Authorization", "Bearer it-token");
      HttpResponse<String> noAlerts = post("/alerts/alertmanager", "{\"version\":\"4\"}", "Authorization", "Bearer it-token");

      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.body()).contains("missing credentials");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).contains("bearer token not accepted").doesNotContain("it-token");
      assertThat(notJson.statusCode()).isEqualTo(400);
      assertThat(notJson.body()).contains("not valid JSON");
      assertThat(noAlerts.statusCode()).isEqualTo(400);
      assertThat(noAlerts.body()).contains("'alerts' must be a non-empty array");
      assertThat(topic.valuesFor("TABLE_CORRUPTION|us-east-1|am-refused", SETTLE)).isEmpty();
    }
  }

  @Test
  void shouldAcceptTheGenericFormatSignedWithHmacAndRefuseABadSignature() throws Exception {
    String body = "{\"signal\":\"suspicious-access\",\"status\":\"firing\",\"region\":\"us-east-1\",\"resource\":\"gen-table\","
        + "\"source\":\"siem\",\"detail\":\"GuardDuty finding\","
        + "\"subjects\":{\"principalType\":\"role\",\"principalName\":\"DataExporter\",\"sourceIp\":\"192.0.2.10\"}}";
    String tampered = body.replace("gen-table", "gen-other");
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> ok = post("/alerts/generic", body, "X-DR-Signature", hmac(body));
      HttpResponse<String> bad = post("/alerts/generic", tampered, "X-DR-Signature", hmac(body));
      HttpResponse<String> noSignal = post("/alerts/generic", "{\"status\":\"firing\"}", "Authorization", "Bearer it-token");

      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
      IncidentDetected incident = (IncidentDetected) topic.await("SECURITY_BREACH|us-east-1|gen-table",
          v -> v instanceof IncidentDetected, DETECTION_TIMEOUT).value();
      assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
      assertThat(incident.getSymptoms()).singleElement().satisfies(e -> assertThat(e.getSubjects()).containsOnly(
          entry("principalType", "ROLE"), entry("principalName", "DataExporter"), entry("sourceIp", "192.0.2.10")));
      assertThat(bad.statusCode()).isEqualTo(401);
      assertThat(bad.body()).contains("does not match the body");
      assertThat(noSignal.statusCode()).isEqualTo(400);
      assertThat(noSignal.body()).contains("needs 'signal'");
      assertThat(topic.valuesFor("SECURITY_BREACH|us-east-1|gen-other", SETTLE)).isEmpty();
    }
  }

  Map<String, String> snsMessage(String type, String message, String version) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("Type", type);
    m.put("MessageId", java.util.UUID.randomUUID().toString());
    m.put("TopicArn", "arn:aws:sns:us-east-1:000000000000:dr-alarms");
    if (type.equals("Notification")) {
      m.put("Subject", "ALARM: throttling");
    } else {
      m.put("Token", "confirm-token");
      m.put("SubscribeURL", "http://127.0.0.1:" + AWS.port() + "/sns/confirm?Token=confirm-token");
    }
    m.put("Message", message);
    m.put("Timestamp", "2026-01-15T10:30:00.000Z");
    m.put("SignatureVersion", version);
    m.put("Signature", SNS.sign(m, version));
    m.put("SigningCertURL", "http://127.0.0.1:" + AWS.port() + "/sns/cert.pem");
    return m;
  }

  static final String ALARM = """
      {"AlarmName":"sns-table-throttles","NewStateValue":"ALARM","NewStateReason":"Threshold Crossed",
       "StateChangeTime":"2026-01-15T10:29:00.000+0000","AlarmArn":"arn:aws:cloudwatch:us-east-1:000000000000:alarm:sns-table-throttles",
       "Trigger":{"MetricName":"ThrottledRequests","Namespace":"AWS/DynamoDB",
                  "Dimensions":[{"name":"TableName","value":"sns-table"}]}}""";

  @Test
  void shouldConfirmAVerifiedSnsSubscription() {
    HttpResponse<String> r = post("/alerts/sns", json.writeValueAsString(snsMessage("SubscriptionConfirmation",
        "You have chosen to subscribe", "1")), "x-amz-sns-message-type", "SubscriptionConfirmation");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("subscription confirmed");
    AWS.verify(getRequestedFor(urlPathEqualTo("/sns/confirm")));
  }

  @Test
  void shouldRaiseAnIncidentFromASignedCloudWatchAlarmNotification() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r = post("/alerts/sns", json.writeValueAsString(snsMessage("Notification", ALARM, "2")));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      IncidentDetected incident = (IncidentDetected) topic.await("PERFORMANCE_DEGRADATION|us-east-1|sns-table",
          v -> v instanceof IncidentDetected, DETECTION_TIMEOUT).value();
      assertThat(incident.getScenario()).isEqualTo(Scenario.PERFORMANCE_DEGRADATION);
    }
  }

  @Test
  void shouldRefuseSnsMessagesWithABadSignatureOrAnUntrustedCertificateHost() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      Map<String, String> tampered = snsMessage("Notification", ALARM, "2");
      tampered.put("Message", ALARM.replace("sns-table", "sns-forged"));
      Map<String, String> foreignCert = snsMessage("Notification", ALARM.replace("sns-table", "sns-forged"), "2");
      foreignCert.put("SigningCertURL", "https://attacker.example.com/cert.pem");

      HttpResponse<String> forged = post("/alerts/sns", json.writeValueAsString(tampered));
      HttpResponse<String> untrusted = post("/alerts/sns", json.writeValueAsString(foreignCert));

      assertThat(forged.statusCode()).isEqualTo(403);
      assertThat(forged.body()).contains("signature does not verify");
      assertThat(untrusted.statusCode()).isEqualTo(403);
      assertThat(untrusted.body()).contains("is not an SNS host");
      assertThat(topic.valuesFor("PERFORMANCE_DEGRADATION|us-east-1|sns-forged", SETTLE)).isEmpty();
    }
  }
}
