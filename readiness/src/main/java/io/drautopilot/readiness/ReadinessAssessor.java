package io.drautopilot.readiness;

import io.drautopilot.readiness.ReadinessScore.TableScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole assessment, from the evidence to the score: for each table and each path the forecast
 * and its RTO / RPO against the targets, the path choice, the table's score; then the overall score.
 * Deterministic: no clock, no I/O, {@code now} is an input.
 */
public final class ReadinessAssessor {

  /** One table's assessment. */
  public record TableAssessment(
      TableEvidence evidence, List<PathAssessment> paths, PathChoice choice, TableScore score) {

    /** The chosen path's assessment, if any path has a restore point. */
    public Optional<PathAssessment> chosen() {
      return choice.path().flatMap(p -> paths.stream().filter(a -> a.path() == p).findFirst());
    }

    public boolean meetsTargets() {
      return chosen().map(PathAssessment::meetsTargets).orElse(false);
    }
  }

  /** The assessment of every protected table. */
  public record Assessment(
      Instant assessedAt,
      RecoveryTargets targets,
      List<TableAssessment> tables,
      List<Finding> serviceWide,
      int score) {

    public boolean meetsTargets() {
      return !tables.isEmpty() && tables.stream().allMatch(TableAssessment::meetsTargets);
    }
  }

  private final Forecaster forecaster;
  private final RecoveryTargets targets;
  private final ReadinessScore.Settings scoreSettings;

  public ReadinessAssessor(
      Forecaster forecaster, RecoveryTargets targets, ReadinessScore.Settings scoreSettings) {
    this.forecaster = forecaster;
    this.targets = targets;
    this.scoreSettings = scoreSettings;
  }

  public Assessment assess(
      List<TableEvidence> tables,
      List<RestoreObservation> history,
      RunbookStages stages,
      List<Finding> serviceWide,
      Instant now) {
    List<TableAssessment> assessed = new ArrayList<>();
    for (TableEvidence table : tables) {
      List<PathAssessment> paths = new ArrayList<>();
      for (RecoveryPath path : RecoveryPath.values()) {
        DurationForecast forecast =
            forecaster.forecast(table.table(), table.size(), table.snapshotSize(), path, history);
        Optional<RestorePoint> point = Optional.ofNullable(table.restorePoints().get(path));
        String why = table.unavailable().getOrDefault(path, "none found");
        paths.add(PathAssessment.assess(forecast, stages, point, why, targets, now));
      }
      PathChoice choice = PathChooser.choose(paths, targets);
      TableScore score =
          ReadinessScore.table(table, paths, choice, serviceWide, targets, scoreSettings, now);
      assessed.add(new TableAssessment(table, List.copyOf(paths), choice, score));
    }
    int overall =
        ReadinessScore.overall(assessed.stream().map(TableAssessment::score).toList(), serviceWide);
    return new Assessment(now, targets, List.copyOf(assessed), List.copyOf(serviceWide), overall);
  }
}
