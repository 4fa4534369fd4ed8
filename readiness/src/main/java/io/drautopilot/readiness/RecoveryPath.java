package io.drautopilot.readiness;

/**
 * The ways a protected table can be brought back. The order is the preference when two paths tie on
 * forecast and data loss: the one that touches least outside the table's own region first.
 */
public enum RecoveryPath {
  /** DynamoDB point-in-time restore into a new table (restore.restoreTableToPointInTime). */
  PITR_RESTORE("PITR"),
  /** AWS Backup restore of a recovery point (restore.restoreFromBackup), same or cross-region vault. */
  AWS_BACKUP_RESTORE("AWS Backup restore"),
  /** This product's logical snapshot loaded into a new table in the table's region (restore.importTableSnapshot). */
  SNAPSHOT_IMPORT("snapshot import"),
  /** A logical snapshot loaded into a new table in the other region. */
  CROSS_REGION_SNAPSHOT_IMPORT("cross-region snapshot import"),
  /** Traffic switched to the other region's replica: DNS failover and the functions' cut-over, no restore. */
  REGION_FAILOVER("failover");

  private final String label;

  RecoveryPath(String label) {
    this.label = label;
  }

  /** How a person names the path in a sentence ("chose snapshot import"). */
  public String label() {
    return label;
  }

  /** A restore path writes a new table, framed by the runbook's steps before and after it; a failover does not. */
  public boolean isRestore() {
    return this != REGION_FAILOVER;
  }
}
