package io.drautopilot.notifier.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.contracts.readiness.AssessmentTrigger;
import io.drautopilot.contracts.readiness.FindingStatus;
import io.drautopilot.contracts.readiness.ReadinessAssessed;
import io.drautopilot.contracts.readiness.ReadinessCheck;
import io.drautopilot.contracts.readiness.ReadinessFinding;
import io.drautopilot.contracts.readiness.RecoveryPath;
import io.drautopilot.contracts.readiness.TableReadiness;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.notifier.NotifierIntegrationTest;
import io.drautopilot.notifier.domain.report.ReadinessHistory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An incident's report shows the readiness published before it and the month's availability against the SLA. */
class ReportReadinessAndAvailabilityIT extends NotifierIntegrationTest {

  static final String TABLE = RecordedIncidents.TABLE;

  @Autowired EventPublisher publisher;
  @Autowired IncidentLogProjection projection;
  @Autowired ReadinessHistory readiness;
  @LocalServerPort int port;

  @Test
  void shouldShowTheReadinessAsAssessedBeforeTheIncidentAndTheMonthsAvailability()
      throws Exception {
    // given readiness-service's assessments: two before the incident (detected 10:31), one after it
    publish(
        "OVERALL",
        "09:00:00",
        82,
        600L,
        List.of(finding(FindingStatus.PASSED, "PITR enabled")),
        List.of(finding(FindingStatus.FAILED, "no second approver holds security-officer")));
    publish(
        TABLE,
        "09:30:00",
        64,
        1200L,
        List.of(finding(FindingStatus.FAILED, "no DR drill in the last 90 days")),
        List.of());
    publish(TABLE, "12:00:00", 99, 300L, List.of(), List.of());
    awaitReadiness(TABLE, RecordedIncidents.at("12:00:00"));
    // and a table corruption with 22 minutes of impact (10:30 to 10:52:10) in January 2024
    String incident = "INC-" + UUID.randomUUID();
    List<Object> log =
        RecordedIncidents.tableCorruption(incident).stream()
            .filter(r -> !(r instanceof NotifyContactsCommand))
            .toList();
    log.forEach(r -> publisher.publish(GenerateIncidentReportIT.topicOf(r), (SpecificRecord) r));
    awaitProjected(incident, log.size());

    // when
    String report = get("/incidents/" + incident + "/report.md");
    String html = get("/incidents/" + incident + "/report.html");

    // then the readiness of the time, not the later one
    assertThat(report)
        .contains(
            "## Recovery Readiness at the Time",
            "| `OVERALL` | 2024-01-15 09:00:00 UTC | 82 / 100 | 10 min (15 min, meets) | 4 min (5 min, meets) "
                + "| no second approver holds security-officer |",
            "| `"
                + TABLE
                + "` | 2024-01-15 09:30:00 UTC | 64 / 100 (below 80) | 20 min (15 min, misses) | 4 min (5 min, meets) "
                + "| "
                + TABLE
                + ": no DR drill in the last 90 days |")
        .doesNotContain("99 / 100");
    // and the month's availability: this incident alone is over the 99.99 % budget
    assertThat(report)
        .contains(
            "## Availability (SLA)",
            "- **Month**: 2024-01 (UTC)",
            "against the 99.99 % target (not met)",
            "of the month's 4 min 27 s budget");
    assertThat(html)
        .contains("<h2>Recovery Readiness at the Time</h2>", "<h2>Availability (SLA)</h2>");
  }

  void publish(
      String scope,
      String time,
      int score,
      long forecastRto,
      List<ReadinessFinding> tableFindings,
      List<ReadinessFinding> serviceFindings) {
    Instant at = RecordedIncidents.at(time);
    EventMetadata m =
        EventMetadata.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setIncidentId("readiness:" + scope)
            .setCorrelationId(UUID.randomUUID().toString())
            .setOccurredAt(at)
            .setProducer("readiness-service")
            .build();
    TableReadiness table =
        TableReadiness.newBuilder()
            .setTableName(TABLE)
            .setPaths(List.of())
            .setChosenPath(RecoveryPath.PITR_RESTORE)
            .setChoiceReason("fastest that meets both targets")
            .setForecastRtoSeconds(forecastRto)
            .setForecastRpoSeconds(240L)
            .setMeetsTargets(forecastRto <= 900)
            .setScore(score)
            .setFindings(tableFindings)
            .build();
    publisher.publish(
        Topics.READINESS_ASSESSMENTS,
        scope,
        ReadinessAssessed.newBuilder()
            .setMetadata(m)
            .setScope(scope)
            .setTrigger(AssessmentTrigger.SCHEDULE)
            .setAssessedAt(at)
            .setRtoTargetSeconds(900)
            .setRpoTargetSeconds(300)
            .setScore(score)
            .setScoreThreshold(80)
            .setBelowThreshold(score < 80)
            .setMeetsTargets(forecastRto <= 900)
            .setTables(List.of(table))
            .setFindings(serviceFindings)
            .build());
  }

  static ReadinessFinding finding(FindingStatus status, String detail) {
    return ReadinessFinding.newBuilder()
        .setCheck(ReadinessCheck.DR_DRILL)
        .setStatus(status)
        .setPoints(0)
        .setMaxPoints(10)
        .setDetail(detail)
        .setEvidenceEventIds(List.of())
        .build();
  }

  void awaitReadiness(String scope, Instant at) throws InterruptedException {
    for (int i = 0;
        i < 600
            && readiness
                .latestAtOrBefore(scope, at)
                .filter(a -> a.assessedAt().equals(at))
                .isEmpty();
        i++) {
      Thread.sleep(50);
    }
    assertThat(readiness.latestAtOrBefore(scope, at))
        .hasValueSatisfying(a -> assertThat(a.assessedAt()).isEqualTo(at));
  }

  void awaitProjected(String incident, int count) throws InterruptedException {
    for (int i = 0; i < 600 && projection.events(incident).size() < count; i++) {
      Thread.sleep(50);
    }
    assertThat(projection.events(incident)).hasSize(count);
  }

  String get(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }
}
