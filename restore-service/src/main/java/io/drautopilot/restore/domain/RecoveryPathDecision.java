package io.drautopilot.restore.domain;

import io.drautopilot.readiness.DurationForecast;
import io.drautopilot.readiness.Forecaster.StageForecast;
import io.drautopilot.readiness.PathAssessment;
import io.drautopilot.readiness.PathChoice;
import io.drautopilot.readiness.PathChooser;
import io.drautopilot.readiness.RecoveryFloors;
import io.drautopilot.readiness.RecoveryPath;
import io.drautopilot.readiness.RecoveryTargets;
import io.drautopilot.readiness.RunbookStages;
import io.drautopilot.readiness.TableSize;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runbook's recovery path choice ({@code restore.chooseRecoveryPath}): the restore points found,
 * each path's forecast restore duration and the RPO target go to the readiness model's
 * {@link PathChooser}, which picks the smallest forecast P90 among the paths within the RPO target, or
 * the least data loss when none is.
 *
 * <p>Only the restore itself is compared: the incident is already detected, and the steps before and
 * after the restore are the same whichever path runs, so they cannot change the choice. Data loss is
 * measured back from {@code notAfter} (the impact start), not from now, so the same inputs give the
 * same choice whenever the command is handled.
 */
public final class RecoveryPathDecision {

  /**
   * The latest readiness assessment of a table, as far as the choice needs it.
   *
   * @param eventId the {@code ReadinessAssessed} it was read from
   * @param size the table's size at the assessment (scales the import floor when a path has no forecast)
   * @param rtoTarget the assessment's RTO target (a path whose restore alone exceeds it says so)
   * @param byPath the forecast restore duration of each path
   */
  public record TableForecast(
      String eventId,
      Instant assessedAt,
      TableSize size,
      Duration rtoTarget,
      Map<RecoveryPath, DurationForecast> byPath) {

    public TableForecast {
      byPath = Map.copyOf(byPath);
    }
  }

  /** One path weighed: the restore point it would restore (empty: none found) and its assessment. */
  public record Candidate(
      RecoveryPath path,
      RestorePoint.Kind kind,
      Optional<RestorePoint> point,
      PathAssessment assessment) {}

  /** The chosen path, and every path weighed, in the order they were considered. */
  public record Decision(
      Candidate chosen,
      boolean meetsRpo,
      String reason,
      List<Candidate> candidates,
      Optional<String> forecastEventId) {}

  private static final StageForecast NONE =
      new StageForecast("none", Duration.ZERO, Duration.ZERO, 0, List.of());
  private static final RunbookStages RESTORE_ONLY = new RunbookStages(NONE, NONE, NONE);

  private RecoveryPathDecision() {}

  /**
   * @param found the restore points of every source (newest of each), as the finder found them
   * @param seen what each source said, for the paths without a point
   * @param otherRegion the restore is for another region: the vault and a cross-region import only
   * @param forecast the table's latest assessment; empty: AWS's documented floors for every path
   * @param sizeNow the table's size when there is no assessment to take it from
   * @throws RestoreRefusedException {@code NoRestorePoint} when no path has a restore point
   */
  public static Decision decide(
      List<RestorePoint> found,
      List<String> seen,
      boolean otherRegion,
      Instant notAfter,
      Duration rpoTarget,
      Optional<TableForecast> forecast,
      TableSize sizeNow,
      RecoveryFloors floors) {
    RecoveryTargets targets =
        new RecoveryTargets(
            forecast.map(TableForecast::rtoTarget).orElse(RecoveryTargets.SEED.rto()), rpoTarget);
    TableSize size = forecast.map(TableForecast::size).filter(TableSize::isKnown).orElse(sizeNow);
    List<Candidate> candidates = new ArrayList<>();
    for (RecoveryPath path : paths(otherRegion)) {
      RestorePoint.Kind kind = kindOf(path);
      Optional<RestorePoint> point =
          RestorePointChooser.leastDataLoss(
              found.stream().filter(p -> p.kind() == kind).toList(), notAfter);
      DurationForecast restore =
          forecast.map(f -> f.byPath().get(path)).orElseGet(() -> floors.noHistory(path, size));
      Optional<io.drautopilot.readiness.RestorePoint> modelPoint =
          point.map(
              p ->
                  new io.drautopilot.readiness.RestorePoint(
                      path, p.pointInTime(), p.location() != null ? p.location() : kind.name()));
      candidates.add(
          new Candidate(
              path,
              kind,
              point,
              PathAssessment.assess(
                  restore, RESTORE_ONLY, modelPoint, unavailable(kind, seen), targets, notAfter)));
    }
    PathChoice choice =
        PathChooser.choose(
            candidates.stream().map(Candidate::assessment).toList(), targets, "forecast");
    if (choice.path().isEmpty()) {
      throw new RestoreRefusedException(
          "NoRestorePoint", choice.reason() + "; considered: " + String.join("; ", seen));
    }
    Candidate chosen =
        candidates.stream().filter(c -> c.path() == choice.path().get()).findFirst().orElseThrow();
    String source =
        forecast
            .map(f -> "forecasts of the readiness assessment at " + f.assessedAt())
            .orElse("no readiness assessment of the table: AWS floors");
    return new Decision(
        chosen,
        choice.withinRpo(),
        choice.reason() + " (" + source + ")",
        List.copyOf(candidates),
        forecast.map(TableForecast::eventId));
  }

  /** The paths a restore of this table can take: in its own region, or (a cross-region vault) in the other. */
  static List<RecoveryPath> paths(boolean otherRegion) {
    return otherRegion
        ? List.of(RecoveryPath.AWS_BACKUP_RESTORE, RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT)
        : List.of(
            RecoveryPath.PITR_RESTORE,
            RecoveryPath.AWS_BACKUP_RESTORE,
            RecoveryPath.SNAPSHOT_IMPORT);
  }

  /** The kind of restore point a path restores, which is what the runbook's restore steps branch on. */
  public static RestorePoint.Kind kindOf(RecoveryPath path) {
    return switch (path) {
      case PITR_RESTORE -> RestorePoint.Kind.PITR;
      case AWS_BACKUP_RESTORE -> RestorePoint.Kind.AWS_BACKUP;
      case SNAPSHOT_IMPORT, CROSS_REGION_SNAPSHOT_IMPORT -> RestorePoint.Kind.LOGICAL_SNAPSHOT;
      case REGION_FAILOVER -> throw new IllegalArgumentException("a failover restores nothing");
    };
  }

  /** What the finder's sources of this kind said ("PITR: not enabled"), or that none was asked. */
  private static String unavailable(RestorePoint.Kind kind, List<String> seen) {
    String prefix =
        switch (kind) {
          case PITR -> "PITR";
          case AWS_BACKUP -> "AWS Backup";
          case LOGICAL_SNAPSHOT -> "logical snapshots";
        };
    List<String> said = seen.stream().filter(s -> s.startsWith(prefix)).toList();
    if (said.isEmpty()) {
      return kind == RestorePoint.Kind.LOGICAL_SNAPSHOT
          ? "no snapshot location given"
          : "no source looked at";
    }
    return String.join("; ", said);
  }
}
