package io.drautopilot.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.timeline.IncidentSeverityUpgraded;
import io.drautopilot.contracts.timeline.StepFailed;
import io.drautopilot.orchestrator.runbook.Template;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's small rules that the topology tests pass through without pinning. */
class EngineRulesTest {

  static final Instant MONDAY_NINE = Instant.parse("2026-01-12T09:00:00Z");

  @Test
  void shouldKeepWhatADetectionNamesAsItsSubjects() {
    Inputs.Detection named =
        new Inputs.Detection(
            "e",
            "i",
            "c",
            "f",
            "SECURITY_BREACH",
            "P1",
            "us-east-1",
            List.of(),
            MONDAY_NINE,
            MONDAY_NINE,
            "d",
            Map.of("principalName", "mallory"));
    Inputs.Detection unnamed =
        new Inputs.Detection(
            "e",
            "i",
            "c",
            "f",
            "SECURITY_BREACH",
            "P1",
            "us-east-1",
            List.of(),
            MONDAY_NINE,
            MONDAY_NINE,
            "d",
            null);

    assertThat(named.subjects()).containsExactly(Map.entry("principalName", "mallory"));
    assertThat(unnamed.subjects()).isEmpty();
  }

  @Test
  void shouldRankSeveritiesByTheContractWithP1TheWorstAndUnsetTheLeast() {
    assertThat(RunbookEngine.moreSevere("P1", "P2")).isTrue();
    assertThat(RunbookEngine.moreSevere("P3", "P4")).isTrue();
    assertThat(RunbookEngine.moreSevere("P4", "P1")).isFalse();
    assertThat(RunbookEngine.moreSevere("P2", "P2")).isFalse();
    assertThat(RunbookEngine.moreSevere("P4", null)).isTrue();
    assertThat(RunbookEngine.moreSevere(null, "P4")).isFalse();

    assertThat(RunbookEngine.atLeast("P1", Severity.P2)).isTrue();
    assertThat(RunbookEngine.atLeast("P2", Severity.P2)).isTrue();
    assertThat(RunbookEngine.atLeast("P3", Severity.P2)).isFalse();
    assertThat(RunbookEngine.atLeast(null, Severity.P2)).isFalse();
  }

  @Test
  void shouldEndWorkThatFillsTheRestOfTheDayAtTheEndOfThatDay() {
    EngineSettings.BusinessHours hours = EngineSettings.BusinessHours.seedDefault();

    // 8 working hours from Monday 09:00 end Monday 17:00, not Tuesday 09:00
    assertThat(hours.plusWorking(MONDAY_NINE, Duration.ofHours(8)))
        .isEqualTo(Instant.parse("2026-01-12T17:00:00Z"));
  }

  @Test
  void shouldCountEveryHourWhenNoDayIsAWorkingDay() {
    EngineSettings.BusinessHours none =
        new EngineSettings.BusinessHours(
            Set.of(), LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneId.of("UTC"));
    EngineSettings.BusinessHours backwards =
        new EngineSettings.BusinessHours(
            Set.of(DayOfWeek.MONDAY), LocalTime.of(17, 0), LocalTime.of(9, 0), ZoneId.of("UTC"));

    assertThat(none.plusWorking(MONDAY_NINE, Duration.ofHours(20)))
        .isEqualTo(MONDAY_NINE.plus(Duration.ofHours(20)));
    assertThat(backwards.plusWorking(MONDAY_NINE, Duration.ofHours(20)))
        .isEqualTo(MONDAY_NINE.plus(Duration.ofHours(20)));
  }

  @Test
  void shouldGiveTheSameIdForTheSamePartsAndAnotherForOthers() {
    assertThat(RunbookEngine.eventId("inc-1", "restore", "1", "command"))
        .isEqualTo(RunbookEngine.eventId("inc-1", "restore", "1", "command"))
        .isNotEqualTo(RunbookEngine.eventId("inc-1", "restore", "2", "command"))
        .hasSize(36);
  }

  @Test
  void shouldStampAStepsRecordsWithTheirIdempotencyKeyAndAnIncidentsWithNone() {
    IncidentState s = new IncidentState();
    s.incidentId = "inc-1";
    s.correlationId = "corr-1";

    EventMetadata step =
        EngineRecords.metadata(s, new Effect.Ref("id", "restore", 0, MONDAY_NINE, "cause"));
    EventMetadata incident =
        EngineRecords.metadata(s, new Effect.Ref("id", null, 0, MONDAY_NINE, "cause"));

    assertThat(step.getAttempt()).isEqualTo(1);
    assertThat(step.getIdempotencyKey()).isEqualTo("inc-1/restore/1");
    assertThat(step.getCausationId()).isEqualTo("cause");
    assertThat(incident.getIdempotencyKey()).isNull();
  }

  @Test
  void shouldNoteATimelineFactByItsContractNameAndTheWordsStoredNotesHaveAlwaysUsed() {
    IncidentState s = new IncidentState();
    s.incidentId = "inc-1";
    s.correlationId = "inc-1";
    Effect.Ref ref = new Effect.Ref("id", "restore", 2, MONDAY_NINE, "cause");
    StepFailed failed =
        StepFailed.newBuilder()
            .setMetadata(EngineRecords.metadata(s, ref))
            .setAction("restore.x")
            .setFailure(
                CommandFailure.newBuilder()
                    .setCode("THROTTLED")
                    .setMessage("slow down")
                    .setRetryable(true)
                    .build())
            .setWillRetry(true)
            .setOnFailure("abort")
            .build();
    IncidentSeverityUpgraded upgraded =
        IncidentSeverityUpgraded.newBuilder()
            .setMetadata(EngineRecords.metadata(s, ref))
            .setFromSeverity(Severity.P3)
            .setToSeverity(Severity.P1)
            .setReason("worse")
            .build();

    assertThat(new Effect.Timeline(ref, upgraded).type()).isEqualTo("IncidentSeverityUpgraded");
    assertThat(EngineRecords.noteDetail(failed))
        .isEqualTo(
            "action=restore.x, code=THROTTLED, message=slow down, retryable=true, willRetry=true,"
                + " onFailure=abort]");
    assertThat(EngineRecords.noteDetail(upgraded)).isEqualTo("from=P3, to=P1, reason=worse]");
  }

  @Test
  void shouldFlattenAMapParameterIntoDottedKeysAndAListIntoCommas() {
    Map<String, String> flat =
        RunbookEngine.flat(
            Map.of("facts", Map.of("table", "entities"), "users", List.of("a", "b")));

    assertThat(flat).containsOnly(Map.entry("facts.table", "entities"), Map.entry("users", "a,b"));
  }

  @Test
  void shouldRenderTheIncidentsFieldsAndNothingPastItsLastAffectedResource() {
    IncidentState s = new IncidentState();
    s.incidentId = "inc-1";
    s.affectedResources.add("entities");

    assertThat(RunbookEngine.valueOf(s, null, ref("${incident.incidentId}"))).isEqualTo("inc-1");
    assertThat(RunbookEngine.valueOf(s, null, ref("${incident.affectedResources[0]}")))
        .isEqualTo("entities");
    assertThat(RunbookEngine.valueOf(s, null, ref("${incident.affectedResources[1]}"))).isNull();
  }

  @Test
  void shouldRenderEveryIncidentFieldARunbookMayName() {
    IncidentState s = new IncidentState();
    s.incidentId = "inc-1";
    s.fingerprint = "fp";
    s.scenario = "TABLE_CORRUPTION";
    s.severity = "P2";
    s.region = "us-east-1";
    s.affectedResources.add("entities");
    s.impactStartedAt = java.time.Instant.parse("2026-01-01T00:00:00Z");
    s.detectedAt = java.time.Instant.parse("2026-01-01T00:05:00Z");
    s.detectorId = "detector-1";
    s.runbookId = "table-corruption";

    for (String name : io.drautopilot.orchestrator.runbook.IncidentField.names()) {
      assertThat(RunbookEngine.valueOf(s, null, ref("${incident." + name + "}")))
          .as("${incident.%s}", name)
          .isNotBlank();
    }
    assertThat(RunbookEngine.valueOf(s, null, ref("${incident.severity}"))).isEqualTo("P2");
    assertThat(RunbookEngine.valueOf(s, null, ref("${incident.detectedAt}")))
        .isEqualTo("2026-01-01T00:05:00Z");
  }

  private static Template.Ref ref(String template) {
    return Template.parse(template).references().get(0);
  }
}
