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
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.annotation.DirtiesContext;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
    "dr.orchestrator.streams.application-id=orchestrator-api-it",
    "dr.orchestrator.security.hmac-secret=" + OrchestratorApiIT.SECRET,
    "dr.orchestrator.security.issuer=dr-sandbox"})
@DirtiesContext
class OrchestratorApiIT {

  static final String SECRET = "test-only-secret-of-at-least-32-bytes!!";

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldPlanAValidRunbookAndRejectAnInvalidOneWithFileLocationAndReason() throws Exception {
    String yaml = new ClassPathResource("runbooks/table-corruption.yml").getContentAsString(StandardCharsets.UTF_8);
    String body = "{\"yaml\":" + json(yaml) + ",\"fileName\":\"candidate.yml\","
        + "\"outputs\":{\"find-restore-point\":{\"kind\":\"PITR\",\"restorePointTime\":\"2024-01-15T10:30:00Z\"}}}";

    HttpResponse<String> plan = post("/api/runbooks/validate", body, null);
    HttpResponse<String> invalid = post("/api/runbooks/validate",
        "{\"yaml\":" + json(yaml.replace("restore.cutOverTable", "restore.cutOverTabel")) + ",\"fileName\":\"candidate.yml\"}", null);

    assertThat(plan.statusCode()).isEqualTo(200);
    assertThat(plan.body()).contains("open-circuit-breaker", "restore-to-point-in-time", "2024-01-15T10:30:00Z")
        .doesNotContain("\"import-snapshot\"");
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("\"file\":\"candidate.yml\"", "\"location\":\"step 'cut-over' action\"", "CutOverTabelCommand");
    assertThat(get("/api/runbooks").body()).contains("table-corruption", "regional-failure", "dr-drill");
  }

  @Test
  void shouldRequireABearerTokenWithTheRightRoleAndWriteTheIdentityToTheOperatorTopic() throws Exception {
    String incidentId = "inc-api-" + UUID.randomUUID();
    Instant now = Instant.now();
    publisher.publish(Topics.INCIDENTS_DETECTED, "fp-" + incidentId, OrchestratorDriver.detection(incidentId, "fp-" + incidentId,
        Scenario.SECURITY_BREACH, Severity.P1, "entities", now, now));
    String path = "/api/incidents/" + incidentId;
    await(() -> get(path).statusCode() == 200);

    String responder = token("dana@example.org", List.of("incident-responder"));
    String developer = token("dev@example.org", List.of("developer"));
    assertThat(post(path + "/acknowledge", "{}", null).statusCode()).isEqualTo(401);
    assertThat(post(path + "/acknowledge", "{}", "not-a-jwt").statusCode()).isEqualTo(401);
    assertThat(post(path + "/acknowledge", "{}", developer).statusCode()).isEqualTo(403);
    assertThat(post("/api/incidents/no-such-incident/acknowledge", "{}", responder).statusCode()).isEqualTo(404);
    assertThat(post(path + "/steps/no-such-step/approve", "{}", responder).statusCode()).isEqualTo(404);
    HttpResponse<String> notAwaiting = post(path + "/steps/notify-contacts/approve", "{}", responder);
    assertThat(notAwaiting.statusCode()).isEqualTo(409);
    assertThat(notAwaiting.body()).contains("not awaiting approval");

    HttpResponse<String> ack = post(path + "/acknowledge", "{\"note\":\"on it\"}", responder);
    assertThat(ack.statusCode()).isEqualTo(202);
    await(() -> get(path + "/timeline").body().contains("IncidentAcknowledged"));
    assertThat(get(path + "/timeline").body()).contains("dana@example.org");
    assertThat(get("/api/incidents?open=true&scenario=SECURITY_BREACH").body()).contains(incidentId);
    assertThat(get("/v3/api-docs").body()).contains("/api/incidents/{incidentId}/steps/{stepId}/approve");
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
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
        .subject(who).claim("email", who).claim("roles", roles).issuer("dr-sandbox")
        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
