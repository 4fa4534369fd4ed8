package io.drautopilot.restore.adapter.aws;

import io.drautopilot.restore.domain.RestorePoint;
import io.drautopilot.restore.domain.RestorePointChooser;
import io.drautopilot.restore.domain.RestoreRefusedException;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryDescription;

/**
 * FindRestorePoint: the runbook's "identify latest good backup", the newest point at or before the
 * impact start, looked up where the command says:
 *
 * <ol>
 *   <li>{@code snapshotLocation} given: the latest complete logical snapshot there;
 *   <li>{@code backupVaultName} given: AWS Backup ListRecoveryPointsByBackupVault (in {@code vaultRegion}
 *       for a cross-region copy);
 *   <li>otherwise DescribeContinuousBackups (the PITR window), and when PITR cannot reach the impact
 *       start, AWS Backup ListRecoveryPointsByResource for the table.
 * </ol>
 */
public class RestorePointFinder {

  /** What to look for. */
  public record Query(String tableName, String region, Instant notAfter, String backupVaultName, String vaultRegion,
                      String snapshotLocation) {}

  private final RegionalClients<DynamoDbClient> dynamo;
  private final LogicalSnapshots snapshots;
  private final BackupRecoveryPoints backups;

  public RestorePointFinder(RegionalClients<DynamoDbClient> dynamo, LogicalSnapshots snapshots,
                            BackupRecoveryPoints backups) {
    this.dynamo = dynamo;
    this.snapshots = snapshots;
    this.backups = backups;
  }

  public RestorePoint find(Query q) {
    if (q.snapshotLocation() != null) {
      return snapshots.latest(q.snapshotLocation(), q.tableName(), q.notAfter())
          .map(s -> new RestorePoint(RestorePoint.Kind.LOGICAL_SNAPSHOT, s.manifest().takenAt(),
              s.snapshot().uri(), null, null))
          .orElseThrow(() -> noRestorePoint(q, "no complete logical snapshot in " + q.snapshotLocation()));
    }
    if (q.backupVaultName() != null) {
      String vaultRegion = q.vaultRegion() != null ? q.vaultRegion() : q.region();
      return latestBackup(backups.inVault(q.backupVaultName(), vaultRegion, q.tableName()), q)
          .orElseThrow(() -> noRestorePoint(q, "no completed recovery point of " + q.tableName() + " in vault "
              + q.backupVaultName() + " (" + vaultRegion + ")"));
    }
    Optional<RestorePoint> pitr = pointInTime(q);
    if (pitr.isPresent()) {
      return pitr.get();
    }
    String tableArn = dynamo.forRegion(q.region()).describeTable(b -> b.tableName(q.tableName())).table().tableArn();
    return latestBackup(backups.ofResource(tableArn, q.region()), q)
        .orElseThrow(() -> noRestorePoint(q, "PITR cannot reach the impact start and no AWS Backup recovery point "
            + "of " + q.tableName() + " precedes it"));
  }

  private Optional<RestorePoint> pointInTime(Query q) {
    ContinuousBackupsDescription backupsDescription = dynamo.forRegion(q.region())
        .describeContinuousBackups(b -> b.tableName(q.tableName())).continuousBackupsDescription();
    PointInTimeRecoveryDescription pitr = backupsDescription.pointInTimeRecoveryDescription();
    if (pitr == null || !"ENABLED".equals(pitr.pointInTimeRecoveryStatusAsString())) {
      return Optional.empty();
    }
    return RestorePointChooser.pointInTime(pitr.earliestRestorableDateTime(), pitr.latestRestorableDateTime(),
            q.notAfter())
        .map(t -> new RestorePoint(RestorePoint.Kind.PITR, t, null, pitr.earliestRestorableDateTime(),
            pitr.latestRestorableDateTime()));
  }

  private static Optional<RestorePoint> latestBackup(java.util.List<RestorePointChooser.RecoveryPoint> points, Query q) {
    return RestorePointChooser.latestRecoveryPoint(points, q.notAfter())
        .map(p -> new RestorePoint(RestorePoint.Kind.AWS_BACKUP, p.pointInTime(), p.arn(), null, null));
  }

  private static RestoreRefusedException noRestorePoint(Query q, String why) {
    return new RestoreRefusedException("NoRestorePoint", "no restore point of " + q.tableName() + " at or before "
        + q.notAfter() + ": " + why);
  }
}
