package io.drautopilot.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.readiness.Forecaster.StageForecast;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PathChooserTest {

  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final RecoveryTargets TARGETS = RecoveryTargets.SEED;
  static final StageForecast ZERO =
      new StageForecast("none", Duration.ZERO, Duration.ZERO, 0, List.of());
  static final RunbookStages NO_OVERHEAD = new RunbookStages(ZERO, ZERO, ZERO);

  /** A path with a restore forecast of {@code p90} (P50 = P90) and a restore point {@code age} old; null: none. */
  static PathAssessment path(RecoveryPath path, Duration p90, Duration age) {
    DurationForecast forecast =
        new DurationForecast(path, p90, p90, "history (3 runs)", 3, List.of("e-" + path));
    Optional<RestorePoint> point =
        Optional.ofNullable(age).map(a -> new RestorePoint(path, NOW.minus(a), "p-" + path));
    return PathAssessment.assess(forecast, NO_OVERHEAD, point, "none found", TARGETS, NOW);
  }

  @Test
  void shouldChooseTheFastestPathWithinTheRpoAndSayWhy() {
    PathChoice choice =
        PathChooser.choose(
            List.of(
                path(RecoveryPath.PITR_RESTORE, Duration.ofMinutes(22), Duration.ofMinutes(5)),
                path(RecoveryPath.SNAPSHOT_IMPORT, Duration.ofMinutes(6), Duration.ofMinutes(3))),
            TARGETS);

    assertThat(choice.path()).contains(RecoveryPath.SNAPSHOT_IMPORT);
    assertThat(choice.withinRpo()).isTrue();
    assertThat(choice.reason())
        .isEqualTo("forecast RTO 6 min by snapshot import, 22 min by PITR: chose snapshot import");
  }

  @Test
  void shouldNameTheComparedFigureAsTheCallerMeasuresIt() {
    PathChoice choice =
        PathChooser.choose(
            List.of(
                path(RecoveryPath.PITR_RESTORE, Duration.ofMinutes(22), Duration.ofMinutes(5)),
                path(RecoveryPath.SNAPSHOT_IMPORT, Duration.ofMinutes(6), Duration.ofMinutes(3))),
            TARGETS,
            "forecast");

    assertThat(choice.reason())
        .isEqualTo("forecast 6 min by snapshot import, 22 min by PITR: chose snapshot import");
  }

  @Test
  void shouldPassOverAFasterPathWhoseRestorePointLosesTooMuchData() {
    PathChoice choice =
        PathChooser.choose(
            List.of(
                path(RecoveryPath.PITR_RESTORE, Duration.ofMinutes(22), Duration.ofMinutes(5)),
                path(RecoveryPath.SNAPSHOT_IMPORT, Duration.ofMinutes(6), Duration.ofHours(26))),
            TARGETS);

    assertThat(choice.path()).contains(RecoveryPath.PITR_RESTORE);
    assertThat(choice.reason())
        .isEqualTo(
            "forecast RTO 6 min by snapshot import, 22 min by PITR: chose PITR;"
                + " over the 5 min RPO: snapshot import (26 h of data loss)");
  }

  @Test
  void shouldFallBackToTheLeastDataLossWhenNoPathIsWithinTheRpo() {
    PathChoice choice =
        PathChooser.choose(
            List.of(
                path(RecoveryPath.AWS_BACKUP_RESTORE, Duration.ofMinutes(25), Duration.ofHours(20)),
                path(RecoveryPath.SNAPSHOT_IMPORT, Duration.ofMinutes(6), Duration.ofHours(26)),
                path(RecoveryPath.PITR_RESTORE, Duration.ofMinutes(22), null)),
            TARGETS);

    assertThat(choice.path()).contains(RecoveryPath.AWS_BACKUP_RESTORE);
    assertThat(choice.withinRpo()).isFalse();
    assertThat(choice.reason())
        .endsWith(
            "no path keeps data loss within the 5 min RPO target: chose AWS Backup restore,"
                + " the least data loss (20 h)");
  }

  @Test
  void shouldBreakATieOnTheForecastByTheSmallerDataLoss() {
    PathChoice choice =
        PathChooser.choose(
            List.of(
                path(RecoveryPath.PITR_RESTORE, Duration.ofMinutes(20), Duration.ofMinutes(5)),
                path(
                    RecoveryPath.AWS_BACKUP_RESTORE,
                    Duration.ofMinutes(20),
                    Duration.ofMinutes(1))),
            TARGETS);

    assertThat(choice.path()).contains(RecoveryPath.AWS_BACKUP_RESTORE);
    assertThat(choice.reason())
        .contains("chose AWS Backup restore (tied with PITR on the forecast; less data loss)");
  }

  @Test
  void shouldBreakAFullTieByThePathOrder() {
    PathChoice choice =
        PathChooser.choose(
            List.of(
                path(
                    RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT,
                    Duration.ofMinutes(6),
                    Duration.ofMinutes(2)),
                path(RecoveryPath.SNAPSHOT_IMPORT, Duration.ofMinutes(6), Duration.ofMinutes(2))),
            TARGETS);

    assertThat(choice.path()).contains(RecoveryPath.SNAPSHOT_IMPORT);
    assertThat(choice.reason())
        .contains("(tied with cross-region snapshot import on the forecast; preferred path)");
  }

  @Test
  void shouldChooseNothingWhenNoPathHasARestorePoint() {
    PathChoice choice =
        PathChooser.choose(
            List.of(
                path(RecoveryPath.PITR_RESTORE, Duration.ofMinutes(20), null),
                path(RecoveryPath.SNAPSHOT_IMPORT, Duration.ofMinutes(6), null)),
            TARGETS);

    assertThat(choice.path()).isEmpty();
    assertThat(choice.reason())
        .isEqualTo("no path has a restore point (PITR: none found; snapshot import: none found)");
  }

  @Test
  void shouldJudgeTheWholeRunbooksRtoNotOnlyTheRestore() {
    StageForecast detection =
        new StageForecast(
            "detection", Duration.ofMinutes(1), Duration.ofMinutes(2), 2, List.of("i1"));
    StageForecast before =
        new StageForecast("before", Duration.ofMinutes(1), Duration.ofMinutes(1), 2, List.of("i1"));
    StageForecast after =
        new StageForecast("after", Duration.ofMinutes(5), Duration.ofMinutes(7), 2, List.of("i1"));
    DurationForecast importForecast =
        new DurationForecast(
            RecoveryPath.SNAPSHOT_IMPORT,
            Duration.ofMinutes(4),
            Duration.ofMinutes(6),
            "history (2 runs)",
            2,
            List.of("r1", "r2"));

    PathAssessment a =
        PathAssessment.assess(
            importForecast,
            new RunbookStages(detection, before, after),
            Optional.of(new RestorePoint(RecoveryPath.SNAPSHOT_IMPORT, NOW.minusSeconds(60), "s1")),
            "",
            TARGETS,
            NOW);

    assertThat(a.rtoP50()).isEqualTo(Duration.ofMinutes(11));
    assertThat(a.rtoP90()).isEqualTo(Duration.ofMinutes(16));
    assertThat(a.meetsRto()).isFalse();
    assertThat(a.meetsRpo()).isTrue();
    assertThat(a.reasons())
        .containsExactly(
            "forecast RTO 16 min at P90 (detection 2 min + steps before 1 min"
                + " + snapshot import 6 min + steps after 7 min), over the 15 min RTO target");
  }

  @Test
  void shouldSayThatAPitrRestoreAloneCannotMeetA15MinuteRto() {
    DurationForecast floor =
        RecoveryFloors.AWS_DOCUMENTED.noHistory(RecoveryPath.PITR_RESTORE, TableSize.UNKNOWN);

    PathAssessment a =
        PathAssessment.assess(
            floor,
            NO_OVERHEAD,
            Optional.of(new RestorePoint(RecoveryPath.PITR_RESTORE, NOW.minusSeconds(300), "pitr")),
            "",
            TARGETS,
            NOW);

    assertThat(a.meetsRto()).isFalse();
    assertThat(a.reasons())
        .containsExactly(
            "the PITR alone takes 20 min at P50 (no history: AWS floor), over the 15 min RTO target");
  }

  @Test
  void shouldLeaveOutTheRestoreStepsForAFailover() {
    StageForecast detection =
        new StageForecast("detection", Duration.ofMinutes(1), Duration.ofMinutes(1), 1, List.of());
    StageForecast big =
        new StageForecast("steps", Duration.ofMinutes(30), Duration.ofMinutes(30), 1, List.of());
    DurationForecast failover =
        RecoveryFloors.AWS_DOCUMENTED.noHistory(RecoveryPath.REGION_FAILOVER, TableSize.UNKNOWN);

    PathAssessment a =
        PathAssessment.assess(
            failover,
            new RunbookStages(detection, big, big),
            Optional.of(
                new RestorePoint(RecoveryPath.REGION_FAILOVER, NOW.minusSeconds(1), "replica")),
            "",
            TARGETS,
            NOW);

    assertThat(a.rtoP90()).isEqualTo(Duration.ofMinutes(3));
    assertThat(a.meetsTargets()).isTrue();
  }
}
