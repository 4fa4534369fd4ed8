package io.drautopilot.restore.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestorePointTest {

  private static RestorePoint point(RestorePoint.Kind kind, String location) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    return new RestorePoint(kind, t, location, t, t);
  }

  @Test
  void shouldNameTheRecoveryPointArnOnlyForAnAwsBackupPoint() {
    RestorePoint backup =
        point(RestorePoint.Kind.AWS_BACKUP, "arn:aws:backup:eu-west-1:1:recovery-point:rp-1");

    assertThat(backup.recoveryPointArn())
        .isEqualTo("arn:aws:backup:eu-west-1:1:recovery-point:rp-1");
    assertThat(backup.snapshotLocation()).isNull();
  }

  @Test
  void shouldNameTheSnapshotLocationOnlyForALogicalSnapshot() {
    RestorePoint snapshot = point(RestorePoint.Kind.LOGICAL_SNAPSHOT, "s3://snapshots/orders/1");

    assertThat(snapshot.snapshotLocation()).isEqualTo("s3://snapshots/orders/1");
    assertThat(snapshot.recoveryPointArn()).isNull();
  }

  @Test
  void shouldNameNeitherForAPointInTimeRestore() {
    RestorePoint pitr = point(RestorePoint.Kind.PITR, null);

    assertThat(pitr.recoveryPointArn()).isNull();
    assertThat(pitr.snapshotLocation()).isNull();
  }
}
