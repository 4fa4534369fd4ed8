package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.EscalationCause;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.notify.GenerateIncidentReportCommand;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Sent;
import io.drautopilot.orchestrator.engine.IncidentState.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failures are loud and severity means something: a failed recovery pages with its reason until
 * someone takes it, every closed incident gets its report, approvers, stakeholders and step failures
 * are told, and each severity is held to its own targets.
 */
class LoudFailuresTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final String TABLE = "candlefish-employee-setup-lean-prod-entities";
  static final Map<String, String> SNAPSHOT =
      Map.of(
          "kind",
          "LOGICAL_SNAPSHOT",
          "restorePointTime",
          "2024-01-15T10:38:00Z",
          "snapshotLocation",
          "file:snapshots/entities");

  final OrchestratorDriver orchestrator = new OrchestratorDriver(T0);

  @AfterEach
  void close() {
    orchestrator.close();
  }

  void detect(String incidentId, Scenario scenario, Severity severity) {
    orchestrator.detect(
        OrchestratorDriver.detection(
            incidentId,
            "fp-" + incidentId,
            scenario,
            severity,
            TABLE,
            T0.minus(Duration.ofMinutes(2)),
            T0));
  }

  List<EscalationRaised> escalations() {
    return orchestrator.timeline().stream()
        .filter(s -> s.type().equals("EscalationRaised"))
        .map(s -> (EscalationRaised) s.value())
        .toList();
  }

  List<NotifyContactsCommand> notices(String templateId) {
    return orchestrator.commands().stream()
        .filter(
            c ->
                c.value() instanceof NotifyContactsCommand n
                    && n.getTemplateId().equals(templateId))
        .map(c -> (NotifyContactsCommand) c.value())
        .toList();
  }

  List<GenerateIncidentReportCommand> reports() {
    return orchestrator.commands().stream()
        .filter(c -> c.value() instanceof GenerateIncidentReportCommand)
        .map(c -> (GenerateIncidentReportCommand) c.value())
        .toList();
  }

  @Test
  void shouldPageWithTheReasonUntilAcknowledgedAndReportWhenTheRecoveryFails() {
    detect("inc-1", Scenario.TABLE_CORRUPTION, Severity.P1);
    orchestrator.succeed("notify-contacts");
    orchestrator.succeed("open-circuit-breaker");
    orchestrator.succeed("find-restore-point", SNAPSHOT);
    orchestrator.succeed("import-snapshot");
    orchestrator.succeed("validate-recovery", Map.of("passed", "false", "scannedItems", "0"));
    orchestrator.succeed("close-circuit-breaker-after-failure");

    EscalationRaised page = escalations().get(escalations().size() - 1);
    assertThat(page.getReason())
        .startsWith("recovery failed: step validate-recovery failed: NEGATIVE_VERDICT")
        .contains("scannedItems=0");
    assertThat(orchestrator.incident("inc-1").phase).isEqualTo(Phase.FAILED);
    assertThat(reports()).hasSize(1);
    int pages = escalations().size();

    orchestrator.advance(Duration.ofMinutes(15));
    assertThat(escalations()).hasSize(pages + 1);
    assertThat(escalations().get(pages).getReason())
        .startsWith("recovery failed and not acknowledged");

    orchestrator.acknowledge("inc-1", "dba@example.org");
    orchestrator.advance(Duration.ofMinutes(60));
    assertThat(escalations()).hasSize(pages + 1);
    assertThat(orchestrator.incident("inc-1").isOpen()).isFalse();
    assertThat(orchestrator.timelineTypes()).endsWith("IncidentAcknowledged", "IncidentClosed");
    assertThat(reports()).hasSize(1);
  }

  @Test
  void shouldGenerateTheReportWhenACancelledIncidentCloses() {
    detect("inc-2", Scenario.TABLE_CORRUPTION, Severity.P1);

    orchestrator.cancel("inc-2", "dba@example.org");

    assertThat(orchestrator.incident("inc-2").isOpen()).isFalse();
    assertThat(reports()).hasSize(1);
  }

  @Test
  void shouldPageTheApproversWhenAStepWaitsForApproval() {
    detect("inc-3", Scenario.SECURITY_BREACH, Severity.P1);
    Set<String> answered = new HashSet<>();
    for (int round = 0; round < 20 && notices("approval-requested").isEmpty(); round++) {
      for (Sent c : List.copyOf(orchestrator.commands())) {
        if (answered.add(c.metadata().getIdempotencyKey())) {
          orchestrator.succeed(c.metadata().getStepId(), AllRunbooksHappyPathTest.outputsFor(c));
        }
      }
    }

    NotifyContactsCommand notice = notices("approval-requested").get(0);
    assertThat(notice.getFacts()).containsKeys("action", "requiredRole", "deadline", "stepId");
    assertThat(orchestrator.timelineTypes()).contains("ApprovalRequested");
  }

  @Test
  void shouldTellStakeholdersOnResolutionWithTheSeveritysRtoTarget() {
    detect("inc-4", Scenario.TABLE_CORRUPTION, Severity.P2);
    orchestrator.acknowledge("inc-4", "oncall@example.org");

    AllRunbooksHappyPathTest.answerEverythingUntilClosed(orchestrator, "inc-4");

    NotifyContactsCommand resolved = notices("incident-resolved").get(0);
    assertThat(resolved.getFacts())
        .containsEntry("outcome", "RECOVERED")
        .containsEntry("rtoTargetSeconds", "3600")
        .containsKey("measuredRtoSeconds")
        .containsEntry("rtoTargetMet", "true");
    assertThat(reports()).hasSize(1);
  }

  @Test
  void shouldNotifyWhenAStepFails() {
    detect("inc-5", Scenario.TABLE_CORRUPTION, Severity.P1);

    orchestrator.fail("notify-contacts", "AllChannelsDown", false);

    NotifyContactsCommand notice = notices("step-failed").get(0);
    assertThat(notice.getFacts())
        .containsEntry("stepId", "notify-contacts")
        .containsEntry("onFailure", "continue")
        .hasEntrySatisfying("failure", f -> assertThat(f).contains("AllChannelsDown"));
  }

  @Test
  void shouldPageABackupFailureLikeAnyP2() {
    detect("inc-6", Scenario.BACKUP_VERIFICATION, Severity.P2);
    assertThat(escalations()).extracting(EscalationRaised::getLevel).containsExactly(1);
    orchestrator.succeed("find-latest-backup", SNAPSHOT);
    orchestrator.succeed("import-scratch-snapshot");

    orchestrator.succeed("verify-backup-restore", Map.of("passed", "false"));

    assertThat(escalations().get(escalations().size() - 1).getReason())
        .startsWith("recovery failed: step verify-backup-restore");
    assertThat(reports()).hasSize(1);
  }

  @Test
  void shouldNotPageAScheduledBackupVerificationOnTheMatrix() {
    detect("inc-7", Scenario.BACKUP_VERIFICATION, Severity.P4);
    orchestrator.advance(Duration.ofHours(2));

    assertThat(escalations()).isEmpty();
  }

  @Test
  void shouldEscalateAP2OnItsOwnResponseWindowNotAP1s() {
    detect("inc-8", Scenario.TABLE_CORRUPTION, Severity.P2);

    orchestrator.advance(Duration.ofMinutes(15));
    assertThat(escalations()).extracting(EscalationRaised::getLevel).containsExactly(1);
    orchestrator.advance(Duration.ofMinutes(15));
    assertThat(escalations()).extracting(EscalationRaised::getLevel).containsExactly(1, 2);
    assertThat(escalations().get(1).getReason()).contains("30 min", "P2");
  }

  @Test
  void shouldRaiseRtoAtRiskWhenTheRemainingStepsCannotFinishWithinTheTarget() {
    detect("inc-9", Scenario.TABLE_CORRUPTION, Severity.P1);
    orchestrator.acknowledge("inc-9", "oncall@example.org");
    orchestrator.succeed("notify-contacts");
    orchestrator.succeed("open-circuit-breaker");
    assertThat(escalations())
        .extracting(EscalationRaised::getCause)
        .doesNotContain(EscalationCause.RTO_AT_RISK);

    // a point-in-time restore is expected to take 20 minutes: 2 min since impact + 27 min left > 15
    // min
    orchestrator.succeed(
        "find-restore-point", Map.of("kind", "PITR", "restorePointTime", "2024-01-15T10:38:00Z"));

    List<EscalationRaised> atRisk =
        escalations().stream().filter(e -> e.getCause() == EscalationCause.RTO_AT_RISK).toList();
    assertThat(atRisk).hasSize(1);
    assertThat(atRisk.get(0).getReason()).contains("P1 target of 15 min");
  }
}
