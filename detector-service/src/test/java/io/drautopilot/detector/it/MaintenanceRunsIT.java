package io.drautopilot.detector.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.detector.adapter.schedule.MaintenanceScheduler;
import io.drautopilot.detector.domain.MaintenanceProcedure;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** On-demand maintenance runs in sandbox mode (no credentials needed), and the schedule as shipped. */
class MaintenanceRunsIT extends DetectorIT {

  final JsonMapper json = JsonMapper.builder().build();
  @Autowired MaintenanceScheduler scheduler;

  @Test
  void shouldPublishAnOnDemandDrDrillAsIncidentDetectedWithoutCredentialsInSandboxMode() {
    try (IncidentsTopic topic = new IncidentsTopic(brokers)) {
      HttpResponse<String> r = post("/maintenance/runs", "{\"procedure\": \"dr-drill\"}");

      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      JsonNode answer = json.readTree(r.body());
      String fingerprint = answer.path("fingerprint").asString();
      assertThat(fingerprint).startsWith("DR_DRILL|us-east-1|it-deleted|");
      IncidentDetected incident =
          (IncidentDetected)
              topic
                  .await(fingerprint, v -> v instanceof IncidentDetected, DETECTION_TIMEOUT)
                  .value();
      assertThat(incident.getMetadata().getIncidentId())
          .isEqualTo(answer.path("incidentId").asString());
      assertThat(incident.getScenario()).isEqualTo(Scenario.DR_DRILL);
      assertThat(incident.getSeverity()).isEqualTo(Severity.P4);
      assertThat(incident.getRegion()).isEqualTo("us-east-1");
      assertThat(incident.getAffectedResources()).containsExactly("it-deleted");
      assertThat(incident.getImpactStartedAt())
          .isEqualTo(incident.getDetectedAt())
          .isEqualTo(Instant.parse(answer.path("runAt").asString()));
      assertThat(incident.getSymptoms())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getSignal()).isEqualTo("on-demand-maintenance");
                assertThat(e.getDetail()).contains("quarterly disaster recovery drill");
              });
    }
  }

  @Test
  void shouldStillRefuseAnUnknownProcedureInSandboxMode() {
    HttpResponse<String> r = post("/maintenance/runs", "{\"procedure\": \"nightly-restore\"}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("unknown procedure 'nightly-restore': use backup-verification or dr-drill");
  }

  @Test
  void shouldScheduleBothProceduresByDefaultOnTheRunbooksCalendarInUtc() {
    assertThat(scheduler.isRunning()).isTrue();
    assertThat(scheduler.nextRun(MaintenanceProcedure.BACKUP_VERIFICATION))
        .hasValueSatisfying(
            t -> {
              var utc = t.atZone(ZoneOffset.UTC);
              assertThat(utc.getDayOfMonth()).isEqualTo(1);
              assertThat(utc.getHour()).isEqualTo(3);
            });
    assertThat(scheduler.nextRun(MaintenanceProcedure.DR_DRILL))
        .hasValueSatisfying(
            t -> {
              var utc = t.atZone(ZoneOffset.UTC);
              assertThat(utc.getDayOfMonth()).isEqualTo(1);
              assertThat(utc.getMonthValue()).isIn(1, 4, 7, 10);
              assertThat(utc.getHour()).isEqualTo(4);
            });
  }
}
