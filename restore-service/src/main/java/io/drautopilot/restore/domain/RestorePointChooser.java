package io.drautopilot.restore.domain;

import io.drautopilot.snapshots.SnapshotManifest;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the runbook's "latest good backup": the newest restore point at or before the incident's
 * impact start ({@code notAfter}), whatever kind it is. The newest point is the least data loss, so a
 * PITR point a few minutes before the impact beats last night's vault backup.
 */
public final class RestorePointChooser {

  /** A candidate backup (AWS Backup recovery point) with its point in time and status. */
  public record RecoveryPoint(String arn, Instant pointInTime, String status) {}

  private RestorePointChooser() {}

  /** The latest complete logical snapshot taken at or before {@code notAfter}. */
  public static Optional<SnapshotManifest> latestSnapshot(
      List<SnapshotManifest> snapshots, Instant notAfter) {
    return snapshots.stream()
        .filter(SnapshotManifest::complete)
        .filter(m -> !m.takenAt().isAfter(notAfter))
        .max(Comparator.comparing(SnapshotManifest::takenAt));
  }

  /**
   * The PITR time to restore to: {@code notAfter} itself when it lies in the restorable window,
   * the latest restorable time when the window has not reached {@code notAfter} yet (PITR lags
   * real time by a few minutes), nothing when the window starts after {@code notAfter}.
   */
  public static Optional<Instant> pointInTime(
      Instant earliestRestorable, Instant latestRestorable, Instant notAfter) {
    if (earliestRestorable == null
        || latestRestorable == null
        || notAfter.isBefore(earliestRestorable)) {
      return Optional.empty();
    }
    return Optional.of(notAfter.isAfter(latestRestorable) ? latestRestorable : notAfter);
  }

  /** The latest COMPLETED recovery point created at or before {@code notAfter}. */
  public static Optional<RecoveryPoint> latestRecoveryPoint(
      List<RecoveryPoint> points, Instant notAfter) {
    return points.stream()
        .filter(p -> "COMPLETED".equals(p.status()))
        .filter(p -> p.pointInTime() != null && !p.pointInTime().isAfter(notAfter))
        .max(Comparator.comparing(RecoveryPoint::pointInTime));
  }

  /**
   * Among candidates of every kind, the one with the least data loss: the latest point in time. On a
   * tie the native restore wins (PITR, then AWS Backup, then a logical snapshot), since it carries
   * the table's settings and needs no import.
   */
  public static Optional<RestorePoint> leastDataLoss(
      List<RestorePoint> candidates, Instant notAfter) {
    return candidates.stream()
        .filter(p -> p.pointInTime() != null && !p.pointInTime().isAfter(notAfter))
        .max(
            Comparator.comparing(RestorePoint::pointInTime)
                .thenComparing(RestorePoint::kind, Comparator.reverseOrder()));
  }
}
