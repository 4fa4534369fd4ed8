package io.drautopilot.sandbox;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The people in the drill, using the orchestrator's REST API as people would: the on-call engineer
 * acknowledges the incident, and two distinct security officers approve every step that waits at an
 * approval gate (Scenario 3's two-person rule). Their bearer tokens are signed with the drill's
 * generated key; identities land in the audit log.
 */
final class OperatorConsole {

  static final List<String> SECURITY_OFFICERS = List.of("security-officer-1@example.test", "security-officer-2@example.test");
  static final String ON_CALL = "on-call-engineer@example.test";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String api;
  private final byte[] secret;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> approved = new HashSet<>();
  private boolean acknowledged;

  OperatorConsole(int orchestratorPort, String hmacSecret) {
    this.api = "http://127.0.0.1:" + orchestratorPort + "/api/incidents/";
    this.secret = hmacSecret.getBytes(StandardCharsets.UTF_8);
  }

  /** One round: acknowledge once, approve whatever is awaiting approval. Returns what was done. */
  void act(String incidentId, PrintStream out) throws Exception {
    if (!acknowledged && post(incidentId + "/acknowledge", token(ON_CALL, "incident-responder"),
        "{\"note\":\"on it (sandbox drill)\"}") / 100 == 2) {
      acknowledged = true;
    }
    HttpResponse<String> incident = http.send(HttpRequest.newBuilder(URI.create(api + incidentId))
        .header("Authorization", "Bearer " + token(ON_CALL, "incident-responder")).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (incident.statusCode() != 200) {
      return;
    }
    JsonNode steps = JSON.readTree(incident.body()).path("steps");
    for (JsonNode step : steps) {
      String id = step.path("stepId").asString("");
      if (!"AWAITING_APPROVAL".equals(step.path("status").asString(""))) {
        continue;
      }
      for (String officer : SECURITY_OFFICERS) {
        if (approved.add(id + "/" + officer)) {
          post(incidentId + "/steps/" + id + "/approve", token(officer, "security-officer"),
              "{\"comment\":\"approved in the sandbox drill\"}");
        }
      }
    }
  }

  private int post(String path, String token, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private String token(String who, String role) throws Exception {
    Instant now = Instant.now();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
        .subject(who).claim("email", who).claim("roles", List.of(role, "incident-responder"))
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }
}
