package io.drautopilot.readiness;

import java.util.Map;
import java.util.Optional;

/**
 * What is known about one protected table at the time of an assessment.
 *
 * @param size from DescribeTable (unknown when it could not be read)
 * @param pitr from DescribeContinuousBackups (empty when it could not be read)
 * @param restorePoints the newest restore point of each path that has one
 * @param unavailable why a path without a restore point has none ("point-in-time recovery is disabled")
 */
public record TableEvidence(String table, TableSize size, Optional<PitrStatus> pitr, Map<RecoveryPath, RestorePoint> restorePoints,
                            Map<RecoveryPath, String> unavailable, Optional<MaintenanceRun> lastVerification,
                            Optional<MaintenanceRun> lastDrill) {

  public TableEvidence {
    restorePoints = Map.copyOf(restorePoints);
    unavailable = Map.copyOf(unavailable);
  }
}
