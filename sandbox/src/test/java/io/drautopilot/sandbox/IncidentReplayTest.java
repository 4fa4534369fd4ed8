package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.drctl.IncidentDrill;
import io.drautopilot.drctl.IncidentDrill.PathStep;
import io.drautopilot.drctl.IncidentDrill.StepOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentReplayTest {

  private static final String PREFIX = "tyler-setup-sandbox";

  @Test
  void shouldReInjectTheRecordedSignalsAtTheirSpacingOnTheDrillsClockAndTables(@TempDir Path dir)
      throws Exception {
    // given a production breach recorded on the events table, joined by a second signal 4.5 s after
    // the first
    recording(
            List.of(
                signal(
                    0,
                    false,
                    "SECURITY_BREACH|us-east-1|prod-billing-events",
                    "prod-billing-events",
                    -2_000),
                signal(
                    4_500,
                    true,
                    "SECURITY_BREACH|us-east-1|prod-billing-events",
                    "prod-billing-events",
                    -2_000)),
            List.of())
        .write(dir);

    // when the drill reads it and makes the detections for a fault at t
    IncidentReplay replay = IncidentReplay.load(dir);
    Instant t = Instant.parse("2026-12-03T10:00:00Z");
    List<IncidentDetected> detections = replay.detections(t, PREFIX, PREFIX + "-" + replay.table());

    // then: the recording's scenario and table, the spacing kept, the fingerprint kept, resources
    // mapped, ids fresh
    assertThat(replay.scenario()).isEqualTo(DrillOptions.Scenario.SECURITY_BREACH);
    assertThat(replay.table()).isEqualTo("events");
    assertThat(replay.probesOff()).containsEntry("dr.detector.probes.breach.enabled", "false");
    assertThat(detections)
        .extracting(d -> d.getMetadata().getOccurredAt())
        .containsExactly(t, t.plusMillis(4_500));
    assertThat(detections)
        .allSatisfy(
            d -> {
              assertThat(d.getFingerprint())
                  .isEqualTo("SECURITY_BREACH|us-east-1|prod-billing-events");
              assertThat(d.getAffectedResources()).containsExactly(PREFIX + "-events");
              assertThat(d.getImpactStartedAt()).isEqualTo(t.minusMillis(2_000));
              assertThat(d.getSymptoms())
                  .singleElement()
                  .satisfies(
                      e -> {
                        assertThat(e.getResource()).isEqualTo(PREFIX + "-events");
                        assertThat(e.getSubjects())
                            .containsEntry("principal_arn", "arn:aws:iam::1:user/mallory");
                        assertThat(e.getObservedAt())
                            .isEqualTo(d.getMetadata().getOccurredAt().minusMillis(100));
                      });
              assertThat(d.getDetectorId()).isEqualTo("detector-service");
            });
    assertThat(detections).extracting(d -> d.getMetadata().getEventId()).doesNotHaveDuplicates();
    // a raise and its upgrade of one fingerprint carry one incident id, as the detector's do
    assertThat(detections)
        .extracting(d -> d.getMetadata().getIncidentId())
        .containsOnly(detections.get(0).getMetadata().getIncidentId());
  }

  @Test
  void shouldRefuseARecordingWithoutSignals(@TempDir Path dir) throws Exception {
    recording(List.of(), List.of()).write(dir);

    assertThatThrownBy(() -> IncidentReplay.load(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no signals");
    assertThatThrownBy(() -> IncidentReplay.load(dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read " + IncidentDrill.FILE_NAME);
    assertThat(Files.exists(dir.resolve(IncidentDrill.FILE_NAME))).isTrue();
  }

  @Test
  void shouldFindTheSamePathWhenOnlyStepsRunningSideBySideEndInAnotherOrder() {
    List<PathStep> recorded =
        List.of(
            step("open-circuit-breaker", StepOutcome.SUCCEEDED),
            step("notify-contacts", StepOutcome.SUCCEEDED),
            step("import-snapshot", StepOutcome.SUCCEEDED));
    List<PathStep> drilled =
        List.of(
            step("open-circuit-breaker", StepOutcome.SUCCEEDED),
            step("import-snapshot", StepOutcome.SUCCEEDED),
            step("notify-contacts", StepOutcome.SUCCEEDED));

    assertThat(IncidentReplay.firstDifference(recorded, drilled)).isNull();
    assertThat(IncidentReplay.reordered(recorded, drilled)).isEqualTo(2);
    assertThat(IncidentReplay.firstDifference(recorded, recorded)).isNull();
  }

  @Test
  void shouldNameTheFirstStepThatEndedOtherwiseOrNotAtAll() {
    List<PathStep> recorded =
        List.of(
            step("find-restore-point", StepOutcome.SUCCEEDED),
            step("restore-to-point-in-time", StepOutcome.SKIPPED),
            step("import-snapshot", StepOutcome.SUCCEEDED));

    assertThat(
            IncidentReplay.firstDifference(
                recorded,
                List.of(
                    step("find-restore-point", StepOutcome.SUCCEEDED),
                    step("restore-to-point-in-time", StepOutcome.SUCCEEDED),
                    step("import-snapshot", StepOutcome.SKIPPED))))
        .isEqualTo("step restore-to-point-in-time: recorded SKIPPED, drilled SUCCEEDED");
    assertThat(IncidentReplay.firstDifference(recorded, recorded.subList(0, 2)))
        .isEqualTo(
            "step import-snapshot: recorded SUCCEEDED, drilled not ended (the path went elsewhere)");
    assertThat(IncidentReplay.firstDifference(recorded.subList(0, 2), recorded))
        .isEqualTo("step import-snapshot: recorded not ended, drilled SUCCEEDED");
  }

  private static IncidentDrill recording(List<IncidentDrill.Signal> signals, List<PathStep> path) {
    return new IncidentDrill(
        IncidentDrill.FORMAT,
        IncidentDrill.VERSION,
        "recorded-1",
        "SECURITY_BREACH",
        "P1",
        "us-east-1",
        List.of("prod-billing-events"),
        "SECURITY_BREACH|us-east-1|prod-billing-events",
        new IncidentDrill.Runbook("security-breach", 2),
        "2026-11-30T08:00:00Z",
        signals,
        path,
        new IncidentDrill.Recovery("RECOVERED", 60_000, 62L, 900L, 0L));
  }

  private static IncidentDrill.Signal signal(
      long at, boolean joined, String fingerprint, String table, long impact) {
    return new IncidentDrill.Signal(
        at,
        joined,
        "detector-service",
        fingerprint,
        "SECURITY_BREACH",
        "P1",
        "us-east-1",
        List.of(table),
        impact,
        List.of(
            new IncidentDrill.Symptom(
                "breach-signal",
                table,
                "anomalous reads",
                at - 100,
                1.0,
                Map.of("principal_arn", "arn:aws:iam::1:user/mallory"))));
  }

  private static PathStep step(String id, StepOutcome outcome) {
    return new PathStep(id, 1, "action", outcome, false, 0, null);
  }
}
