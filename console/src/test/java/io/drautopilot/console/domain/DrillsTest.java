package io.drautopilot.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrillsTest {

  private static final Duration TARGET = Duration.ofSeconds(900);
  private static final Instant T0 = Instant.parse("2026-10-01T02:00:00Z");

  private static Incident incident(
      String id, String scenario, Instant at, Long rto, List<Incident.Step> steps) {
    return new Incident(
        id,
        scenario,
        "P4",
        "us-east-1",
        List.of("t"),
        at,
        at,
        at,
        Duration.ofMinutes(15),
        Duration.ofMinutes(5),
        null,
        null,
        0,
        null,
        null,
        null,
        rto == null ? null : "RECOVERED",
        null,
        rto,
        null,
        null,
        null,
        null,
        steps,
        List.of());
  }

  private static Incident.Step step(
      String id, String action, Long millis, Map<String, String> outputs) {
    return new Incident.Step(
        id, action, StepStatus.SUCCEEDED, 1, T0, T0, millis, null, null, null, outputs);
  }

  @Test
  void shouldJudgeBackupVerificationsByTheValidatedRestoreTimeAndDrillsByTheirRecoveryTime() {
    // given a verification whose validation timed the restore, one timed only by its restore step,
    // a drill over target
    Incident timed =
        incident(
            "bv-1",
            Drills.BACKUP_VERIFICATION,
            T0,
            null,
            List.of(
                step(
                    "restore-scratch-from-backup", "restore.restoreFromBackup", 999_000L, Map.of()),
                step(
                    "verify-backup-restore",
                    "validation.verifyBackupRestore",
                    5_000L,
                    Map.of("restoreDurationMillis", "620000"))));
    Incident byStep =
        incident(
            "bv-2",
            Drills.BACKUP_VERIFICATION,
            T0.plusSeconds(86_400),
            null,
            List.of(
                step(
                    "import-scratch-snapshot", "restore.importTableSnapshot", 300_000L, Map.of())));
    Incident drill =
        incident("drill-1", Drills.DR_DRILL, T0.minusSeconds(86_400), 1_100L, List.of());
    Incident other = incident("inc", "TABLE_CORRUPTION", T0, 100L, List.of());

    // when
    List<Drills.Check> checks = Drills.of(List.of(timed, other, byStep, drill), TARGET);

    // then
    assertThat(checks)
        .extracting(Drills.Check::incidentId)
        .containsExactly("drill-1", "bv-1", "bv-2");
    assertThat(checks).extracting(c -> c.restore().toSeconds()).containsExactly(1_100L, 620L, 300L);
    assertThat(checks)
        .extracting(Drills.Check::verdict)
        .containsExactly("over target", "within target", "within target");
  }
}
