package io.drautopilot.orchestrator.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.operator.ApprovalDecision;
import io.drautopilot.contracts.operator.ApprovalSubmitted;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.messaging.serde.AvroEventDeserializer;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.annotation.DirtiesContext;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.orchestrator.streams.application-id=orchestrator-api-it",
      "dr.orchestrator.streams.state-dir=${java.io.tmpdir}/orchestrator-api-it-${random.uuid}",
      // the development option: HS256 tokens minted here (IdentityProviderIT runs against a real
      // issuer)
      "dr.orchestrator.security.development-hmac.enabled=true",
      "dr.orchestrator.security.development-hmac.secret=" + OrchestratorApiIT.SECRET,
      "dr.orchestrator.security.development-hmac.issuer=dr-sandbox"
    })
@DirtiesContext
class OrchestratorApiIT {

  static final String SECRET = "test-only-secret-of-at-least-32-bytes!!";

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldPlanAValidRunbookAndRejectAnInvalidOneWithFileLocationAndReason() throws Exception {
    String yaml =
        new ClassPathResource("runbooks/table-corruption.yml")
            .getContentAsString(StandardCharsets.UTF_8);
    String body =
        "{\"yaml\":"
            + json(yaml)
            + ",\"fileName\":\"candidate.yml\","
            + "\"outputs\":{\"find-restore-point\":{\"kind\":\"PITR\",\"restorePointTime\":\"2024-01-15T10:30:00Z\"}}}";

    String author = token("rae@example.org", List.of("runbook-author"));

    HttpResponse<String> plan = post("/api/runbooks/validate", body, author);
    HttpResponse<String> invalid =
        post(
            "/api/runbooks/validate",
            "{\"yaml\":"
                + json(yaml.replace("restore.cutOverTable", "restore.cutOverTabel"))
                + ",\"fileName\":\"candidate.yml\"}",
            author);

    assertThat(plan.statusCode()).isEqualTo(200);
    assertThat(plan.body())
        .contains("open-circuit-breaker", "restore-to-point-in-time", "2024-01-15T10:30:00Z")
        .doesNotContain("\"import-snapshot\"");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body())
        .contains(
            "\"file\":\"candidate.yml\"",
            "\"location\":\"step 'cut-over' action\"",
            "CutOverTabelCommand");
    assertThat(get("/api/runbooks").body())
        .contains("table-corruption", "regional-failure", "dr-drill");
  }

  @Test
  void shouldRefuseToPlanForASeverityTheContractLacks() throws Exception {
    String yaml =
        new ClassPathResource("runbooks/table-corruption.yml")
            .getContentAsString(StandardCharsets.UTF_8);
    String author = token("rae@example.org", List.of("runbook-author"));

    HttpResponse<String> plan =
        post(
            "/api/runbooks/validate",
            "{\"yaml\":" + json(yaml) + ",\"incident\":{\"severity\":\"P9\"}}",
            author);

    assertThat(plan.statusCode()).isEqualTo(400);
    assertThat(plan.body()).contains("unknown severity 'P9'");
  }

  @Test
  void shouldRefuseAnUnauthenticatedRunbookValidationWith401() throws Exception {
    HttpResponse<String> anonymous = post("/api/runbooks/validate", "{\"yaml\":\"id: x\"}", null);

    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void shouldAcceptDevelopmentHmacTokensOnlyWithTheConfiguredSecretAndIssuer() throws Exception {
    HttpResponse<String> wrongSecret =
        http.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/incidents"))
                .header(
                    "Authorization",
                    "Bearer "
                        + token(
                            "val@example.org",
                            List.of("viewer"),
                            "another-secret-of-at-least-32-bytes!!!"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(get("/api/incidents").statusCode()).isEqualTo(200);
    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    assertThat(wrongSecret.body()).contains("\"reason\":\"invalid-signature\"");
  }

  @Test
  void shouldRefuseATenMegabyteBodyWith413BeforeReadingItOnAnyEndpoint() throws Exception {
    String tenMegabytes = "{\"yaml\":\"#" + "x".repeat(10 * 1024 * 1024) + "\"}";
    String author = token("rae@example.org", List.of("runbook-author"));

    HttpResponse<String> validate = post("/api/runbooks/validate", tenMegabytes, author);
    HttpResponse<String> acknowledge = post("/api/incidents/inc-x/acknowledge", tenMegabytes, null);

    assertThat(validate.statusCode()).isEqualTo(413);
    assertThat(validate.body())
        .contains("larger than the 262144 bytes accepted", "dr.orchestrator.max-request-size");
    assertThat(acknowledge.statusCode()).isEqualTo(413);
  }

  @Test
  void shouldRefuseAChunkedBodyOverTheLimitWith413() throws Exception {
    byte[] chunk = ("#" + "x".repeat(64 * 1024)).getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/runbooks/validate"))
            .header("Content-Type", "application/json")
            .header(
                "Authorization", "Bearer " + token("rae@example.org", List.of("runbook-author")))
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () ->
                        new java.io.SequenceInputStream(
                            java.util.Collections.enumeration(
                                java.util.Collections.nCopies(10, (java.io.InputStream) null)
                                    .stream()
                                    .map(
                                        none ->
                                            (java.io.InputStream)
                                                new java.io.ByteArrayInputStream(chunk))
                                    .toList()))))
            .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).contains("larger than the 262144 bytes accepted");
  }

  @Test
  void shouldRequireABearerTokenWithTheRightRoleAndWriteTheIdentityToTheOperatorTopic()
      throws Exception {
    String incidentId = "inc-api-" + UUID.randomUUID();
    Instant now = Instant.now();
    publisher.publish(
        Topics.INCIDENTS_DETECTED,
        "fp-" + incidentId,
        OrchestratorDriver.detection(
            incidentId,
            "fp-" + incidentId,
            Scenario.SECURITY_BREACH,
            Severity.P1,
            "entities",
            now,
            now));
    String path = "/api/incidents/" + incidentId;
    await(() -> get(path).statusCode() == 200);

    String responder = token("dana@example.org", List.of("incident-responder"));
    String developer = token("dev@example.org", List.of("developer"));
    assertThat(post(path + "/acknowledge", "{}", null).statusCode()).isEqualTo(401);
    assertThat(post(path + "/acknowledge", "{}", "not-a-jwt").statusCode()).isEqualTo(401);
    assertThat(post(path + "/acknowledge", "{}", developer).statusCode()).isEqualTo(403);
    assertThat(
            post(path + "/acknowledge", "{}", token("val@example.org", List.of("viewer")))
                .statusCode())
        .isEqualTo(403);
    assertThat(post("/api/incidents/no-such-incident/acknowledge", "{}", responder).statusCode())
        .isEqualTo(404);
    assertThat(post(path + "/steps/no-such-step/approve", "{}", responder).statusCode())
        .isEqualTo(404);
    HttpResponse<String> notAwaiting =
        post(path + "/steps/notify-contacts/approve", "{}", responder);
    assertThat(notAwaiting.statusCode()).isEqualTo(409);
    assertThat(notAwaiting.body()).contains("not awaiting approval");

    HttpResponse<String> ack = post(path + "/acknowledge", "{\"note\":\"on it\"}", responder);
    assertThat(ack.statusCode()).isEqualTo(202);
    await(() -> get(path + "/timeline").body().contains("IncidentAcknowledged"));
    assertThat(get(path + "/timeline").body()).contains("dana@example.org");
    assertThat(get("/api/incidents?open=true&scenario=SECURITY_BREACH").body())
        .contains(incidentId);
    assertThat(get("/v3/api-docs").body())
        .contains("/api/incidents/{incidentId}/steps/{stepId}/approve");
  }

  @Test
  void shouldAcceptAnApprovalAndWriteItWithTheApproversIdentityToTheOperatorTopic()
      throws Exception {
    // given a breach incident whose contain-principal step waits for two security officers
    String incidentId = "inc-approve-" + UUID.randomUUID();
    Instant now = Instant.now();
    publisher.publish(
        Topics.INCIDENTS_DETECTED,
        "fp-" + incidentId,
        OrchestratorDriver.detection(
            incidentId,
            "fp-" + incidentId,
            Scenario.SECURITY_BREACH,
            Severity.P1,
            "entities",
            now,
            now));
    String path = "/api/incidents/" + incidentId;
    await(() -> get(path).statusCode() == 200 && get(path).body().contains("AWAITING_APPROVAL"));
    String officer = token("sam@example.org", List.of("security-officer"));

    // when the first officer approves
    HttpResponse<String> approved =
        post(path + "/steps/contain-principal/approve", "{\"comment\":\"contain now\"}", officer);

    // then it is accepted, and the approval is on dr.operator.actions with the approver's identity
    // and role
    assertThat(approved.statusCode()).isEqualTo(202);
    assertThat(approved.body()).contains(incidentId, Topics.OPERATOR_ACTIONS);
    ApprovalSubmitted submitted = operatorAction(incidentId);
    assertThat(submitted.getStepId()).isEqualTo("contain-principal");
    assertThat(submitted.getApprover()).isEqualTo("sam@example.org");
    assertThat(submitted.getRoles()).contains("security-officer");
    assertThat(submitted.getDecision()).isEqualTo(ApprovalDecision.APPROVE);
    assertThat(submitted.getComment()).isEqualTo("contain now");
    assertThat(approved.body()).contains(submitted.getMetadata().getEventId());
    // and the engine counts it: the same person cannot be the second approver
    await(() -> get(path + "/timeline").body().contains("ApprovalGranted"));
    assertThat(get(path + "/timeline").body()).contains("sam@example.org");
    HttpResponse<String> again = post(path + "/steps/contain-principal/approve", "{}", officer);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("another person must");
  }

  private ApprovalSubmitted operatorAction(String incidentId) {
    try (KafkaConsumer<String, Object> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("spring.embedded.kafka.brokers"),
                ConsumerConfig.GROUP_ID_CONFIG,
                "api-it-" + incidentId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new AvroEventDeserializer())) {
      consumer.subscribe(List.of(Topics.OPERATOR_ACTIONS));
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(200))) {
          if (incidentId.equals(r.key()) && r.value() instanceof ApprovalSubmitted a) {
            return a;
          }
        }
      }
    }
    throw new AssertionError(
        "no ApprovalSubmitted for " + incidentId + " on " + Topics.OPERATOR_ACTIONS);
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void await(Check check) throws Exception {
    long deadline = System.currentTimeMillis() + 60_000;
    while (!check.ok()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within 60 s");
      }
      Thread.sleep(200);
    }
  }

  static String token(String who, List<String> roles) throws Exception {
    return token(who, roles, SECRET);
  }

  static String token(String who, List<String> roles, String secret) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.HS256),
            new JWTClaimsSet.Builder()
                .subject(who)
                .claim("email", who)
                .claim("roles", roles)
                .issuer("dr-sandbox")
                .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .build());
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  /** A read as a viewer. */
  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token("val@example.org", List.of("viewer")))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
