package io.drautopilot.restore.domain;

import java.time.Instant;

/**
 * A chosen restore point.
 *
 * @param kind PITR, AWS_BACKUP or LOGICAL_SNAPSHOT
 * @param location the recovery point ARN (AWS_BACKUP) or the snapshot directory (LOGICAL_SNAPSHOT)
 */
public record RestorePoint(
    Kind kind,
    Instant pointInTime,
    String location,
    Instant earliestRestorable,
    Instant latestRestorable) {

  /** Where a restore point lives. */
  public enum Kind {
    PITR,
    AWS_BACKUP,
    LOGICAL_SNAPSHOT
  }

  /** The AWS Backup recovery point's ARN; null for another kind. */
  public String recoveryPointArn() {
    return kind == Kind.AWS_BACKUP ? location : null;
  }

  /** The logical snapshot's directory; null for another kind. */
  public String snapshotLocation() {
    return kind == Kind.LOGICAL_SNAPSHOT ? location : null;
  }
}
