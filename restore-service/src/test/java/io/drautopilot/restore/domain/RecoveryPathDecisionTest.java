package io.drautopilot.restore.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.drautopilot.readiness.DurationForecast;
import io.drautopilot.readiness.RecoveryFloors;
import io.drautopilot.readiness.RecoveryPath;
import io.drautopilot.readiness.TableSize;
import io.drautopilot.restore.domain.RecoveryPathDecision.Decision;
import io.drautopilot.restore.domain.RecoveryPathDecision.TableForecast;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecoveryPathDecisionTest {

  static final Instant IMPACT = Instant.parse("2026-12-01T12:00:00Z");
  static final Duration RPO = Duration.ofMinutes(5);
  static final RecoveryFloors FLOORS = RecoveryFloors.AWS_DOCUMENTED;
  static final TableSize SIZE = new TableSize(1_200_000, 600_000_000);

  static RestorePoint pitr(Duration before) {
    Instant t = IMPACT.minus(before);
    return new RestorePoint(RestorePoint.Kind.PITR, t, null, IMPACT.minus(Duration.ofDays(35)), t);
  }

  static RestorePoint snapshot(Duration before) {
    return new RestorePoint(
        RestorePoint.Kind.LOGICAL_SNAPSHOT,
        IMPACT.minus(before),
        "s3://snapshots/entities/1",
        null,
        null);
  }

  static RestorePoint backup(Duration before) {
    return new RestorePoint(
        RestorePoint.Kind.AWS_BACKUP, IMPACT.minus(before), "arn:aws:backup:rp-1", null, null);
  }

  static DurationForecast history(RecoveryPath path, int p50Minutes, int p90Minutes) {
    return new DurationForecast(
        path,
        Duration.ofMinutes(p50Minutes),
        Duration.ofMinutes(p90Minutes),
        "history (3 runs)",
        3,
        List.of("e-1", "e-2", "e-3"));
  }

  static Optional<TableForecast> assessed(DurationForecast... paths) {
    Map<RecoveryPath, DurationForecast> byPath = new java.util.EnumMap<>(RecoveryPath.class);
    for (DurationForecast f : paths) {
      byPath.put(f.path(), f);
    }
    return Optional.of(
        new TableForecast(
            "assessment-1",
            Instant.parse("2026-12-01T11:45:00Z"),
            SIZE,
            Duration.ofMinutes(15),
            byPath));
  }

  static Decision decide(List<RestorePoint> found, Optional<TableForecast> forecast) {
    return RecoveryPathDecision.decide(
        found, List.of(), false, IMPACT, RPO, forecast, TableSize.UNKNOWN, FLOORS);
  }

  @Test
  void shouldChooseTheImportWhenHistoryForecastsItFasterThanPitrAndBothAreWithinTheRpo() {
    Decision decision =
        decide(
            List.of(pitr(Duration.ZERO), snapshot(Duration.ofMinutes(3))),
            assessed(
                history(RecoveryPath.PITR_RESTORE, 21, 22),
                history(RecoveryPath.SNAPSHOT_IMPORT, 4, 6)));

    assertThat(decision.chosen().path()).isEqualTo(RecoveryPath.SNAPSHOT_IMPORT);
    assertThat(decision.chosen().point().orElseThrow().location())
        .isEqualTo("s3://snapshots/entities/1");
    assertThat(decision.meetsRpo()).isTrue();
    assertThat(decision.reason())
        .isEqualTo(
            "forecast 6 min by snapshot import, 22 min by PITR: chose snapshot import"
                + " (forecasts of the readiness assessment at 2026-12-01T11:45:00Z)");
    assertThat(decision.forecastEventId()).contains("assessment-1");
    assertThat(decision.chosen().assessment().restore().basis()).isEqualTo("history (3 runs)");
    assertThat(decision.chosen().assessment().rpo()).contains(Duration.ofMinutes(3));
  }

  @Test
  void shouldWeighThePathsByAwsFloorsWhenTheTableHasNoAssessment() {
    // 1,200,000 items at 4,000 a second: 30 s + 5 min at P50, twice that at P90; PITR's floor is 60
    // min at P90
    Decision decision =
        RecoveryPathDecision.decide(
            List.of(pitr(Duration.ZERO), snapshot(Duration.ofMinutes(3))),
            List.of(),
            false,
            IMPACT,
            RPO,
            Optional.empty(),
            SIZE,
            FLOORS);

    assertThat(decision.chosen().path()).isEqualTo(RecoveryPath.SNAPSHOT_IMPORT);
    assertThat(decision.chosen().assessment().restore().p90()).isEqualTo(Duration.ofSeconds(660));
    assertThat(decision.candidates())
        .allSatisfy(
            c ->
                assertThat(c.assessment().restore().basis())
                    .isEqualTo(DurationForecast.NO_HISTORY));
    assertThat(decision.reason())
        .isEqualTo(
            "forecast 11 min by snapshot import, 60 min by PITR: chose snapshot import"
                + " (no readiness assessment of the table: AWS floors)");
    assertThat(decision.forecastEventId()).isEmpty();
  }

  @Test
  void shouldTakeTheSlowerPathWhenTheFasterOnesRestorePointIsOverTheRpo() {
    Decision decision =
        decide(
            List.of(pitr(Duration.ofMinutes(1)), snapshot(Duration.ofHours(26))),
            assessed(
                history(RecoveryPath.PITR_RESTORE, 21, 22),
                history(RecoveryPath.SNAPSHOT_IMPORT, 4, 6)));

    assertThat(decision.chosen().path()).isEqualTo(RecoveryPath.PITR_RESTORE);
    assertThat(decision.chosen().kind()).isEqualTo(RestorePoint.Kind.PITR);
    assertThat(decision.meetsRpo()).isTrue();
    assertThat(decision.reason())
        .startsWith(
            "forecast 6 min by snapshot import, 22 min by PITR: chose PITR;"
                + " over the 5 min RPO: snapshot import (26 h of data loss)");
  }

  @Test
  void shouldFallBackToTheLeastDataLossWhenNoPathIsWithinTheRpo() {
    Decision decision =
        decide(
            List.of(backup(Duration.ofHours(2)), snapshot(Duration.ofHours(26))),
            assessed(
                history(RecoveryPath.AWS_BACKUP_RESTORE, 25, 30),
                history(RecoveryPath.SNAPSHOT_IMPORT, 4, 6)));

    assertThat(decision.chosen().path()).isEqualTo(RecoveryPath.AWS_BACKUP_RESTORE);
    assertThat(decision.chosen().point().orElseThrow().location()).isEqualTo("arn:aws:backup:rp-1");
    assertThat(decision.meetsRpo()).isFalse();
    assertThat(decision.reason())
        .contains(
            "no path keeps data loss within the 5 min RPO target: chose AWS Backup restore,"
                + " the least data loss (2 h)");
    assertThat(decision.candidates())
        .filteredOn(c -> c.path() == RecoveryPath.PITR_RESTORE)
        .singleElement()
        .satisfies(c -> assertThat(c.assessment().available()).isFalse());
  }

  @Test
  void shouldRefuseWithNoRestorePointWhenNoPathHasOne() {
    RestoreRefusedException refused =
        catchThrowableOfType(
            RestoreRefusedException.class,
            () ->
                RecoveryPathDecision.decide(
                    List.of(snapshot(Duration.ofMinutes(-10))),
                    List.of("PITR: not enabled", "logical snapshots in s3://x: none"),
                    false,
                    IMPACT,
                    RPO,
                    Optional.empty(),
                    TableSize.UNKNOWN,
                    FLOORS));

    assertThat(refused.code()).isEqualTo("NoRestorePoint");
    assertThat(refused.getMessage()).contains("no path has a restore point", "PITR: not enabled");
  }

  @Test
  void shouldWeighOnlyTheVaultAndTheCrossRegionImportWhenTheRestoreIsForAnotherRegion() {
    Decision decision =
        RecoveryPathDecision.decide(
            List.of(
                pitr(Duration.ZERO),
                backup(Duration.ofMinutes(2)),
                snapshot(Duration.ofMinutes(4))),
            List.of(),
            true,
            IMPACT,
            RPO,
            assessed(
                history(RecoveryPath.AWS_BACKUP_RESTORE, 20, 25),
                history(RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT, 5, 8)),
            TableSize.UNKNOWN,
            FLOORS);

    assertThat(decision.candidates())
        .extracting(c -> c.path())
        .containsExactly(
            RecoveryPath.AWS_BACKUP_RESTORE, RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT);
    assertThat(decision.chosen().path()).isEqualTo(RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT);
    assertThat(decision.chosen().kind()).isEqualTo(RestorePoint.Kind.LOGICAL_SNAPSHOT);
  }

  @Test
  void shouldGiveTheSameChoiceForTheSameInputs() {
    List<RestorePoint> found =
        List.of(
            pitr(Duration.ZERO), backup(Duration.ofMinutes(4)), snapshot(Duration.ofMinutes(3)));
    Optional<TableForecast> forecast =
        assessed(
            history(RecoveryPath.PITR_RESTORE, 21, 22),
            history(RecoveryPath.AWS_BACKUP_RESTORE, 21, 22),
            history(RecoveryPath.SNAPSHOT_IMPORT, 4, 6));

    assertThat(decide(found, forecast)).isEqualTo(decide(found, forecast));
  }
}
