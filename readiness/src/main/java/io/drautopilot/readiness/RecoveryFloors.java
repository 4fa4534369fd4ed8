package io.drautopilot.readiness;

import java.time.Duration;

/**
 * What AWS documents about the least time each path takes, used where this table and tables of its
 * size have no measured run ("no history: AWS floor"), and as a lower bound under measured runs of
 * restores AWS performs itself.
 *
 * <ul>
 *   <li><b>PITR restore</b>: at least about 20 minutes whatever the table's size, usually under an hour;
 *       the duration depends on the largest partition and cannot be computed in advance. (Amazon DynamoDB
 *       Developer Guide, "Restore a table in DynamoDB" / point-in-time recovery:
 *       https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/pointintimerecovery_restores.html.)
 *       P50 = 20 min, P90 = 60 min.</li>
 *   <li><b>AWS Backup restore</b>: AWS Backup restores a DynamoDB table through the same restore
 *       machinery into a new table, so the same floor applies (AWS Backup Developer Guide, "Restore a
 *       DynamoDB table": https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-dynamodb.html).</li>
 *   <li><b>Snapshot import</b> (same or other region): this product writes the snapshot into a new
 *       on-demand table, so the time grows with the items: creating the table plus the items at the
 *       throughput a new on-demand table serves at once, 4,000 write request units a second (Developer Guide,
 *       "On-demand capacity mode", initial throughput:
 *       https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html),
 *       one unit per item of up to 1 KB. P90 = twice P50.</li>
 *   <li><b>Failover</b>: no restore; the floor is the runbook's own DNS step: Route 53 propagates a
 *       record change to all its authoritative servers within 60 seconds (Route 53 API Reference,
 *       ChangeResourceRecordSets / GetChange INSYNC:
 *       https://docs.aws.amazon.com/Route53/latest/APIReference/API_ChangeResourceRecordSets.html).
 *       P50 = 60 s, P90 = 2 min. Once the runbook's failover steps have been measured, their history
 *       replaces this floor.</li>
 * </ul>
 *
 * @param restoreMinimum the PITR / AWS Backup floor (20 min)
 * @param restoreTypicalMaximum the PITR / AWS Backup "usually under" figure (60 min)
 * @param tableCreation creating the import's target table until ACTIVE
 * @param importItemsPerSecond items a second a new on-demand table absorbs
 * @param dnsPropagation Route 53's propagation bound
 */
public record RecoveryFloors(
    Duration restoreMinimum,
    Duration restoreTypicalMaximum,
    Duration tableCreation,
    double importItemsPerSecond,
    Duration dnsPropagation) {

  /** The documented figures above. */
  public static final RecoveryFloors AWS_DOCUMENTED =
      new RecoveryFloors(
          Duration.ofMinutes(20),
          Duration.ofMinutes(60),
          Duration.ofSeconds(30),
          4000,
          Duration.ofSeconds(60));

  public RecoveryFloors {
    if (importItemsPerSecond <= 0) {
      throw new IllegalArgumentException("importItemsPerSecond must be positive");
    }
  }

  /** The least time the path takes: never forecast below it, even from history (for AWS's own restores). */
  public Duration minimum(RecoveryPath path, TableSize size) {
    return switch (path) {
      case PITR_RESTORE, AWS_BACKUP_RESTORE -> restoreMinimum;
      case SNAPSHOT_IMPORT, CROSS_REGION_SNAPSHOT_IMPORT -> Duration.ZERO;
      case REGION_FAILOVER -> Duration.ZERO;
    };
  }

  /** The forecast when nothing was measured. */
  public DurationForecast noHistory(RecoveryPath path, TableSize size) {
    Duration p50;
    Duration p90;
    switch (path) {
      case PITR_RESTORE, AWS_BACKUP_RESTORE -> {
        p50 = restoreMinimum;
        p90 = restoreTypicalMaximum;
      }
      case SNAPSHOT_IMPORT, CROSS_REGION_SNAPSHOT_IMPORT -> {
        long items = Math.max(size.itemCount(), 0);
        p50 = tableCreation.plusMillis(Math.round(items / importItemsPerSecond * 1000));
        p90 = p50.multipliedBy(2);
      }
      default -> {
        p50 = dnsPropagation;
        p90 = dnsPropagation.multipliedBy(2);
      }
    }
    return new DurationForecast(
        path, p50, p90, DurationForecast.NO_HISTORY, 0, java.util.List.of());
  }
}
