package io.drautopilot.readiness.service.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.readiness.DurationForecast;
import io.drautopilot.readiness.Forecaster;
import io.drautopilot.readiness.PathAssessment;
import io.drautopilot.readiness.ReadinessAssessor;
import io.drautopilot.readiness.ReadinessScore;
import io.drautopilot.readiness.RecoveryPath;
import io.drautopilot.readiness.RecoveryTargets;
import io.drautopilot.readiness.TableSize;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * DescribeTable's 0 items and 0 bytes (a table younger than AWS's six-hourly refresh; dynalite always) are an unknown
 * size: the import forecast is scaled to the items of the table's newest snapshot, not down to nothing.
 */
class UnknownTableSizeTest {

  static final Instant NOW = Instant.parse("2026-12-03T09:00:00Z");
  static final String TABLE = "sandbox-entities";

  final RecoveryLog log = new RecoveryLog();

  ReadinessService serviceWith(TableSize described) {
    return serviceWith(
        log,
        new TableFacts(
            described, Optional.empty(), List.of(), NOW, Optional.empty(), Optional.empty()));
  }

  /** The service over one protected table whose facts DynamoDB gives as {@code facts}. */
  static ReadinessService serviceWith(RecoveryLog log, TableFacts facts) {
    ReadinessAssessor assessor =
        new ReadinessAssessor(
            new Forecaster(), RecoveryTargets.SEED, ReadinessScore.Settings.DEFAULTS);
    Settings settings =
        new Settings(
            "us-east-1",
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            Duration.ofSeconds(390),
            Duration.ofSeconds(1),
            80,
            List.of(),
            Map.of());
    return new ReadinessService(
        log,
        new ProtectedTables(List.of(new ProtectedTables.Entry("entities", TABLE))),
        (table, region) -> facts,
        assessor,
        settings,
        List.of(),
        List::of,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  void givenImport(String eventId, long items, Duration took, Instant at) {
    log.record(
        new RecoveryLog.RestoreFinished(
            "drill-" + eventId,
            eventId,
            "cmd-" + eventId,
            RecoveryLog.RestoreKind.SNAPSHOT_IMPORT,
            TABLE + "-recovery",
            items,
            took,
            at));
  }

  DurationForecast importForecast(ReadinessService readiness) {
    return readiness.assess(Trigger.of(Trigger.Kind.REQUEST)).tables().get(0).paths().stream()
        .filter(p -> p.path() == RecoveryPath.SNAPSHOT_IMPORT)
        .map(PathAssessment::restore)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldScaleTheImportsToTheNewestSnapshotsItemsWhenDescribeTableSaysZero() {
    givenImport("small", 20_000, Duration.ofSeconds(4), NOW.minusSeconds(3600));
    givenImport("large", 50_000, Duration.ofSeconds(10), NOW.minusSeconds(1800));
    log.record(
        new RecoveryLog.SnapshotTaken(TABLE, NOW.minusSeconds(7200), "old-snapshot", 10_000));
    log.record(new RecoveryLog.SnapshotTaken(TABLE, NOW.minusSeconds(60), "snapshot", 100_000));

    DurationForecast f = importForecast(serviceWith(new TableSize(0, 0)));

    // 4 s at 20,000 items and 10 s at 50,000 are both 20 s at 100,000
    assertThat(f.p50()).isEqualTo(Duration.ofSeconds(20));
    assertThat(f.p90()).isEqualTo(Duration.ofSeconds(20));
    assertThat(f.basis())
        .isEqualTo(
            "history (2 runs); size unknown, taken as the 100000 items of the newest snapshot ("
                + NOW.minusSeconds(60)
                + ")");
  }

  @Test
  void shouldScaleToTheLatestImportWhenNoSnapshotCountedItsItems() {
    givenImport("small", 20_000, Duration.ofSeconds(4), NOW.minusSeconds(3600));
    givenImport("large", 50_000, Duration.ofSeconds(10), NOW.minusSeconds(1800));
    log.record(new RecoveryLog.SnapshotTaken(TABLE, NOW.minusSeconds(60), "snapshot"));

    DurationForecast f = importForecast(serviceWith(new TableSize(0, 0)));

    assertThat(f.p50()).isEqualTo(Duration.ofSeconds(10));
    assertThat(f.basis()).contains("taken as the 50000 items of the latest restore");
  }

  @Test
  void shouldKeepDescribeTablesSizeWhenItHasOne() {
    givenImport("small", 20_000, Duration.ofSeconds(4), NOW.minusSeconds(3600));
    log.record(new RecoveryLog.SnapshotTaken(TABLE, NOW.minusSeconds(60), "snapshot", 100_000));

    DurationForecast f = importForecast(serviceWith(new TableSize(40_000, -1)));

    assertThat(f.p50()).isEqualTo(Duration.ofSeconds(8));
    assertThat(f.basis()).isEqualTo("history (1 run)");
  }
}
