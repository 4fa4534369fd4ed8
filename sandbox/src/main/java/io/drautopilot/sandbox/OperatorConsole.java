package io.drautopilot.sandbox;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The people in the drill, using the orchestrator's REST API as people would: the on-call engineer
 * acknowledges the incident, and two distinct security officers approve every step that waits at an
 * approval gate (Scenario 3's two-person rule). Each logs in at the drill's identity provider as a
 * person does with drctl (device authorization grant, the verification page filled in with their
 * password) and calls the API with their own access token; identities land in the audit log.
 *
 * <p>With {@code ./drill --stay} the drill's people only acknowledge: the approvals are left to people in the
 * incident console, and the drill says once per gate that it is waiting for them.
 */
final class OperatorConsole {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String api;
  private final SandboxIdentity identity;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Set<String> approved = new HashSet<>();
  private final boolean approve;
  private final Consumer<String> notice;
  private boolean acknowledged;

  /** The drill's people acknowledge and approve. */
  OperatorConsole(int orchestratorPort, SandboxIdentity identity) {
    this(orchestratorPort, identity, true, m -> {});
  }

  /**
   * @param approve false: only acknowledge, and tell {@code notice} of each gate waiting for people's approvals
   */
  OperatorConsole(
      int orchestratorPort, SandboxIdentity identity, boolean approve, Consumer<String> notice) {
    this.api = "http://127.0.0.1:" + orchestratorPort + "/api/incidents/";
    this.identity = identity;
    this.approve = approve;
    this.notice = notice;
  }

  /** One round: acknowledge once, approve whatever is awaiting approval. Returns what was done. */
  void act(String incidentId, PrintStream out) throws Exception {
    String onCall = identity.accessToken(SandboxIdentity.ON_CALL);
    if (!acknowledged
        && post(incidentId + "/acknowledge", onCall, "{\"note\":\"on it (sandbox drill)\"}") / 100
            == 2) {
      acknowledged = true;
    }
    HttpResponse<String> incident =
        http.send(
            HttpRequest.newBuilder(URI.create(api + incidentId))
                .header("Authorization", "Bearer " + onCall)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (incident.statusCode() != 200) {
      return;
    }
    JsonNode steps = JSON.readTree(incident.body()).path("steps");
    for (JsonNode step : steps) {
      String id = step.path("stepId").asString("");
      if (!"AWAITING_APPROVAL".equals(step.path("status").asString(""))) {
        continue;
      }
      if (!approve) {
        if (approved.add(id)) {
          notice.accept(
              "step "
                  + id
                  + " of incident "
                  + incidentId
                  + " awaits approval: the drill leaves it to people"
                  + " (--stay); approve it in the incident console as security officers ("
                  + String.join(", ", SandboxIdentity.SECURITY_OFFICERS)
                  + "; a two-person gate needs both)");
        }
        continue;
      }
      for (String officer : SandboxIdentity.SECURITY_OFFICERS) {
        if (approved.add(id + "/" + officer)) {
          post(
              incidentId + "/steps/" + id + "/approve",
              identity.accessToken(officer),
              "{\"comment\":\"approved in the sandbox drill\"}");
        }
      }
    }
  }

  private int post(String path, String token, String body) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(api + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }
}
