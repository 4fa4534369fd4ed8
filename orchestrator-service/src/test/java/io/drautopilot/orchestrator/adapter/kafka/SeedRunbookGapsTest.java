package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.contracts.restore.FindRestorePointCommand;
import io.drautopilot.contracts.restore.RestorePointKind;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.IncidentSeverityUpgraded;
import io.drautopilot.orchestrator.engine.EngineSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the seed runbook asks of backup checks, severities, Scenario 1's failover and Scenario 3's gates. */
class SeedRunbookGapsTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final String TABLE = "candlefish-employee-setup-lean-prod-entities";

  static void detect(OrchestratorDriver o, String id, Scenario scenario, Severity severity) {
    o.detect(
        OrchestratorDriver.detection(
            id, "fp-" + id, scenario, severity, TABLE, T0.minus(Duration.ofMinutes(2)), T0));
  }

  static List<EscalationRaised> escalations(OrchestratorDriver o) {
    return o.timeline().stream()
        .filter(s -> s.type().equals("EscalationRaised"))
        .map(s -> (EscalationRaised) s.value())
        .toList();
  }

  static IncidentResolved resolved(OrchestratorDriver o) {
    return (IncidentResolved)
        o.timeline().stream()
            .filter(s -> s.type().equals("IncidentResolved"))
            .findFirst()
            .orElseThrow()
            .value();
  }

  @Test
  void shouldAskForAnAwsBackupRecoveryPointWhenVerifyingBackupsMonthly() {
    try (OrchestratorDriver o = new OrchestratorDriver(T0)) {
      detect(o, "inc-backup", Scenario.BACKUP_VERIFICATION, Severity.P4);

      FindRestorePointCommand find =
          (FindRestorePointCommand) o.command("find-latest-backup").value();
      assertThat(find.getKind()).isEqualTo(RestorePointKind.AWS_BACKUP);
    }
  }

  @Test
  void shouldRaiseToP2AndPageWhenTheBackupVerificationFails() {
    try (OrchestratorDriver o = new OrchestratorDriver(T0)) {
      detect(o, "inc-backup", Scenario.BACKUP_VERIFICATION, Severity.P4);
      o.fail("find-latest-backup", "NO_RESTORE_POINT", false);

      IncidentSeverityUpgraded upgraded =
          (IncidentSeverityUpgraded)
              o.timeline().stream()
                  .filter(s -> s.type().equals("IncidentSeverityUpgraded"))
                  .findFirst()
                  .orElseThrow()
                  .value();
      assertThat(upgraded.getToSeverity().toString()).isEqualTo("P2");
      EscalationRaised page = escalations(o).get(escalations(o).size() - 1);
      assertThat(page.getReason())
          .startsWith("recovery failed: step find-latest-backup failed: NO_RESTORE_POINT");
      assertThat(o.commands())
          .anyMatch(
              c ->
                  c.value() instanceof NotifyContactsCommand n
                      && n.getTemplateId().equals("escalation")
                      && n.getSeverity() == Severity.P2);
    }
  }

  @Test
  void shouldJudgeTheRtoAgainstTheConfiguredTargetOfTheIncidentsSeverity() {
    EngineSettings settings =
        EngineSettings.defaults()
            .withTargets(
                Map.of(
                    "P1", new EngineSettings.Target(Duration.ofMinutes(10), Duration.ofMinutes(15)),
                    "P2", new EngineSettings.Target(Duration.ofHours(2), Duration.ofMinutes(30)),
                    "P3", new EngineSettings.Target(Duration.ofHours(4), Duration.ofHours(2)),
                    "P4", new EngineSettings.Target(Duration.ofHours(24), Duration.ofHours(8))),
                Duration.ofMinutes(5));
    try (OrchestratorDriver o =
        new OrchestratorDriver(T0, OrchestratorDriver.routes(), Map.of(), settings)) {
      detect(o, "inc-p2", Scenario.PERFORMANCE_DEGRADATION, Severity.P2);
      o.succeed("notify-contacts");
      o.succeed("enable-auto-scaling");
      o.succeed("warm-cache");
      o.succeed("run-performance-check", Map.of("passed", "true"));

      assertThat(resolved(o).getRtoTargetSeconds()).isEqualTo(Duration.ofHours(2).toSeconds());
    }
  }

  @Test
  void shouldRepageAFailedRecoveryAtTheConfiguredInterval() {
    EngineSettings settings =
        EngineSettings.defaults().withTargets(EngineSettings.seedTargets(), Duration.ofMinutes(5));
    try (OrchestratorDriver o =
        new OrchestratorDriver(T0, OrchestratorDriver.routes(), Map.of(), settings)) {
      detect(o, "inc-fail", Scenario.BACKUP_VERIFICATION, Severity.P2);
      o.fail("find-latest-backup", "NO_RESTORE_POINT", false);
      int pages = escalations(o).size();

      o.advance(Duration.ofMinutes(5));

      assertThat(escalations(o)).hasSize(pages + 1);
      assertThat(escalations(o).get(pages).getReason())
          .startsWith("recovery failed and not acknowledged");
    }
  }

  @Test
  void shouldCountOnlyBusinessHoursWhenEscalatingAP4() {
    Instant fridayFour = Instant.parse("2024-01-12T16:00:00Z");
    try (OrchestratorDriver o =
        new OrchestratorDriver(
            fridayFour,
            OrchestratorDriver.routes(),
            Map.of(),
            EngineSettings.defaults(),
            "p4-runbooks",
            null)) {
      o.detect(
          OrchestratorDriver.detection(
              "inc-p4",
              "fp-p4",
              Scenario.PERFORMANCE_DEGRADATION,
              Severity.P4,
              TABLE,
              fridayFour,
              fridayFour));

      // 8 working hours after Friday 16:00 (9-17, Monday to Friday) is Monday 16:00, not Saturday
      // midnight
      o.advance(Duration.ofHours(9));
      o.advance(Duration.ofDays(2));
      assertThat(escalations(o)).extracting(EscalationRaised::getLevel).containsExactly(1);
      o.advance(Duration.ofHours(14));
      assertThat(escalations(o)).extracting(EscalationRaised::getLevel).containsExactly(1);
      o.advance(Duration.ofHours(1));
      assertThat(escalations(o)).extracting(EscalationRaised::getLevel).containsExactly(1, 2);
      assertThat(escalations(o).get(1).getMetadata().getOccurredAt())
          .isEqualTo(Instant.parse("2024-01-15T16:00:00Z"));
    }
  }

  @Test
  void shouldPageTheApproversWithALinkWhenTheContainmentGateOpens() {
    EngineSettings settings =
        EngineSettings.defaults().withIncidentLinkBase("https://dr.example.com/");
    try (OrchestratorDriver o =
        new OrchestratorDriver(T0, OrchestratorDriver.routes(), Map.of(), settings)) {
      detect(o, "inc-breach", Scenario.SECURITY_BREACH, Severity.P1);
      o.succeed("preserve-evidence");

      NotifyContactsCommand notice =
          (NotifyContactsCommand) o.command("notice-approval-isolate-data-access").value();
      assertThat(notice.getRecipientRole()).isEqualTo("security-officer");
      assertThat(notice.getFacts())
          .containsEntry("link", "https://dr.example.com/api/incidents/inc-breach")
          .containsEntry(
              "approveLink",
              "https://dr.example.com/api/incidents/inc-breach/steps/isolate-data-access/approve")
          .containsEntry("requiredApprovers", "2");
      // the principal's gate opens with the incident: its approvers are paged at once too
      assertThat(
              ((NotifyContactsCommand) o.command("notice-approval-contain-principal").value())
                  .getRecipientRole())
          .isEqualTo("security-officer");
    }
  }

  @Test
  void shouldPageAndNotFailOverWhenTheDrRegionIsNotReady() {
    try (OrchestratorDriver o = new OrchestratorDriver(T0)) {
      detect(o, "inc-region", Scenario.REGIONAL_FAILURE, Severity.P1);
      assertThat(o.commandSteps())
          .contains("check-dr-region-ready#1")
          .doesNotContain("fail-over-dns#1");

      o.succeed("check-dr-region-ready", Map.of("healthy", "false"));
      o.advance(Duration.ofSeconds(10));
      o.succeed("check-dr-region-ready", Map.of("healthy", "false"));
      o.advance(Duration.ofSeconds(20));
      o.succeed("check-dr-region-ready", Map.of("healthy", "false"));

      assertThat(o.commandSteps()).doesNotContain("fail-over-dns#1");
      assertThat(escalations(o))
          .anyMatch(
              e -> e.getReason().startsWith("step check-dr-region-ready failed: NEGATIVE_VERDICT"));
    }
  }

  @Test
  void shouldFailOverOnceTheDrRegionAnswersHealthy() {
    try (OrchestratorDriver o = new OrchestratorDriver(T0)) {
      detect(o, "inc-region", Scenario.REGIONAL_FAILURE, Severity.P1);
      o.succeed("check-dr-region-ready", Map.of("healthy", "true"));
      o.succeed("check-dr-functions-ready");

      assertThat(o.commandSteps()).contains("fail-over-dns#1");
    }
  }
}
