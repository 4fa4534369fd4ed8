package io.drautopilot.detector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Drill faults through the API, detected by the real probes; also records the detection latency of each. */
class FaultInjectionIT extends DetectorIT {

  private static final Logger log = LoggerFactory.getLogger(FaultInjectionIT.class);
  final JsonMapper json = JsonMapper.builder().build();

  @AfterEach
  void clearStubs() {
    try {
      var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
          java.net.URI.create("http://localhost:" + port + "/sandbox/faults")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  IncidentDetected injectAndAwait(String request, String fingerprint) {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r = post("/sandbox/faults", request);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode answer = json.readTree(r.body());
      Instant injectedAt = Instant.parse(answer.path("injectedAt").asString());
      IncidentDetected incident = (IncidentDetected) topic.await(fingerprint, v -> v instanceof IncidentDetected,
          DETECTION_TIMEOUT).value();
      long latency = Duration.between(injectedAt, incident.getDetectedAt()).toMillis();
      // Recorded for docs/benchmarks/detector-service.md (probe interval 1 s, 2 consecutive failures).
      log.info("DETECTION-LATENCY kind={} fingerprint={} ms={}", answer.path("kind").asString(), fingerprint, latency);
      return incident;
    }
  }

  @Test
  void shouldDetectATableDeletedThroughTheFaultApiAsTableCorruption() {
    IncidentDetected incident = injectAndAwait("{\"kind\":\"table-deleted\",\"table\":\"it-faultdel\"}",
        "TABLE_CORRUPTION|us-east-1|it-faultdel");

    assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
  }

  @Test
  void shouldDetectInjectedThrottlingThroughTheCloudWatchProbe() {
    IncidentDetected incident = injectAndAwait("{\"kind\":\"throttling\",\"table\":\"it-throttled\",\"value\":500}",
        "PERFORMANCE_DEGRADATION|us-east-1|it-throttled");

    assertThat(incident.getScenario()).isEqualTo(Scenario.PERFORMANCE_DEGRADATION);
    assertThat(incident.getSeverity()).isEqualTo(Severity.P2);
    assertThat(incident.getSymptoms()).anySatisfy(e -> {
      assertThat(e.getSignal()).isEqualTo("throttling");
      assertThat(e.getValue()).isEqualTo(500.0);
    });
  }

  @Test
  void shouldDetectAnInjectedBreachSignalThroughTheCloudTrailProbe() {
    IncidentDetected incident = injectAndAwait("{\"kind\":\"breach-signal\",\"table\":\"it-healthy\"}",
        "SECURITY_BREACH|us-east-1|it-healthy");

    assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
    // As the orchestrator decodes it from the topic: the principal for the runbook's containment steps.
    assertThat(incident.getSymptoms()).singleElement().satisfies(e -> {
      assertThat(e.getSignal()).isEqualTo("suspicious-access");
      assertThat(e.getDetail()).contains("200 Scans by arn:aws:iam::000000000000:user/mallory");
      assertThat(e.getSubjects()).containsOnly(
          entry("principalType", "USER"),
          entry("principalName", "mallory"),
          entry("principalArn", "arn:aws:iam::000000000000:user/mallory"),
          entry("accessKeyId", "AKIAIOSFODNN7EXAMPLE"),
          entry("sourceIp", "203.0.113.45"));
    });
  }

  @Test
  void shouldRaiseOneRegionalIncidentWhenTheRegionIsMadeUnreachable() {
    IncidentDetected incident = injectAndAwait("{\"kind\":\"region-unreachable\",\"region\":\"us-west-2\"}",
        "REGIONAL_FAILURE|us-west-2");

    assertThat(incident.getScenario()).isEqualTo(Scenario.REGIONAL_FAILURE);
    assertThat(incident.getSeverity()).isEqualTo(Severity.P1);
    assertThat(incident.getAffectedResources()).containsExactly("it-west-entities", "it-west-events");
  }

  @Test
  void shouldRefuseAnUnknownFaultKindWithTheKnownOnes() {
    HttpResponse<String> r = post("/sandbox/faults", "{\"kind\":\"meteor\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("unknown fault kind meteor").contains("table-deleted");
  }

  @Test
  void shouldAnswerNotFoundForAMissingTable() {
    HttpResponse<String> r = post("/sandbox/faults", "{\"kind\":\"table-deleted\",\"table\":\"no-such-table\"}");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("no-such-table does not exist");
  }
}
