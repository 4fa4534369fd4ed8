package io.drautopilot.readiness;

import java.util.Map;
import java.util.Optional;

/**
 * What is known about one protected table at the time of an assessment.
 *
 * @param size from DescribeTable (unknown when it could not be read, or read as 0)
 * @param snapshotSize the item count of the table's newest logical snapshot, when one reported it: the size
 *     forecasts use when DescribeTable's is unknown
 * @param pitr from DescribeContinuousBackups (empty when it could not be read)
 * @param restorePoints the newest restore point of each path that has one
 * @param unavailable why a path without a restore point has none ("point-in-time recovery is disabled")
 */
public record TableEvidence(
    String table,
    TableSize size,
    Optional<PitrStatus> pitr,
    Map<RecoveryPath, RestorePoint> restorePoints,
    Map<RecoveryPath, String> unavailable,
    Optional<MaintenanceRun> lastVerification,
    Optional<MaintenanceRun> lastDrill,
    Optional<MeasuredSize> snapshotSize) {

  public TableEvidence {
    restorePoints = Map.copyOf(restorePoints);
    unavailable = Map.copyOf(unavailable);
  }

  /** Without a snapshot's size. */
  public TableEvidence(
      String table,
      TableSize size,
      Optional<PitrStatus> pitr,
      Map<RecoveryPath, RestorePoint> restorePoints,
      Map<RecoveryPath, String> unavailable,
      Optional<MaintenanceRun> lastVerification,
      Optional<MaintenanceRun> lastDrill) {
    this(
        table,
        size,
        pitr,
        restorePoints,
        unavailable,
        lastVerification,
        lastDrill,
        Optional.empty());
  }
}
