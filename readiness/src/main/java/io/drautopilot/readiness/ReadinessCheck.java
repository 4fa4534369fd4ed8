package io.drautopilot.readiness;

/** What the readiness score is made of, with the points each is worth (105 in all; a score is the share earned). */
public enum ReadinessCheck {
  /** DescribeContinuousBackups: point-in-time recovery is ENABLED. */
  PITR_ENABLED(15),
  /** PITR's latest restorable time lags now by no more than the RPO target. */
  PITR_RESTORE_LAG(10),
  /** The last monthly backup verification recovered, and is at most 31 days old. */
  BACKUP_VERIFICATION(15),
  /** The last quarterly drill recovered, and is at most 92 days old. */
  DR_DRILL(15),
  /** The chosen path's forecast RTO (P90) is within the target. */
  FORECAST_RTO(20),
  /** The chosen path's restore point is within the RPO target. */
  FORECAST_RPO(10),
  /** The newest logical snapshot is recent enough to fall back on. */
  SNAPSHOT_FRESHNESS(5),
  /** Every two-person gate has enough approvers to open it (a configured input: the topics do not carry it). */
  GATE_APPROVERS(10),
  /** No runbook is past its {@code documentControl.nextReview}: a runbook nobody has reviewed may no longer fit the system. */
  RUNBOOK_REVIEW(5);

  private final int points;

  ReadinessCheck(int points) {
    this.points = points;
  }

  public int points() {
    return points;
  }
}
