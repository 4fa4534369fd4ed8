package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.restore.ChooseRecoveryPathCommand;
import io.drautopilot.contracts.restore.ImportTableSnapshotCommand;
import io.drautopilot.contracts.restore.RestoreFromBackupCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The quarterly drill restores into the DR region by the recovery path chosen for it. */
class DrDrillRunbookTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final String TABLE = "candlefish-employee-setup-lean-prod-entities";

  final OrchestratorDriver orchestrator = new OrchestratorDriver(T0);

  @AfterEach
  void close() {
    orchestrator.close();
  }

  void givenDrillStarted(String incidentId) {
    orchestrator.detect(
        OrchestratorDriver.detection(
            incidentId,
            "fp-" + incidentId,
            Scenario.DR_DRILL,
            Severity.P4,
            TABLE,
            T0.minus(Duration.ofMinutes(1)),
            T0));
    orchestrator.succeed("announce-drill");
  }

  @Test
  void shouldChooseTheRecoveryPathForTheDrRegion() {
    givenDrillStarted("drill-1");

    ChooseRecoveryPathCommand choose =
        (ChooseRecoveryPathCommand) orchestrator.command("find-restore-point").value();
    assertThat(choose.getTableName()).isEqualTo(TABLE);
    assertThat(choose.getVaultRegion()).isEqualTo("us-west-2");
    assertThat(choose.getRpoTargetSeconds()).isEqualTo(300);
    assertThat(choose.getMetadata().getRunbookVersion()).isEqualTo(3);
  }

  @Test
  void shouldImportTheSnapshotIntoTheDrRegionWhenTheImportIsChosen() {
    givenDrillStarted("drill-2");
    orchestrator.succeed(
        "find-restore-point",
        Map.of(
            "kind",
            "LOGICAL_SNAPSHOT",
            "restorePointTime",
            "2024-01-15T10:35:00Z",
            "snapshotLocation",
            "s3://dr/entities/20240115T103500Z",
            "path",
            "cross-region snapshot import"));

    ImportTableSnapshotCommand imp =
        (ImportTableSnapshotCommand) orchestrator.command("import-snapshot").value();
    assertThat(imp.getSnapshotLocation()).isEqualTo("s3://dr/entities/20240115T103500Z");
    assertThat(imp.getRegion()).isEqualTo("us-west-2");
    assertThat(imp.getTargetTableName()).isEqualTo(TABLE + "-drill");
    assertThat(orchestrator.commandSteps()).doesNotContain("restore-from-backup#1");
  }

  @Test
  void shouldRestoreTheVaultBackupIntoTheDrRegionWhenTheBackupIsChosen() {
    givenDrillStarted("drill-3");
    orchestrator.succeed(
        "find-restore-point",
        Map.of(
            "kind",
            "AWS_BACKUP",
            "restorePointTime",
            "2024-01-15T10:00:00Z",
            "recoveryPointArn",
            "arn:aws:backup:us-west-2:123456789012:recovery-point:rp-9",
            "path",
            "AWS Backup restore"));

    RestoreFromBackupCommand restore =
        (RestoreFromBackupCommand) orchestrator.command("restore-from-backup").value();
    assertThat(restore.getRecoveryPointArn())
        .isEqualTo("arn:aws:backup:us-west-2:123456789012:recovery-point:rp-9");
    assertThat(restore.getRegion()).isEqualTo("us-west-2");
    assertThat(orchestrator.commandSteps()).doesNotContain("import-snapshot#1");
  }
}
