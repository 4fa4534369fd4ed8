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
    AWS.stubFor(
        get(urlPathEqualTo("/sns/cert.pem"))
            .willReturn(aResponse().withStatus(200).withBody(SNS.certificatePem)));
    AWS.stubFor(
        get(urlPathEqualTo("/sns/confirm"))
            .willReturn(aResponse().withStatus(200).withBody("<ConfirmSubscriptionResponse/>")));
  }

  /** A recent impact start: an alert's time older than dr.detector.webhooks.max-impact-age is clamped. */
  static final java.time.Instant STARTS_AT =
      java.time.Instant.now().minusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  static String alertmanager(String table, String status) {
    return """
        {"version":"4","status":"%2$s","receiver":"dr","groupKey":"{}:{}","alerts":[{"status":"%2$s",
         "labels":{"alertname":"DynamoDBTableErrors","dr_signal":"table-unavailable","table":"%1$s","region":"us-east-1"},
         "annotations":{"summary":"errors on %1$s"},"startsAt":"%3$s","endsAt":"0001-01-01T00:00:00Z"}]}
        """
        .formatted(table, status, STARTS_AT);
  }

  static String hmac(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("it-hmac-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldRaiseAnIncidentFromAnAuthenticatedAlertmanagerWebhookWithImpactAtStartsAt() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r =
          post(
              "/alerts/alertmanager",
              alertmanager("am-table", "firing"),
              "Authorization",
              "Bearer it-token");

      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      IncidentDetected incident =
          (IncidentDetected)
              topic
                  .await(
                      "TABLE_CORRUPTION|us-east-1|am-table",
                      v -> v instanceof IncidentDetected,
                      DETECTION_TIMEOUT)
                  .value();
      assertThat(incident.getSeverity()).isEqualTo(Severity.P2);
      assertThat(incident.getImpactStartedAt()).isEqualTo(STARTS_AT);
    }
  }

  @Test
  void shouldPublishTheSubjectsAnAlertmanagerAlertNamesInItsLabels() {
    String body =
        """
        {"version":"4","status":"firing","alerts":[{"status":"firing",
         "labels":{"alertname":"UnusualDynamoDBReads","dr_signal":"suspicious-access","table":"am-breached",
                   "region":"us-east-1","principal_type":"IAMUser","principal_name":"mallory",
                   "principal_arn":"arn:aws:iam::000000000000:user/mallory","access_key_id":"AKIAIOSFODNN7EXAMPLE",
                   "source_ip":"203.0.113.45","severity":"critical"},
         "startsAt":"2026-01-15T10:30:00Z"}]}
        """;
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r =
          post("/alerts/alertmanager", body, "Authorization", "Bearer it-token");

      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      IncidentDetected incident =
          (IncidentDetected)
              topic
                  .await(
                      "SECURITY_BREACH|us-east-1|am-breached",
                      v -> v instanceof IncidentDetected,
                      DETECTION_TIMEOUT)
                  .value();
      assertThat(incident.getSymptoms())
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getSubjects())
                      .containsOnly(
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
      HttpResponse<String> none =
          post("/alerts/alertmanager", alertmanager("am-refused", "firing"));
      HttpResponse<String> wrong =
          post(
              "/alerts/alertmanager",
              alertmanager("am-refused", "firing"),
              "Authorization",
              "Bearer nope");
      HttpResponse<String> notJson =
          post("/alerts/alertmanager", "{not json", "Authorization", "Bearer it-token");
      HttpResponse<String> noAlerts =
          post("/alerts/alertmanager", "{\"version\":\"4\"}", "Authorization", "Bearer it-token");

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
    String body =
        "{\"signal\":\"suspicious-access\",\"status\":\"firing\",\"region\":\"us-east-1\",\"resource\":\"gen-table\","
            + "\"source\":\"siem\",\"detail\":\"GuardDuty finding\","
            + "\"subjects\":{\"principalType\":\"role\",\"principalName\":\"DataExporter\",\"sourceIp\":\"192.0.2.10\"}}";
    String tampered = body.replace("gen-table", "gen-other");
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> ok = post("/alerts/generic", body, "X-DR-Signature", hmac(body));
      HttpResponse<String> bad = post("/alerts/generic", tampered, "X-DR-Signature", hmac(body));
      HttpResponse<String> noSignal =
          post("/alerts/generic", "{\"status\":\"firing\"}", "Authorization", "Bearer it-token");

      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
      IncidentDetected incident =
          (IncidentDetected)
              topic
                  .await(
                      "SECURITY_BREACH|us-east-1|gen-table",
                      v -> v instanceof IncidentDetected,
                      DETECTION_TIMEOUT)
                  .value();
      assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
      assertThat(incident.getSymptoms())
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getSubjects())
                      .containsOnly(
                          entry("principalType", "ROLE"),
                          entry("principalName", "DataExporter"),
                          entry("sourceIp", "192.0.2.10")));
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

  static final String ALARM =
      """
      {"AlarmName":"sns-table-throttles","NewStateValue":"ALARM","NewStateReason":"Threshold Crossed",
       "StateChangeTime":"2026-01-15T10:29:00.000+0000","AlarmArn":"arn:aws:cloudwatch:us-east-1:000000000000:alarm:sns-table-throttles",
       "Trigger":{"MetricName":"ThrottledRequests","Namespace":"AWS/DynamoDB",
                  "Dimensions":[{"name":"TableName","value":"sns-table"}]}}""";

  @Test
  void shouldConfirmAVerifiedSnsSubscription() {
    HttpResponse<String> r =
        post(
            "/alerts/sns",
            json.writeValueAsString(
                snsMessage("SubscriptionConfirmation", "You have chosen to subscribe", "1")),
            "x-amz-sns-message-type",
            "SubscriptionConfirmation");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("subscription confirmed");
    AWS.verify(getRequestedFor(urlPathEqualTo("/sns/confirm")));
  }

  @Test
  void shouldRaiseAnIncidentFromASignedCloudWatchAlarmNotification() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r =
          post("/alerts/sns", json.writeValueAsString(snsMessage("Notification", ALARM, "2")));

      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      IncidentDetected incident =
          (IncidentDetected)
              topic
                  .await(
                      "PERFORMANCE_DEGRADATION|us-east-1|sns-table",
                      v -> v instanceof IncidentDetected,
                      DETECTION_TIMEOUT)
                  .value();
      assertThat(incident.getScenario()).isEqualTo(Scenario.PERFORMANCE_DEGRADATION);
    }
  }

  @Test
  void shouldRefuseSnsMessagesWithABadSignatureOrAnUntrustedCertificateHost() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      Map<String, String> tampered = snsMessage("Notification", ALARM, "2");
      tampered.put("Message", ALARM.replace("sns-table", "sns-forged"));
      Map<String, String> foreignCert =
          snsMessage("Notification", ALARM.replace("sns-table", "sns-forged"), "2");
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

  /** A fixture (AWS documentation example) addressed to this test's topic, signed, its certificate served here. */
  String signedFixture(String fixture, String message) {
    tools.jackson.databind.node.ObjectNode m =
        io.drautopilot.detector.adapter.http.Fixtures.read(fixture);
    m.put("TopicArn", "arn:aws:sns:us-east-1:000000000000:dr-alarms");
    if (m.has("SubscribeURL")) {
      m.put(
          "SubscribeURL",
          "http://127.0.0.1:"
              + AWS.port()
              + "/sns/confirm?Action=ConfirmSubscription&Token="
              + m.get("Token").asString());
    }
    if (message != null) {
      m.put("Message", message);
    }
    m.put("MessageId", java.util.UUID.randomUUID().toString());
    Map<String, String> fields = new LinkedHashMap<>();
    m.properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
    m.put("SignatureVersion", "1");
    m.put("Signature", SNS.sign(fields, "1"));
    m.put("SigningCertURL", "http://127.0.0.1:" + AWS.port() + "/sns/cert.pem");
    return json.writeValueAsString(m);
  }

  /** The CloudWatch alarm fixture for a table in a state, changed now. */
  String alarm(String table, String state) {
    tools.jackson.databind.node.ObjectNode a =
        io.drautopilot.detector.adapter.http.Fixtures.read(
            "cloudwatch/alarm-dynamodb-throttled-requests.json");
    a.put("AlarmName", table + "-throttled-requests");
    a.put(
        "AlarmArn",
        "arn:aws:cloudwatch:us-east-1:000000000000:alarm:" + table + "-throttled-requests");
    a.put("NewStateValue", state);
    a.put("OldStateValue", state.equals("OK") ? "ALARM" : "OK");
    a.put(
        "StateChangeTime",
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(java.time.ZoneOffset.UTC)
            .format(java.time.Instant.now()));
    ((tools.jackson.databind.node.ObjectNode) a.get("Trigger").get("Dimensions").get(0))
        .put("value", table);
    return json.writeValueAsString(a);
  }

  @Test
  void shouldConfirmTheDocumentedSubscriptionConfirmationByCallingItsSubscribeUrl() {
    HttpResponse<String> r =
        post(
            "/alerts/sns",
            signedFixture("sns/subscription-confirmation.json", null),
            "x-amz-sns-message-type",
            "SubscriptionConfirmation");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("subscription confirmed");
    AWS.verify(
        getRequestedFor(urlPathEqualTo("/sns/confirm"))
            .withQueryParam(
                "Action",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("ConfirmSubscription")));
  }

  @Test
  void shouldRaiseOnACloudWatchAlarmNotificationAndClearOnItsOkState() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> alarm =
          post(
              "/alerts/sns",
              signedFixture("sns/notification.json", alarm("sns-ok-table", "ALARM")));
      IncidentDetected incident =
          (IncidentDetected)
              topic
                  .await(
                      "PERFORMANCE_DEGRADATION|us-east-1|sns-ok-table",
                      v -> v instanceof IncidentDetected,
                      DETECTION_TIMEOUT)
                  .value();
      HttpResponse<String> ok =
          post("/alerts/sns", signedFixture("sns/notification.json", alarm("sns-ok-table", "OK")));

      assertThat(alarm.statusCode()).as(alarm.body()).isEqualTo(202);
      assertThat(incident.getScenario()).isEqualTo(Scenario.PERFORMANCE_DEGRADATION);
      assertThat(incident.getSeverity()).isEqualTo(Severity.P3);
      assertThat(incident.getSymptoms())
          .singleElement()
          .satisfies(e -> assertThat(e.getSignal()).isEqualTo("throttling"));
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
      io.drautopilot.contracts.incident.IncidentConditionCleared cleared =
          (io.drautopilot.contracts.incident.IncidentConditionCleared)
              topic
                  .await(
                      "PERFORMANCE_DEGRADATION|us-east-1|sns-ok-table",
                      v -> v instanceof io.drautopilot.contracts.incident.IncidentConditionCleared,
                      DETECTION_TIMEOUT)
                  .value();
      assertThat(cleared.getMetadata().getIncidentId())
          .isEqualTo(incident.getMetadata().getIncidentId());
    }
  }

  @Test
  void shouldNoteTheDocumentedUnsubscribeConfirmation() {
    HttpResponse<String> r =
        post("/alerts/sns", signedFixture("sns/unsubscribe-confirmation.json", null));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body())
        .contains("unsubscribe noted")
        .contains("arn:aws:sns:us-east-1:000000000000:dr-alarms");
  }

  @Test
  void shouldAnswerServiceUnavailableNotForbiddenWhenTheSigningCertificateIsUnreachable()
      throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String body =
        signedFixture("sns/notification.json", alarm("sns-unreachable", "ALARM"))
            .replace(
                "127.0.0.1:" + AWS.port() + "/sns/cert.pem",
                "127.0.0.1:" + closedPort + "/sns/cert.pem");

    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r = post("/alerts/sns", body);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(r.body())
          .contains("cannot fetch the SNS signing certificate")
          .contains("ConnectException");
      assertThat(topic.valuesFor("PERFORMANCE_DEGRADATION|us-east-1|sns-unreachable", SETTLE))
          .isEmpty();
    }
  }

  @Test
  void shouldAcceptButFlagAnAlertAboutAnUnmanagedTableAndClampItsStaleStart() {
    String body =
        alertmanager("am-unmanaged", "firing")
            .replace(STARTS_AT.toString(), "2023-01-15T10:30:00Z");
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r =
          post("/alerts/alertmanager", body, "Authorization", "Bearer it-token");

      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      assertThat(r.body()).contains("\"unmanaged\":[\"us-east-1/am-unmanaged\"]");
      IncidentDetected incident =
          (IncidentDetected)
              topic
                  .await(
                      "TABLE_CORRUPTION|us-east-1|am-unmanaged",
                      v -> v instanceof IncidentDetected,
                      DETECTION_TIMEOUT)
                  .value();
      assertThat(incident.getImpactStartedAt())
          .isAfter(java.time.Instant.now().minus(Duration.ofHours(25)));
      assertThat(incident.getSymptoms().get(0).getDetail())
          .contains("impact start clamped")
          .contains("unmanaged");
    }
  }

  HttpResponse<String> postChunked(String path, byte[] body, String... headers) throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body)));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return java.net.http.HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A valid Alertmanager payload padded past 1 MB with a long annotation. */
  static String oversized(String table) {
    return alertmanager(table, "firing")
        .replace(
            "\"summary\":\"errors on " + table + "\"",
            "\"summary\":\"" + "x".repeat(1_500_000) + "\"");
  }

  @Test
  void shouldRefuseABodyOverTheSizeLimitWith413BeforeReadingIt() throws Exception {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> declared =
          post("/alerts/alertmanager", oversized("am-huge"), "Authorization", "Bearer it-token");
      HttpResponse<String> chunked =
          postChunked(
              "/alerts/alertmanager",
              oversized("am-huge").getBytes(StandardCharsets.UTF_8),
              "Authorization",
              "Bearer it-token");
      HttpResponse<String> maintenance =
          post(
              "/maintenance/runs",
              "{\"procedure\":\"dr-drill\",\"pad\":\"" + "x".repeat(1_500_000) + "\"}");

      assertThat(declared.statusCode()).isEqualTo(413);
      assertThat(declared.body())
          .contains("larger than the 1048576 bytes accepted")
          .contains("dr.detector.webhooks.max-body-size");
      assertThat(chunked.statusCode()).isEqualTo(413);
      assertThat(chunked.body()).contains("larger than the 1048576 bytes accepted");
      assertThat(maintenance.statusCode()).isEqualTo(413);
      assertThat(topic.valuesFor("TABLE_CORRUPTION|us-east-1|am-huge", SETTLE)).isEmpty();
    }
  }

  @Test
  void shouldAcceptAChunkedBodyWithinTheSizeLimit() throws Exception {
    HttpResponse<String> r =
        postChunked(
            "/alerts/alertmanager",
            alertmanager("am-chunked", "firing").getBytes(StandardCharsets.UTF_8),
            "Authorization",
            "Bearer it-token");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
  }
}
