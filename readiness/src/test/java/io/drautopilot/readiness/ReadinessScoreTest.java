package io.drautopilot.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.readiness.Finding.Status;
import io.drautopilot.readiness.Forecaster.StageForecast;
import io.drautopilot.readiness.ReadinessAssessor.Assessment;
import io.drautopilot.readiness.ReadinessAssessor.TableAssessment;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadinessScoreTest {

  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  static final StageForecast MINUTE =
      new StageForecast(
          "stage", Duration.ofMinutes(1), Duration.ofMinutes(1), 1, List.of("i-stage"));
  static final RunbookStages STAGES = new RunbookStages(MINUTE, MINUTE, MINUTE);
  static final List<ApprovalGate> GATES = List.of(new ApprovalGate("security-officer", 2));

  final ReadinessAssessor assessor =
      new ReadinessAssessor(
          new Forecaster(), RecoveryTargets.SEED, ReadinessScore.Settings.DEFAULTS);

  static MaintenanceRun run(String id, Duration ago, boolean recovered) {
    return new MaintenanceRun(
        id,
        NOW.minus(ago),
        recovered,
        Optional.of(Duration.ofMinutes(12)),
        List.of(id + "-opened", id + "-resolved"));
  }

  /** Everything in order: PITR on and current, a fresh snapshot imported in 5 minutes, recent maintenance. */
  static TableEvidence ready(String table) {
    Map<RecoveryPath, RestorePoint> points = new EnumMap<>(RecoveryPath.class);
    points.put(
        RecoveryPath.PITR_RESTORE,
        new RestorePoint(
            RecoveryPath.PITR_RESTORE,
            NOW.minusSeconds(300),
            "DescribeContinuousBackups:" + table));
    points.put(
        RecoveryPath.SNAPSHOT_IMPORT,
        new RestorePoint(RecoveryPath.SNAPSHOT_IMPORT, NOW.minusSeconds(120), "snapshot-event"));
    return new TableEvidence(
        table,
        new TableSize(10_000, -1),
        Optional.of(
            new PitrStatus(
                true, Optional.of(NOW.minusSeconds(300)), "DescribeContinuousBackups:" + table)),
        points,
        Map.of(),
        Optional.of(run("verify-1", Duration.ofDays(10), true)),
        Optional.of(run("drill-1", Duration.ofDays(40), true)));
  }

  static List<RestoreObservation> imports(String table) {
    return List.of(
        new RestoreObservation(
            table,
            RecoveryPath.SNAPSHOT_IMPORT,
            10_000,
            -1,
            Duration.ofMinutes(4),
            NOW.minus(Duration.ofDays(10)),
            "import-1",
            ObservationSource.BACKUP_VERIFICATION),
        new RestoreObservation(
            table,
            RecoveryPath.SNAPSHOT_IMPORT,
            10_000,
            -1,
            Duration.ofMinutes(5),
            NOW.minus(Duration.ofDays(40)),
            "import-2",
            ObservationSource.DR_DRILL));
  }

  static Finding finding(TableAssessment t, ReadinessCheck check) {
    return t.score().findings().stream().filter(f -> f.check() == check).findFirst().orElseThrow();
  }

  @Test
  void shouldScoreAFullyEvidencedTableAt100WithEveryPointLinkedToItsEvidence() {
    List<Finding> gates =
        ReadinessScore.gates(GATES, Map.of("security-officer", List.of("alice", "bob")));

    Assessment a =
        assessor.assess(List.of(ready("entities")), imports("entities"), STAGES, gates, NOW);

    TableAssessment t = a.tables().get(0);
    assertThat(t.score().score()).isEqualTo(100);
    assertThat(a.score()).isEqualTo(100);
    assertThat(a.meetsTargets()).isTrue();
    assertThat(t.choice().path()).contains(RecoveryPath.SNAPSHOT_IMPORT);
    assertThat(t.score().findings()).allSatisfy(f -> assertThat(f.evidence()).isNotEmpty());
    assertThat(finding(t, ReadinessCheck.FORECAST_RTO).evidence())
        .containsExactly("import-2", "import-1");
    assertThat(finding(t, ReadinessCheck.BACKUP_VERIFICATION).evidence())
        .containsExactly("verify-1-opened", "verify-1-resolved");
    assertThat(finding(t, ReadinessCheck.FORECAST_RPO).evidence())
        .containsExactly("snapshot-event");
  }

  @Test
  void shouldFindAnOverdueMonthlyVerificationAndQuarterlyDrill() {
    TableEvidence stale =
        new TableEvidence(
            "entities",
            new TableSize(10_000, -1),
            ready("entities").pitr(),
            ready("entities").restorePoints(),
            Map.of(),
            Optional.of(run("verify-1", Duration.ofDays(32), true)),
            Optional.of(run("drill-1", Duration.ofDays(93), true)));

    TableAssessment t =
        assessor
            .assess(List.of(stale), imports("entities"), STAGES, List.of(), NOW)
            .tables()
            .get(0);

    assertThat(finding(t, ReadinessCheck.BACKUP_VERIFICATION).status()).isEqualTo(Status.FAILED);
    assertThat(finding(t, ReadinessCheck.BACKUP_VERIFICATION).detail())
        .contains("32 d ago")
        .contains("overdue (every 31 days)");
    assertThat(finding(t, ReadinessCheck.DR_DRILL).status()).isEqualTo(Status.FAILED);
    assertThat(finding(t, ReadinessCheck.DR_DRILL).detail()).contains("overdue (every 92 days)");
    assertThat(t.score().score()).isEqualTo(Math.round(100f * (100 - 10 - 15 - 15) / 90));
  }

  @Test
  void shouldCountAFailedDrillAsAFindingEvenWhenRecent() {
    TableEvidence failed =
        new TableEvidence(
            "entities",
            new TableSize(10_000, -1),
            ready("entities").pitr(),
            ready("entities").restorePoints(),
            Map.of(),
            ready("entities").lastVerification(),
            Optional.of(run("drill-2", Duration.ofDays(1), false)));

    TableAssessment t =
        assessor
            .assess(List.of(failed), imports("entities"), STAGES, List.of(), NOW)
            .tables()
            .get(0);

    assertThat(finding(t, ReadinessCheck.DR_DRILL).status()).isEqualTo(Status.FAILED);
    assertThat(finding(t, ReadinessCheck.DR_DRILL).detail())
        .startsWith("last quarterly drill drill-2 failed");
  }

  @Test
  void shouldEarnNothingWithoutEvidence() {
    TableEvidence unknown =
        new TableEvidence(
            "events",
            TableSize.UNKNOWN,
            Optional.empty(),
            Map.of(),
            Map.of(RecoveryPath.PITR_RESTORE, "continuous backups could not be read"),
            Optional.empty(),
            Optional.empty());

    TableAssessment t =
        assessor.assess(List.of(unknown), List.of(), STAGES, List.of(), NOW).tables().get(0);

    assertThat(t.score().score()).isZero();
    assertThat(t.choice().path()).isEmpty();
    assertThat(finding(t, ReadinessCheck.PITR_ENABLED).status()).isEqualTo(Status.NO_EVIDENCE);
    // one unanswered call, two checks: each says what it lacks, so a list of details has no twins
    assertThat(finding(t, ReadinessCheck.PITR_ENABLED).detail())
        .isEqualTo(
            "whether point-in-time recovery is enabled: continuous backups could not be read");
    assertThat(finding(t, ReadinessCheck.PITR_RESTORE_LAG).detail())
        .isEqualTo(
            "the restore lag: no latest restorable time, continuous backups could not be read");
    assertThat(finding(t, ReadinessCheck.SNAPSHOT_FRESHNESS).detail())
        .isEqualTo("no logical snapshot on the log");
    assertThat(t.paths().get(0).reasons())
        .contains("no restore point: continuous backups could not be read");
  }

  @Test
  void shouldFindDisabledPitrAndAStaleSnapshot() {
    Map<RecoveryPath, RestorePoint> points =
        Map.of(
            RecoveryPath.SNAPSHOT_IMPORT,
            new RestorePoint(
                RecoveryPath.SNAPSHOT_IMPORT, NOW.minus(Duration.ofHours(30)), "old-snapshot"));
    TableEvidence table =
        new TableEvidence(
            "events",
            new TableSize(10_000, -1),
            Optional.of(
                new PitrStatus(false, Optional.empty(), "DescribeContinuousBackups:events")),
            points,
            Map.of(RecoveryPath.PITR_RESTORE, "point-in-time recovery is disabled"),
            Optional.empty(),
            Optional.empty());

    TableAssessment t =
        assessor.assess(List.of(table), imports("events"), STAGES, List.of(), NOW).tables().get(0);

    assertThat(finding(t, ReadinessCheck.PITR_ENABLED).status()).isEqualTo(Status.FAILED);
    assertThat(finding(t, ReadinessCheck.PITR_ENABLED).evidence())
        .containsExactly("DescribeContinuousBackups:events");
    assertThat(finding(t, ReadinessCheck.SNAPSHOT_FRESHNESS).detail())
        .isEqualTo("newest logical snapshot is 30 h old, older than 24 h");
    assertThat(t.choice().withinRpo()).isFalse();
    assertThat(finding(t, ReadinessCheck.FORECAST_RPO).status()).isEqualTo(Status.FAILED);
  }

  @Test
  void shouldFindAGateWithTooFewApprovers() {
    List<Finding> gates =
        ReadinessScore.gates(
            List.of(new ApprovalGate("security-officer", 2), new ApprovalGate("dba", 1)),
            Map.of("security-officer", List.of("alice", "alice"), "dba", List.of("john")));

    assertThat(gates)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.FAILED);
              assertThat(f.table()).isNull();
              assertThat(f.detail())
                  .isEqualTo("not enough approvers: security-officer needs 2, has 1");
              assertThat(f.evidence())
                  .containsExactly(
                      "configuration:dr.readiness.approvers.security-officer",
                      "configuration:dr.readiness.approvers.dba");
            });
  }

  static final List<RunbookReview> RUNBOOKS =
      List.of(
          new RunbookReview(
              "table-corruption",
              "runbooks/table-corruption.yml",
              "Database Operations Team",
              java.time.LocalDate.parse("2026-12-03"),
              java.time.LocalDate.parse("2027-03-03")),
          new RunbookReview(
              "dr-drill",
              "runbooks/dr-drill.yml",
              "Database Operations Team",
              java.time.LocalDate.parse("2026-09-01"),
              java.time.LocalDate.parse("2026-12-01")));

  @Test
  void shouldFindAnOverdueRunbookReviewLinkedToTheRunbook() {
    List<Finding> reviews =
        ReadinessScore.runbookReviews(RUNBOOKS, java.time.LocalDate.parse("2026-12-03"));

    assertThat(reviews)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.check()).isEqualTo(ReadinessCheck.RUNBOOK_REVIEW);
              assertThat(f.status()).isEqualTo(Status.FAILED);
              assertThat(f.points()).isZero();
              assertThat(f.table()).isNull();
              assertThat(f.detail())
                  .isEqualTo(
                      "runbook dr-drill (runbooks/dr-drill.yml) review overdue: next review was 2026-12-01"
                          + " (last 2026-09-01), owner Database Operations Team");
              assertThat(f.evidence()).containsExactly("runbook:dr-drill");
            });
  }

  @Test
  void shouldPassTheRunbookReviewOnTheDayOfTheNextReview() {
    List<Finding> reviews =
        ReadinessScore.runbookReviews(
            RUNBOOKS.subList(0, 1), java.time.LocalDate.parse("2027-03-03"));

    assertThat(reviews)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.status()).isEqualTo(Status.PASSED);
              assertThat(f.points()).isEqualTo(ReadinessCheck.RUNBOOK_REVIEW.points());
              assertThat(f.evidence()).containsExactly("runbook:table-corruption");
            });
  }

  @Test
  void shouldHaveNoEvidenceOfReviewsWithoutRunbooks() {
    assertThat(ReadinessScore.runbookReviews(List.of(), java.time.LocalDate.parse("2026-12-03")))
        .singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Status.NO_EVIDENCE));
  }

  @Test
  void shouldScoreTheServiceByItsLeastReadyTable() {
    TableEvidence unknown =
        new TableEvidence(
            "events",
            TableSize.UNKNOWN,
            Optional.empty(),
            Map.of(),
            Map.of(),
            Optional.empty(),
            Optional.empty());

    Assessment a =
        assessor.assess(
            List.of(ready("entities"), unknown), imports("entities"), STAGES, List.of(), NOW);

    assertThat(a.tables().get(0).score().score()).isEqualTo(100);
    assertThat(a.score()).isZero();
    assertThat(a.meetsTargets()).isFalse();
  }
}
