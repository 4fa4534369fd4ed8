package io.drautopilot.restore.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.restore.domain.RestorePointChooser.RecoveryPoint;
import io.drautopilot.snapshots.SnapshotManifest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestorePointChooserTest {

  static final Instant IMPACT = Instant.parse("2026-01-15T10:30:00Z");

  static SnapshotManifest snapshot(String at, boolean complete) {
    return new SnapshotManifest(
        "entities", "us-east-1", Instant.parse(at), 4, 10, List.of(), List.of(), complete);
  }

  @Test
  void shouldChooseTheLatestCompleteSnapshotTakenAtOrBeforeTheImpactStart() {
    List<SnapshotManifest> snapshots =
        List.of(
            snapshot("2026-01-15T10:00:00Z", true),
            snapshot("2026-01-15T10:25:00Z", true),
            snapshot("2026-01-15T10:28:00Z", false),
            snapshot("2026-01-15T10:35:00Z", true));

    assertThat(RestorePointChooser.latestSnapshot(snapshots, IMPACT))
        .get()
        .extracting(SnapshotManifest::takenAt)
        .isEqualTo(Instant.parse("2026-01-15T10:25:00Z"));
  }

  @Test
  void shouldAcceptASnapshotTakenExactlyAtTheImpactStart() {
    assertThat(
            RestorePointChooser.latestSnapshot(
                List.of(snapshot("2026-01-15T10:30:00Z", true)), IMPACT))
        .isPresent();
  }

  @Test
  void shouldFindNoSnapshotWhenAllAreLaterOrIncomplete() {
    assertThat(
            RestorePointChooser.latestSnapshot(
                List.of(
                    snapshot("2026-01-15T10:31:00Z", true),
                    snapshot("2026-01-15T09:00:00Z", false)),
                IMPACT))
        .isEmpty();
  }

  @Test
  void shouldRestoreToTheImpactStartWhenItIsInsideThePitrWindow() {
    assertThat(
            RestorePointChooser.pointInTime(
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-15T11:00:00Z"),
                IMPACT))
        .contains(IMPACT);
  }

  @Test
  void shouldRestoreToTheLatestRestorableTimeWhenThePitrWindowHasNotReachedTheImpactStart() {
    Instant latest = Instant.parse("2026-01-15T10:26:00Z");
    assertThat(
            RestorePointChooser.pointInTime(Instant.parse("2026-01-01T00:00:00Z"), latest, IMPACT))
        .contains(latest);
  }

  @Test
  void shouldFindNoPitrPointWhenTheWindowStartsAfterTheImpact() {
    assertThat(
            RestorePointChooser.pointInTime(
                Instant.parse("2026-01-15T10:31:00Z"),
                Instant.parse("2026-01-15T11:00:00Z"),
                IMPACT))
        .isEmpty();
  }

  @Test
  void shouldChooseTheLatestCompletedRecoveryPointBeforeTheImpact() {
    List<RecoveryPoint> points =
        List.of(
            new RecoveryPoint("a", Instant.parse("2026-01-15T09:00:00Z"), "COMPLETED"),
            new RecoveryPoint("b", Instant.parse("2026-01-15T10:00:00Z"), "COMPLETED"),
            new RecoveryPoint("c", Instant.parse("2026-01-15T10:20:00Z"), "PARTIAL"),
            new RecoveryPoint("d", Instant.parse("2026-01-15T10:40:00Z"), "COMPLETED"));

    assertThat(RestorePointChooser.latestRecoveryPoint(points, IMPACT))
        .get()
        .extracting(RecoveryPoint::arn)
        .isEqualTo("b");
  }

  static RestorePoint point(RestorePoint.Kind kind, String at) {
    return new RestorePoint(
        kind,
        Instant.parse(at),
        kind == RestorePoint.Kind.PITR ? null : kind + "@" + at,
        null,
        null);
  }

  @Test
  void shouldChoosePitrOverAnHourOldVaultBackupWhenBothReachTheImpactStart() {
    RestorePoint pitr = point(RestorePoint.Kind.PITR, "2026-01-15T10:30:00Z");
    RestorePoint vault = point(RestorePoint.Kind.AWS_BACKUP, "2026-01-15T09:30:00Z");

    assertThat(RestorePointChooser.leastDataLoss(List.of(vault, pitr), IMPACT)).contains(pitr);
  }

  @Test
  void shouldChooseTheBackupWhenItIsTheOnlyRestorePoint() {
    RestorePoint vault = point(RestorePoint.Kind.AWS_BACKUP, "2026-01-15T09:30:00Z");

    assertThat(RestorePointChooser.leastDataLoss(List.of(vault), IMPACT)).contains(vault);
  }

  @Test
  void shouldChooseANewerSnapshotOverAnOlderBackupAndNothingAfterTheImpactStart() {
    RestorePoint snapshot = point(RestorePoint.Kind.LOGICAL_SNAPSHOT, "2026-01-15T10:20:00Z");
    RestorePoint backup = point(RestorePoint.Kind.AWS_BACKUP, "2026-01-15T10:00:00Z");
    RestorePoint tooLate = point(RestorePoint.Kind.AWS_BACKUP, "2026-01-15T10:31:00Z");

    assertThat(RestorePointChooser.leastDataLoss(List.of(backup, tooLate, snapshot), IMPACT))
        .contains(snapshot);
    assertThat(RestorePointChooser.leastDataLoss(List.of(tooLate), IMPACT)).isEmpty();
  }

  @Test
  void shouldPreferTheNativeRestoreWhenTwoPointsAreEquallyRecent() {
    RestorePoint snapshot = point(RestorePoint.Kind.LOGICAL_SNAPSHOT, "2026-01-15T10:00:00Z");
    RestorePoint backup = point(RestorePoint.Kind.AWS_BACKUP, "2026-01-15T10:00:00Z");

    assertThat(RestorePointChooser.leastDataLoss(List.of(snapshot, backup), IMPACT))
        .contains(backup);
  }
}
