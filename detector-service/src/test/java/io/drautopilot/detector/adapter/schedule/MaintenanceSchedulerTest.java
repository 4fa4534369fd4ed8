package io.drautopilot.detector.adapter.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.detector.config.DetectorProperties;
import io.drautopilot.detector.config.DetectorSettings;
import io.drautopilot.detector.domain.Incident;
import io.drautopilot.detector.domain.MaintenanceProcedure;
import io.drautopilot.detector.domain.MaintenanceRuns;
import io.drautopilot.detector.domain.MaintenanceTarget;
import io.drautopilot.detector.domain.MutableClock;
import io.drautopilot.detector.domain.RecordingPublisher;
import io.drautopilot.detector.domain.RunbookScenario;
import io.drautopilot.detector.domain.RunbookSeverity;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shipped schedules against a clock moved by hand: which runs start when, and what they look like. */
class MaintenanceSchedulerTest {

  static final DetectorProperties.Maintenance DEFAULTS = DetectorSettings.bind().maintenance();
  static final MaintenanceTarget TARGET = new MaintenanceTarget("us-east-1", "entities");

  final RecordingPublisher publisher = new RecordingPublisher();
  final MaintenanceRuns runs =
      new MaintenanceRuns(
          Map.of(
              MaintenanceProcedure.BACKUP_VERIFICATION,
              TARGET,
              MaintenanceProcedure.DR_DRILL,
              TARGET),
          publisher,
          () -> UUID.randomUUID().toString());

  MaintenanceScheduler scheduler(MutableClock clock) {
    return new MaintenanceScheduler(
        List.of(
            MaintenanceScheduler.Schedule.parse(
                MaintenanceProcedure.BACKUP_VERIFICATION, DEFAULTS.backupVerification().cron()),
            MaintenanceScheduler.Schedule.parse(
                MaintenanceProcedure.DR_DRILL, DEFAULTS.drDrill().cron())),
        runs,
        clock,
        ZoneId.of(DEFAULTS.zone()),
        DEFAULTS.checkInterval());
  }

  static Duration until(MutableClock clock, String instant) {
    return Duration.between(clock.instant(), Instant.parse(instant));
  }

  @Test
  void shouldStartTheMonthlyBackupVerificationAtThreeUtcOnTheFirstAsOneScheduledDetection() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-31T23:59:30Z"));
    MaintenanceScheduler scheduler = scheduler(clock);

    clock.advance(until(clock, "2026-02-01T02:59:59Z"));
    assertThat(scheduler.runDue()).isEmpty();
    clock.advance(Duration.ofSeconds(31));
    List<Incident> started = scheduler.runDue();
    clock.advance(Duration.ofSeconds(30));
    List<Incident> afterwards = scheduler.runDue();

    assertThat(started)
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.scenario()).isEqualTo(RunbookScenario.BACKUP_VERIFICATION);
              assertThat(i.severity()).isEqualTo(RunbookSeverity.P4);
              assertThat(i.impactStartedAt()).isEqualTo(Instant.parse("2026-02-01T03:00:00Z"));
              assertThat(i.detectedAt()).isEqualTo(Instant.parse("2026-02-01T03:00:00Z"));
              assertThat(i.fingerprint())
                  .isEqualTo("BACKUP_VERIFICATION|us-east-1|entities|2026-02-01T03:00:00Z");
              assertThat(i.symptoms().get(0).signal()).isEqualTo(MaintenanceRuns.SCHEDULED_SIGNAL);
              assertThat(i.symptoms().get(0).detail()).contains("0 0 3 1 * * UTC");
            });
    assertThat(afterwards).isEmpty();
    assertThat(publisher.incidents()).isEqualTo(started);
  }

  @Test
  void shouldStartTheDrillOnTheFirstOfEachQuarterAndTheVerificationEveryMonthOverAYear() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T05:00:00Z"));
    MaintenanceScheduler scheduler = scheduler(clock);

    for (int hour = 0; hour < 366 * 24; hour++) {
      clock.advance(Duration.ofHours(1));
      scheduler.runDue();
    }

    assertThat(runTimes(RunbookScenario.DR_DRILL))
        .containsExactly(
            "2026-04-01T04:00:00Z",
            "2026-07-01T04:00:00Z",
            "2026-10-01T04:00:00Z",
            "2027-01-01T04:00:00Z");
    assertThat(runTimes(RunbookScenario.BACKUP_VERIFICATION))
        .hasSize(12)
        .startsWith("2026-02-01T03:00:00Z", "2026-03-01T03:00:00Z")
        .endsWith("2027-01-01T03:00:00Z");
  }

  @Test
  void shouldStartARunWhosePublicationFailedAtTheNextCheckWithItsScheduledTime() {
    MutableClock clock = new MutableClock(Instant.parse("2026-06-30T23:00:00Z"));
    MaintenanceScheduler scheduler = scheduler(clock);
    clock.advance(until(clock, "2026-07-01T04:00:10Z"));
    publisher.failNext(2);

    List<Incident> failed = scheduler.runDue();
    clock.advance(Duration.ofSeconds(30));
    List<Incident> retried = scheduler.runDue();

    assertThat(failed).isEmpty();
    assertThat(retried)
        .extracting(Incident::scenario, Incident::impactStartedAt)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                RunbookScenario.BACKUP_VERIFICATION, Instant.parse("2026-07-01T03:00:00Z")),
            org.assertj.core.groups.Tuple.tuple(
                RunbookScenario.DR_DRILL, Instant.parse("2026-07-01T04:00:00Z")));
    assertThat(publisher.incidents()).hasSize(2);
  }

  @Test
  void shouldStartOnlyTheLatestRunWhenSeveralFellDueBetweenTwoChecks() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-15T00:00:00Z"));
    MaintenanceScheduler scheduler = scheduler(clock);
    clock.advance(until(clock, "2026-05-15T00:00:00Z"));

    List<Incident> started = scheduler.runDue();

    assertThat(started)
        .extracting(Incident::scenario, Incident::impactStartedAt)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                RunbookScenario.BACKUP_VERIFICATION, Instant.parse("2026-05-01T03:00:00Z")),
            org.assertj.core.groups.Tuple.tuple(
                RunbookScenario.DR_DRILL, Instant.parse("2026-04-01T04:00:00Z")));
  }

  @Test
  void shouldTellTheNextRunOfEachProcedure() {
    MaintenanceScheduler scheduler =
        scheduler(new MutableClock(Instant.parse("2026-01-15T00:00:00Z")));

    assertThat(scheduler.nextRun(MaintenanceProcedure.BACKUP_VERIFICATION))
        .contains(Instant.parse("2026-02-01T03:00:00Z"));
    assertThat(scheduler.nextRun(MaintenanceProcedure.DR_DRILL))
        .contains(Instant.parse("2026-04-01T04:00:00Z"));
  }

  @Test
  void shouldRefuseAnInvalidCronExpressionNamingTheProcedure() {
    assertThatThrownBy(
            () ->
                MaintenanceScheduler.Schedule.parse(
                    MaintenanceProcedure.DR_DRILL, "0 0 4 1 1,4,7,10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid cron expression")
        .hasMessageContaining("dr-drill");
  }

  private List<String> runTimes(RunbookScenario scenario) {
    return publisher.incidents().stream()
        .filter(i -> i.scenario() == scenario)
        .map(i -> i.impactStartedAt().toString())
        .toList();
  }
}
