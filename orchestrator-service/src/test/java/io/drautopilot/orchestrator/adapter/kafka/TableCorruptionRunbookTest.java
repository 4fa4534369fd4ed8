package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.restore.ChooseRecoveryPathCommand;
import io.drautopilot.contracts.restore.CutOverTableCommand;
import io.drautopilot.contracts.restore.ImportTableSnapshotCommand;
import io.drautopilot.contracts.restore.RestoreFromBackupCommand;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeCommand;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TableCorruptionRunbookTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final String TABLE = "candlefish-employee-setup-lean-prod-entities";

  final OrchestratorDriver orchestrator = new OrchestratorDriver(T0);

  @AfterEach
  void close() {
    orchestrator.close();
  }

  void givenCorruptionDetected(String incidentId) {
    orchestrator.detect(
        OrchestratorDriver.detection(
            incidentId,
            "fp-corruption",
            Scenario.TABLE_CORRUPTION,
            Severity.P1,
            TABLE,
            T0.minus(Duration.ofMinutes(5)),
            T0));
  }

  @Test
  void shouldRestoreFromLogicalSnapshotAndCutOverWhenCorruptionIsDetected() {
    givenCorruptionDetected("inc-1");

    assertThat(orchestrator.commandSteps()).contains("notify-contacts#1", "open-circuit-breaker#1");
    orchestrator.succeed("notify-contacts");
    orchestrator.succeed("open-circuit-breaker");
    orchestrator.succeed(
        "find-restore-point",
        Map.of(
            "kind",
            "LOGICAL_SNAPSHOT",
            "restorePointTime",
            "2024-01-15T10:30:00Z",
            "snapshotLocation",
            "file:snapshots/entities"));

    Sent importCommand = orchestrator.command("import-snapshot");
    assertThat(importCommand.value()).isInstanceOf(ImportTableSnapshotCommand.class);
    ImportTableSnapshotCommand imp = (ImportTableSnapshotCommand) importCommand.value();
    assertThat(imp.getSnapshotLocation()).isEqualTo("file:snapshots/entities");
    assertThat(imp.getTargetTableName()).isEqualTo(TABLE + "-recovery");
    assertThat(imp.getMetadata().getIdempotencyKey()).isEqualTo("inc-1/import-snapshot/1");
    assertThat(imp.getMetadata().getRunbookId()).isEqualTo("table-corruption");
    assertThat(orchestrator.timelineTypes()).contains("StepSkipped");

    orchestrator.succeed("import-snapshot");
    orchestrator.succeed("validate-recovery", Map.of("passed", "true"));
    String validationEventId =
        orchestrator.incident("inc-1").steps.get("validate-recovery").outputs.get("eventId");
    orchestrator.succeed("compare-with-restore-point", Map.of("matches", "true"));
    CutOverTableCommand cutOver = (CutOverTableCommand) orchestrator.command("cut-over").value();
    assertThat(cutOver.getValidationEventId()).isEqualTo(validationEventId);
    assertThat(cutOver.getTableName()).isEqualTo(TABLE + "-recovery");

    orchestrator.succeed("cut-over");
    orchestrator.succeed("close-circuit-breaker");
    orchestrator.elapse(Duration.ofMinutes(3));
    orchestrator.succeed("verify-service-health", Map.of("healthy", "true"));
    orchestrator.succeed("run-performance-check", Map.of("passed", "true"));
    orchestrator.succeed("generate-report");
    // steps this test does not name (e.g. a handler's steps added to the runbook) succeed too
    orchestrator.answerOutstanding();

    List<String> timeline = orchestrator.timelineTypes();
    assertThat(timeline.get(0)).isEqualTo("IncidentOpened");
    assertThat(timeline)
        .containsSubsequence("IncidentOpened", "IncidentResolved", "IncidentClosed");
    assertThat(timeline.get(timeline.size() - 1)).isEqualTo("IncidentClosed");
    // the report is made after the recovery is resolved, and before the incident closes
    assertThat(stepEvents("generate-report")).containsSubsequence("StepStarted", "StepSucceeded");
    assertThat(indexOfStep("generate-report", "StepStarted"))
        .isGreaterThan(timeline.indexOf("IncidentResolved"));
    assertThat(indexOfStep("generate-report", "StepSucceeded"))
        .isLessThan(timeline.indexOf("IncidentClosed"));
    assertThat(stepEvents("verify-service-health"))
        .containsSubsequence("StepStarted", "StepSucceeded");
    assertThat(indexOfStep("verify-service-health", "StepSucceeded"))
        .isLessThan(timeline.indexOf("IncidentResolved"));
    IncidentResolved resolved =
        (IncidentResolved)
            orchestrator.timeline().stream()
                .filter(s -> s.type().equals("IncidentResolved"))
                .findFirst()
                .orElseThrow()
                .value();
    assertThat(resolved.getOutcome()).isEqualTo("RECOVERED");
    assertThat(resolved.getMeasuredRtoSeconds()).isEqualTo(Duration.ofMinutes(8).toSeconds());
    assertThat(resolved.getMeasuredRpoSeconds()).isEqualTo(Duration.ofMinutes(5).toSeconds());
    assertThat(orchestrator.incident("inc-1").isOpen()).isFalse();
  }

  /** The timeline event types of one step, in order. */
  List<String> stepEvents(String stepId) {
    return orchestrator.timeline().stream()
        .filter(s -> stepId.equals(s.metadata().getStepId()))
        .map(Sent::type)
        .toList();
  }

  /** Position in the whole timeline of a step's first event of this type. */
  int indexOfStep(String stepId, String type) {
    List<Sent> timeline = orchestrator.timeline();
    for (int i = 0; i < timeline.size(); i++) {
      if (type.equals(timeline.get(i).type())
          && stepId.equals(timeline.get(i).metadata().getStepId())) {
        return i;
      }
    }
    throw new AssertionError(
        "no " + type + " of step " + stepId + " in " + orchestrator.timelineTypes());
  }

  @Test
  void shouldRestoreToPointInTimeWhenPitrIsAvailable() {
    givenCorruptionDetected("inc-2");
    orchestrator.succeed("open-circuit-breaker");
    orchestrator.succeed(
        "find-restore-point", Map.of("kind", "PITR", "restorePointTime", "2024-01-15T10:34:00Z"));

    RestoreTableToPointInTimeCommand restore =
        (RestoreTableToPointInTimeCommand) orchestrator.command("restore-to-point-in-time").value();
    assertThat(restore.getRestorePointTime()).isEqualTo(Instant.parse("2024-01-15T10:34:00Z"));
    assertThat(restore.getSourceTableName()).isEqualTo(TABLE);
    assertThat(orchestrator.commandSteps())
        .doesNotContain("import-snapshot#1", "restore-from-backup#1");
  }

  @Test
  void shouldAskForTheRecoveryPathOfTheAffectedTableWithinTheRunbooksRpo() {
    givenCorruptionDetected("inc-4");
    orchestrator.succeed("open-circuit-breaker");

    ChooseRecoveryPathCommand choose =
        (ChooseRecoveryPathCommand) orchestrator.command("find-restore-point").value();
    assertThat(choose.getTableName()).isEqualTo(TABLE);
    assertThat(choose.getNotAfter()).isEqualTo(T0.minus(Duration.ofMinutes(5)));
    assertThat(choose.getRpoTargetSeconds()).isEqualTo(300);
    assertThat(choose.getMetadata().getRunbookVersion()).isEqualTo(3);
  }

  @Test
  void shouldRestoreFromTheBackupWhenTheChosenPathIsAwsBackupAndRecordTheReason() {
    givenCorruptionDetected("inc-5");
    orchestrator.succeed("open-circuit-breaker");
    String reason =
        "forecast 21 min by AWS Backup restore, 25 min by PITR: chose AWS Backup restore"
            + "; over the 5 min RPO: snapshot import (26 h of data loss)";
    orchestrator.succeed(
        "find-restore-point",
        Map.of(
            "kind",
            "AWS_BACKUP",
            "restorePointTime",
            "2024-01-15T10:33:00Z",
            "recoveryPointArn",
            "arn:aws:backup:us-east-1:123456789012:recovery-point:rp-1",
            "path",
            "AWS Backup restore",
            "reason",
            reason));

    RestoreFromBackupCommand restore =
        (RestoreFromBackupCommand) orchestrator.command("restore-from-backup").value();
    assertThat(restore.getRecoveryPointArn())
        .isEqualTo("arn:aws:backup:us-east-1:123456789012:recovery-point:rp-1");
    assertThat(restore.getTargetTableName()).isEqualTo(TABLE + "-recovery");
    assertThat(orchestrator.commandSteps())
        .doesNotContain("import-snapshot#1", "restore-to-point-in-time#1");
    // the choice and the forecast it rests on are on the timeline
    Sent chosen =
        orchestrator.timeline().stream()
            .filter(
                e ->
                    e.type().equals("StepSucceeded")
                        && "find-restore-point".equals(e.metadata().getStepId()))
            .findFirst()
            .orElseThrow();
    assertThat(((Map<?, ?>) chosen.get("outputs")).get("reason")).hasToString(reason);
  }

  @Test
  void shouldJoinTheOpenIncidentAndUpgradeSeverityWhenTheSameFingerprintIsDetectedAgain() {
    orchestrator.detect(
        OrchestratorDriver.detection(
            "inc-3", "fp-x", Scenario.TABLE_CORRUPTION, Severity.P2, TABLE, T0, T0));
    orchestrator.detect(
        OrchestratorDriver.detection(
            "inc-3b", "fp-x", Scenario.TABLE_CORRUPTION, Severity.P1, TABLE, T0, T0));

    assertThat(orchestrator.incident("inc-3b")).isNull();
    assertThat(orchestrator.incident("inc-3").severity).isEqualTo("P1");
    assertThat(orchestrator.timelineTypes())
        .containsSubsequence("IncidentOpened", "IncidentSignalJoined", "IncidentSeverityUpgraded");
    assertThat(orchestrator.timelineTypes()).containsOnlyOnce("IncidentOpened");
  }
}
