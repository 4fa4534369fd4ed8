package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.contracts.timeline.StepFailed;
import io.drautopilot.orchestrator.engine.IncidentState;
import io.drautopilot.orchestrator.engine.IncidentState.StepStatus;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import io.drautopilot.orchestrator.runbook.ActionCatalog.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A command that answers its question with no (validation not passed, tables not matching, service
 * not healthy, backup not verified, performance not met) fails its step, with the answer as the
 * reason, and the runbook's failure policy applies. Every verdict action, with the real runbooks.
 */
class NegativeVerdictTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final String TABLE = "candlefish-employee-setup-lean-prod-entities";
  static final Map<String, String> SNAPSHOT =
      Map.of(
          "kind",
          "LOGICAL_SNAPSHOT",
          "restorePointTime",
          "2024-01-15T10:30:00Z",
          "snapshotLocation",
          "file:snapshots/entities");

  final OrchestratorDriver orchestrator = new OrchestratorDriver(T0);

  @AfterEach
  void close() {
    orchestrator.close();
  }

  void detect(String incidentId, Scenario scenario) {
    orchestrator.detect(
        OrchestratorDriver.detection(
            incidentId,
            "fp-" + incidentId,
            scenario,
            Severity.P1,
            TABLE,
            T0.minus(Duration.ofMinutes(5)),
            T0));
  }

  void restoredUpToValidation(String incidentId) {
    detect(incidentId, Scenario.TABLE_CORRUPTION);
    orchestrator.acknowledge(incidentId, "oncall@example.org");
    orchestrator.succeed("notify-contacts");
    orchestrator.succeed("open-circuit-breaker");
    orchestrator.succeed("find-restore-point", SNAPSHOT);
    orchestrator.succeed("import-snapshot");
  }

  StepFailed failureOf(String stepId) {
    return orchestrator.timeline().stream()
        .filter(e -> e.type().equals("StepFailed") && stepId.equals(e.metadata().getStepId()))
        .map(e -> (StepFailed) e.value())
        .reduce((a, b) -> b)
        .orElseThrow(
            () ->
                new AssertionError(
                    "no StepFailed for " + stepId + " in " + orchestrator.timelineTypes()));
  }

  @Test
  void shouldFailValidationAndCompensateWithoutCutOverWhenTheRestoredTableDidNotPass() {
    restoredUpToValidation("inc-1");

    orchestrator.succeed(
        "validate-recovery", Map.of("passed", "false", "scannedItems", "0", "invalidItems", "0"));

    IncidentState incident = orchestrator.incident("inc-1");
    assertThat(incident.steps.get("validate-recovery").status).isEqualTo(StepStatus.FAILED);
    StepFailed failed = failureOf("validate-recovery");
    assertThat(failed.getFailure().getCode()).isEqualTo(RunbookEngine.NEGATIVE_VERDICT);
    assertThat(failed.getFailure().getMessage()).contains("passed=false", "scannedItems=0");
    assertThat(failed.getFailure().getRetryable()).isFalse();
    assertThat(failed.getWillRetry()).isFalse();
    assertThat(orchestrator.commandSteps())
        .doesNotContain("validate-recovery#2", "compare-with-restore-point#1", "cut-over#1")
        .contains("close-circuit-breaker-after-failure#1");
    assertThat(incident.steps.get("cut-over").status).isEqualTo(StepStatus.SKIPPED);

    orchestrator.succeed("close-circuit-breaker-after-failure");
    assertThat(orchestrator.incident("inc-1").outcome).isEqualTo("FAILED");
  }

  @Test
  void shouldFailTheComparisonAndNotCutOverWhenTheTablesDoNotMatch() {
    restoredUpToValidation("inc-2");
    orchestrator.succeed("validate-recovery", Map.of("passed", "true"));

    orchestrator.succeed(
        "compare-with-restore-point", Map.of("matches", "false", "differingSegments", "3"));

    assertThat(orchestrator.incident("inc-2").steps.get("compare-with-restore-point").status)
        .isEqualTo(StepStatus.FAILED);
    assertThat(failureOf("compare-with-restore-point").getFailure().getMessage())
        .contains("matches=false", "differingSegments=3");
    assertThat(orchestrator.commandSteps())
        .doesNotContain("cut-over#1")
        .contains("close-circuit-breaker-after-failure#1");
  }

  @Test
  void shouldRetryThenEscalateWhenTheServiceStaysUnhealthy() {
    restoredUpToValidation("inc-3");
    orchestrator.succeed("validate-recovery", Map.of("passed", "true"));
    orchestrator.succeed("compare-with-restore-point", Map.of("matches", "true"));
    orchestrator.succeed("cut-over");
    orchestrator.succeed("close-circuit-breaker");

    // verify-service-health: 3 retries with 10s backoff doubling, onFailure escalate
    for (int attempt = 1; attempt <= 4; attempt++) {
      orchestrator.succeed("verify-service-health", Map.of("healthy", "false", "status", "DOWN"));
      orchestrator.advance(Duration.ofSeconds(10L << (attempt - 1)));
    }

    assertThat(orchestrator.commandSteps())
        .contains("verify-service-health#4")
        .doesNotContain("verify-service-health#5");
    StepFailed last = failureOf("verify-service-health");
    assertThat(last.getFailure().getMessage()).contains("healthy=false", "status=DOWN");
    assertThat(last.getOnFailure()).isEqualTo("escalate");
    IncidentState incident = orchestrator.incident("inc-3");
    assertThat(incident.phase).isEqualTo(IncidentState.Phase.BLOCKED);
    assertThat(incident.resolved).isFalse();
    assertThat(orchestrator.timelineTypes())
        .doesNotContain("IncidentResolved")
        .endsWith("StepFailed", "EscalationRaised");
  }

  @Test
  void shouldFailTheBackupVerificationWhenTheRestoredBackupDidNotPass() {
    detect("inc-4", Scenario.BACKUP_VERIFICATION);
    orchestrator.succeed("find-latest-backup", SNAPSHOT);
    orchestrator.succeed("import-scratch-snapshot");

    orchestrator.succeed(
        "verify-backup-restore", Map.of("passed", "false", "restoreDurationMillis", "1200"));

    IncidentState incident = orchestrator.incident("inc-4");
    assertThat(incident.steps.get("verify-backup-restore").status).isEqualTo(StepStatus.FAILED);
    assertThat(failureOf("verify-backup-restore").getFailure().getMessage())
        .contains("passed=false");
    assertThat(incident.outcome).isNotEqualTo("RECOVERED");
  }

  @Test
  void shouldEscalateWhenThePerformanceCheckFails() {
    detect("inc-5", Scenario.PERFORMANCE_DEGRADATION);
    orchestrator.acknowledge("inc-5", "oncall@example.org");
    orchestrator.succeed("notify-contacts");
    orchestrator.succeed("enable-auto-scaling");
    orchestrator.succeed("warm-cache");

    orchestrator.succeed("run-performance-check", Map.of("passed", "false", "p99Millis", "2500.0"));

    IncidentState incident = orchestrator.incident("inc-5");
    assertThat(incident.steps.get("run-performance-check").status).isEqualTo(StepStatus.FAILED);
    assertThat(failureOf("run-performance-check").getFailure().getMessage())
        .contains("passed=false", "p99Millis=2500.0");
    assertThat(incident.phase).isEqualTo(IncidentState.Phase.BLOCKED);
    assertThat(incident.resolved).isFalse();
  }

  @Test
  void shouldGiveEveryVerdictResultOfTheContractsAVerdictRule() {
    ContractActionCatalog catalog =
        new ContractActionCatalog(ContractCatalog.shared(), OrchestratorDriver.routes());

    assertThat(
            List.of(
                "validation.validateTable",
                "validation.compareTables",
                "validation.checkServiceHealth",
                "validation.verifyBackupRestore",
                "validation.runPerformanceCheck"))
        .allSatisfy(action -> assertThat(catalog.find(action).orElseThrow().verdict()).isNotNull());
    assertThat(catalog.find("validation.checkServiceHealth").orElseThrow().verdict())
        .isEqualTo(new Verdict("healthy", true));
    assertThat(catalog.find("validation.compareTables").orElseThrow().verdict())
        .isEqualTo(new Verdict("matches", false));
    assertThat(
            List.of(
                "restore.setCircuitBreaker",
                "restore.importTableSnapshot",
                "notifier.notifyContacts",
                "containment.containPrincipal"))
        .allSatisfy(action -> assertThat(catalog.find(action).orElseThrow().verdict()).isNull());
  }
}
