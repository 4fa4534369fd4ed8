package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Sent;
import io.drautopilot.orchestrator.engine.IncidentState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every runbook from detection to closure, with every handler answering success. */
class AllRunbooksHappyPathTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "REGIONAL_FAILURE, check-dr-functions-ready;fail-over-dns;import-snapshot;validate-recovery;cut-over;verify-service-health;compare-with-restore-point;generate-report",
    "TABLE_CORRUPTION, open-circuit-breaker;import-snapshot;validate-recovery;compare-with-restore-point;cut-over;close-circuit-breaker;verify-service-health;generate-report",
    "SECURITY_BREACH, preserve-evidence;contain-principal;deactivate-access-keys;enable-flow-logs;export-audit-events;rotate-database-secret;schedule-key-deletion;isolate-data-access;validate-data-integrity;restore-data-access;verify-service-health;generate-report",
    "PERFORMANCE_DEGRADATION, notify-contacts;enable-auto-scaling;warm-cache;run-performance-check;verify-service-health;generate-report",
    "BACKUP_VERIFICATION, find-latest-backup;import-scratch-snapshot;verify-backup-restore;generate-report",
    "DR_DRILL, find-restore-point;import-snapshot;validate-restored-table;fail-over-drill-dns;cut-over-drill-function;verify-service-health;generate-report"
  })
  void shouldRunTheRunbookToResolutionWhenEveryStepSucceeds(
      Scenario scenario, String expectedSteps) {
    try (OrchestratorDriver orchestrator = new OrchestratorDriver(T0)) {
      orchestrator.detect(
          OrchestratorDriver.detection(
              "inc-" + scenario,
              "fp-" + scenario,
              scenario,
              Severity.P1,
              "candlefish-employee-setup-lean-prod-entities",
              T0.minus(Duration.ofMinutes(4)),
              T0));

      answerEverythingUntilClosed(orchestrator, "inc-" + scenario);

      IncidentState incident = orchestrator.incident("inc-" + scenario);
      assertThat(incident.isOpen()).isFalse();
      assertThat(incident.outcome).isEqualTo("RECOVERED");
      assertThat(orchestrator.commands().stream().map(c -> c.metadata().getStepId()).toList())
          .contains(expectedSteps.split(";"));
      IncidentResolved resolved =
          (IncidentResolved)
              orchestrator.timeline().stream()
                  .filter(s -> s.type().equals("IncidentResolved"))
                  .findFirst()
                  .orElseThrow()
                  .value();
      assertThat(resolved.getMeasuredRtoSeconds()).isNotNull();
      assertThat(orchestrator.timeline())
          .allSatisfy(e -> assertThat(e.metadata().getRunbookId()).isNotNull());
    }
  }

  /** Plays every handler and every approver: answers each new command with success, approves each gate twice. */
  static void answerEverythingUntilClosed(OrchestratorDriver orchestrator, String incidentId) {
    Set<String> answered = new HashSet<>();
    Set<String> approved = new HashSet<>();
    for (int round = 0; round < 50 && orchestrator.incident(incidentId).isOpen(); round++) {
      orchestrator.elapse(Duration.ofSeconds(30));
      for (Sent event : orchestrator.timeline()) {
        if (event.type().equals("ApprovalRequested")
            && approved.add(event.metadata().getStepId())) {
          String role = String.valueOf(event.get("requiredRole"));
          orchestrator.approve(incidentId, event.metadata().getStepId(), "alice", role, true);
          orchestrator.approve(incidentId, event.metadata().getStepId(), "bob", role, true);
        }
      }
      for (Sent command : List.copyOf(orchestrator.commands())) {
        String key = command.metadata().getIdempotencyKey();
        if (answered.add(key)) {
          orchestrator.succeed(command.metadata().getStepId(), outputsFor(command));
        }
      }
    }
  }

  static Map<String, String> outputsFor(Sent command) {
    return switch (command.type()) {
      case "FindRestorePointCommand", "ChooseRecoveryPathCommand" ->
          Map.of(
              "kind",
              "LOGICAL_SNAPSHOT",
              "restorePointTime",
              "2024-01-15T10:33:00Z",
              "snapshotLocation",
              "file:snapshots/x");
      case "CheckServiceHealthCommand" -> Map.of("healthy", "true", "status", "UP");
      case "ValidateTableCommand" -> Map.of("passed", "true");
      case "RunPerformanceCheckCommand" -> Map.of("passed", "true");
      default -> Map.of();
    };
  }
}
