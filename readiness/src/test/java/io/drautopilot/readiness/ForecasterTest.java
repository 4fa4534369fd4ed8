package io.drautopilot.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ForecasterTest {

  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  final Forecaster forecaster = new Forecaster();

  static RestoreObservation run(
      String table, RecoveryPath path, long items, Duration d, String eventId) {
    return new RestoreObservation(
        table, path, items, -1, d, T0, eventId, ObservationSource.INCIDENT);
  }

  static RestoreObservation run(String table, long items, Duration d, Instant at, String eventId) {
    return new RestoreObservation(
        table, RecoveryPath.SNAPSHOT_IMPORT, items, -1, d, at, eventId, ObservationSource.DR_DRILL);
  }

  @Test
  void shouldTakeAZeroSizeAsUnknownNotAsAnEmptyTable() {
    assertThat(new TableSize(0, 0).isKnown()).isFalse();
    assertThat(new TableSize(0, -1).isKnown()).isFalse();
    assertThat(new TableSize(0, 0).ratioTo(new TableSize(10_000, 1_000_000))).isEmpty();
    assertThat(new TableSize(10_000, 0).ratioTo(new TableSize(5_000, 0))).hasValue(2.0);
  }

  @Test
  void shouldNotScaleTheRunsDownToNothingWhenDescribeTableSaysZero() {
    // DescribeTable's 0 items and 0 bytes for a table younger than AWS's refresh; the runs did not
    // say their size
    List<RestoreObservation> history =
        List.of(
            run("entities", RecoveryPath.SNAPSHOT_IMPORT, -1, Duration.ofMinutes(4), "e1"),
            run("entities", RecoveryPath.SNAPSHOT_IMPORT, -1, Duration.ofMinutes(6), "e2"),
            run(
                "events",
                RecoveryPath.SNAPSHOT_IMPORT,
                10_000,
                Duration.ofMinutes(1),
                "other-table"));

    DurationForecast zero =
        forecaster.forecast("entities", new TableSize(0, 0), RecoveryPath.SNAPSHOT_IMPORT, history);
    DurationForecast unknown =
        forecaster.forecast("entities", TableSize.UNKNOWN, RecoveryPath.SNAPSHOT_IMPORT, history);

    assertThat(zero.p50()).isEqualTo(Duration.ofMinutes(5));
    assertThat(zero.p90()).isEqualTo(Duration.ofMinutes(6));
    // another table's run cannot be judged similar to a table of unknown size
    assertThat(zero.evidenceEventIds()).containsExactly("e1", "e2");
    assertThat(zero.basis()).isEqualTo("history (2 runs); size unknown: runs taken as measured");
    assertThat(unknown).isEqualTo(zero);
  }

  @Test
  void shouldScaleToTheTablesLatestMeasuredRestoreWhenItsSizeIsUnknown() {
    // imports of 10,000 items in 4 min and 20,000 in 9 min; the latest (20,000) is the table's size
    // now
    List<RestoreObservation> history =
        List.of(
            run("entities", 10_000, Duration.ofMinutes(4), T0, "small"),
            run("entities", 20_000, Duration.ofMinutes(9), T0.plusSeconds(3600), "latest"),
            run(
                "events",
                100_000,
                Duration.ofMinutes(30),
                T0.plusSeconds(7200),
                "other-table")); // 5x: not similar

    DurationForecast f =
        forecaster.forecast("entities", new TableSize(0, 0), RecoveryPath.SNAPSHOT_IMPORT, history);

    // 4 min at 10,000 items is 8 min at 20,000: the runs are 8 and 9 min
    assertThat(f.p50()).isEqualTo(Duration.ofSeconds(510));
    assertThat(f.p90()).isEqualTo(Duration.ofMinutes(9));
    assertThat(f.evidenceEventIds()).containsExactly("small", "latest");
    assertThat(f.basis())
        .isEqualTo(
            "history (2 runs); size unknown, taken as the 20000 items of the latest restore ("
                + T0.plusSeconds(3600)
                + ")");
  }

  @Test
  void shouldScaleToTheNewestSnapshotWhenItIsNewerThanTheLatestRestore() {
    List<RestoreObservation> history =
        List.of(
            run("entities", 10_000, Duration.ofMinutes(4), T0, "a"),
            run("entities", 20_000, Duration.ofMinutes(8), T0.plusSeconds(3600), "b"));
    MeasuredSize snapshot = new MeasuredSize(40_000, T0.plusSeconds(7200), "newest snapshot", "s1");
    MeasuredSize olderSnapshot =
        new MeasuredSize(40_000, T0.minusSeconds(60), "newest snapshot", "s0");

    DurationForecast newer =
        forecaster.forecast(
            "entities",
            new TableSize(0, 0),
            Optional.of(snapshot),
            RecoveryPath.SNAPSHOT_IMPORT,
            history);
    DurationForecast older =
        forecaster.forecast(
            "entities",
            new TableSize(0, 0),
            Optional.of(olderSnapshot),
            RecoveryPath.SNAPSHOT_IMPORT,
            history);
    DurationForecast described =
        forecaster.forecast(
            "entities",
            new TableSize(10_000, -1),
            Optional.of(snapshot),
            RecoveryPath.SNAPSHOT_IMPORT,
            history);

    assertThat(newer.p50()).isEqualTo(Duration.ofMinutes(16));
    assertThat(newer.basis())
        .endsWith("taken as the 40000 items of the newest snapshot (" + T0.plusSeconds(7200) + ")");
    assertThat(older.p50())
        .isEqualTo(Duration.ofMinutes(8)); // the latest restore is the newer measure
    // DescribeTable's size, when it has one, is the table's size
    assertThat(described.p50()).isEqualTo(Duration.ofMinutes(4));
    assertThat(described.basis()).isEqualTo("history (2 runs)");
  }

  @Test
  void shouldScaleTheImportFloorToAMeasuredSizeWhenDescribeTableSaysZero() {
    MeasuredSize snapshot = new MeasuredSize(1_200_000, T0, "newest snapshot", "s1");

    DurationForecast f =
        forecaster.forecast(
            "t",
            new TableSize(0, 0),
            Optional.of(snapshot),
            RecoveryPath.SNAPSHOT_IMPORT,
            List.of());
    DurationForecast pitr =
        forecaster.forecast(
            "t", new TableSize(0, 0), Optional.of(snapshot), RecoveryPath.PITR_RESTORE, List.of());

    assertThat(f.p50()).isEqualTo(Duration.ofSeconds(330));
    assertThat(f.basis())
        .startsWith(DurationForecast.NO_HISTORY + "; size unknown, taken as the 1200000 items");
    assertThat(pitr.basis()).isEqualTo(DurationForecast.NO_HISTORY);
  }

  @Test
  void shouldForecastFromTheAwsFloorWhenNothingWasMeasured() {
    DurationForecast pitr =
        forecaster.forecast(
            "entities", new TableSize(1_000_000, -1), RecoveryPath.PITR_RESTORE, List.of());

    assertThat(pitr.basis()).isEqualTo("no history: AWS floor");
    assertThat(pitr.runs()).isZero();
    assertThat(pitr.p50()).isEqualTo(Duration.ofMinutes(20));
    assertThat(pitr.p90()).isEqualTo(Duration.ofMinutes(60));
    assertThat(pitr.evidenceEventIds()).isEmpty();
  }

  @Test
  void shouldScaleTheImportFloorWithTheItems() {
    // 1.2 million items at 4,000 writes/s is 300 s, plus 30 s to create the table
    DurationForecast small =
        forecaster.forecast("t", new TableSize(0, -1), RecoveryPath.SNAPSHOT_IMPORT, List.of());
    DurationForecast large =
        forecaster.forecast(
            "t", new TableSize(1_200_000, -1), RecoveryPath.SNAPSHOT_IMPORT, List.of());

    assertThat(small.p50()).isEqualTo(Duration.ofSeconds(30));
    assertThat(large.p50()).isEqualTo(Duration.ofSeconds(330));
    assertThat(large.p90()).isEqualTo(Duration.ofSeconds(660));
  }

  @Test
  void shouldTakeTheFailoverFloorFromRoute53PropagationWhenTheRunbookStepsWereNeverMeasured() {
    DurationForecast failover =
        forecaster.forecast("t", TableSize.UNKNOWN, RecoveryPath.REGION_FAILOVER, List.of());

    assertThat(failover.p50()).isEqualTo(Duration.ofSeconds(60));
    assertThat(failover.p90()).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void shouldForecastFromTheTablesOwnRunsWithTheirEventIds() {
    List<RestoreObservation> history =
        List.of(
            run("entities", RecoveryPath.SNAPSHOT_IMPORT, 10_000, Duration.ofMinutes(4), "e1"),
            run("entities", RecoveryPath.SNAPSHOT_IMPORT, 10_000, Duration.ofMinutes(6), "e2"),
            run(
                "entities",
                RecoveryPath.PITR_RESTORE,
                10_000,
                Duration.ofMinutes(25),
                "other-path"));

    DurationForecast f =
        forecaster.forecast(
            "entities", new TableSize(10_000, -1), RecoveryPath.SNAPSHOT_IMPORT, history);

    assertThat(f.basis()).isEqualTo("history (2 runs)");
    assertThat(f.p50()).isEqualTo(Duration.ofMinutes(5));
    assertThat(f.p90()).isEqualTo(Duration.ofMinutes(6));
    assertThat(f.evidenceEventIds()).containsExactlyInAnyOrder("e1", "e2");
  }

  @Test
  void shouldNeverForecastAnAwsRestoreBelowItsDocumentedFloorEvenFromFasterHistory() {
    List<RestoreObservation> history =
        List.of(run("t", RecoveryPath.PITR_RESTORE, 100, Duration.ofMinutes(3), "fast"));

    DurationForecast f =
        forecaster.forecast("t", new TableSize(100, -1), RecoveryPath.PITR_RESTORE, history);

    assertThat(f.p50()).isEqualTo(Duration.ofMinutes(20));
    assertThat(f.p90()).isEqualTo(Duration.ofMinutes(20));
    assertThat(f.basis()).isEqualTo("history (1 run)");
  }

  @Test
  void shouldScaleAnImportLinearlyWithTheTablesGrowth() {
    // measured at 10,000 items, the table has doubled since
    List<RestoreObservation> history =
        List.of(run("t", RecoveryPath.SNAPSHOT_IMPORT, 10_000, Duration.ofMinutes(5), "e1"));

    DurationForecast f =
        forecaster.forecast("t", new TableSize(20_000, -1), RecoveryPath.SNAPSHOT_IMPORT, history);

    assertThat(f.p50()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldScaleAnAwsRestoreByTheSquareRootOfTheGrowth() {
    List<RestoreObservation> history =
        List.of(run("t", RecoveryPath.PITR_RESTORE, 1_000_000, Duration.ofMinutes(30), "e1"));

    DurationForecast f =
        forecaster.forecast("t", new TableSize(4_000_000, -1), RecoveryPath.PITR_RESTORE, history);

    assertThat(f.p50()).isEqualTo(Duration.ofMinutes(60));
  }

  @Test
  void shouldUseTablesOfSimilarSizeAtHalfWeightAndIgnoreTablesOfAnotherSize() {
    List<RestoreObservation> history =
        List.of(
            run(
                "events",
                RecoveryPath.SNAPSHOT_IMPORT,
                20_000,
                Duration.ofMinutes(8),
                "similar"), // 2× bigger: within 4×
            run(
                "archive",
                RecoveryPath.SNAPSHOT_IMPORT,
                10_000_000,
                Duration.ofHours(5),
                "huge"), // 1000× bigger
            run("unknown", RecoveryPath.SNAPSHOT_IMPORT, -1, Duration.ofMinutes(1), "unsized"));

    DurationForecast f =
        forecaster.forecast(
            "entities", new TableSize(10_000, -1), RecoveryPath.SNAPSHOT_IMPORT, history);

    assertThat(f.evidenceEventIds()).containsExactly("similar");
    assertThat(f.p50()).isEqualTo(Duration.ofMinutes(4)); // 8 min scaled to half the items
  }

  @Test
  void shouldPreferBytesOverItemsWhenBothSidesKnowTheirSize() {
    RestoreObservation measured =
        new RestoreObservation(
            "t",
            RecoveryPath.SNAPSHOT_IMPORT,
            10_000,
            1_000_000,
            Duration.ofMinutes(5),
            T0,
            "e1",
            ObservationSource.DR_DRILL);

    // the same items, three times the bytes (items grew larger)
    DurationForecast f =
        forecaster.forecast(
            "t", new TableSize(10_000, 3_000_000), RecoveryPath.SNAPSHOT_IMPORT, List.of(measured));

    assertThat(f.p50()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void shouldDownWeightAnOutlierSoItCannotMoveTheForecastAlone() {
    List<RestoreObservation> history = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      history.add(
          run(
              "t",
              RecoveryPath.SNAPSHOT_IMPORT,
              10_000,
              Duration.ofMinutes(5 + (i % 2)),
              "normal-" + i));
    }
    history.add(run("t", RecoveryPath.SNAPSHOT_IMPORT, 10_000, Duration.ofMinutes(90), "stuck"));

    DurationForecast f =
        forecaster.forecast("t", new TableSize(10_000, -1), RecoveryPath.SNAPSHOT_IMPORT, history);

    // without down-weighting the P90 of six runs, one of them 90 min, would be pulled far past 6
    // min
    assertThat(f.p90()).isLessThan(Duration.ofMinutes(15));
    assertThat(f.p50()).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));
    // the outlier still counts as evidence: it was a run
    assertThat(f.evidenceEventIds()).contains("stuck").hasSize(6);
    assertThat(f.basis()).isEqualTo("history (6 runs)");
  }

  @Test
  void shouldKeepASlowRunThatIsNotAnOutlier() {
    List<RestoreObservation> history =
        List.of(
            run("t", RecoveryPath.SNAPSHOT_IMPORT, 10_000, Duration.ofMinutes(5), "a"),
            run("t", RecoveryPath.SNAPSHOT_IMPORT, 10_000, Duration.ofMinutes(6), "b"),
            run("t", RecoveryPath.SNAPSHOT_IMPORT, 10_000, Duration.ofMinutes(8), "c"));

    DurationForecast f =
        forecaster.forecast("t", new TableSize(10_000, -1), RecoveryPath.SNAPSHOT_IMPORT, history);

    assertThat(f.p50()).isEqualTo(Duration.ofMinutes(6));
    assertThat(f.p90()).isEqualTo(Duration.ofMinutes(8));
  }

  @Test
  void shouldForecastAStageFromItsMeasuredRunsOrItsFallback() {
    Forecaster.StageForecast measured =
        Forecaster.stage(
            "detection",
            List.of(
                new Forecaster.StageSample(Duration.ofSeconds(40), "i1"),
                new Forecaster.StageSample(Duration.ofSeconds(80), "i2")),
            Duration.ofMinutes(1));
    Forecaster.StageForecast fallback =
        Forecaster.stage("detection", List.of(), Duration.ofMinutes(1));

    assertThat(measured.p50()).isEqualTo(Duration.ofSeconds(60));
    assertThat(measured.p90()).isEqualTo(Duration.ofSeconds(80));
    assertThat(measured.evidenceEventIds()).containsExactly("i1", "i2");
    assertThat(fallback.p50()).isEqualTo(Duration.ofMinutes(1));
    assertThat(fallback.runs()).isZero();
  }

  @Test
  void shouldBorrowTheRunsOfTheSameMechanismWhenAPathHasNoneOfItsOwn() {
    List<RestoreObservation> history =
        List.of(
            run("t", RecoveryPath.SNAPSHOT_IMPORT, 10_000, Duration.ofMinutes(4), "e1"),
            run("t", RecoveryPath.SNAPSHOT_IMPORT, 10_000, Duration.ofMinutes(6), "e2"));

    DurationForecast crossRegion =
        forecaster.forecast(
            "t", new TableSize(10_000, -1), RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT, history);
    DurationForecast failover =
        forecaster.forecast("t", new TableSize(10_000, -1), RecoveryPath.REGION_FAILOVER, history);

    assertThat(crossRegion.path()).isEqualTo(RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT);
    assertThat(crossRegion.basis()).isEqualTo("history (2 runs, of snapshot import)");
    assertThat(crossRegion.p50()).isEqualTo(Duration.ofMinutes(5));
    assertThat(crossRegion.evidenceEventIds()).containsExactly("e1", "e2");
    assertThat(failover.basis()).isEqualTo(DurationForecast.NO_HISTORY);
  }
}
