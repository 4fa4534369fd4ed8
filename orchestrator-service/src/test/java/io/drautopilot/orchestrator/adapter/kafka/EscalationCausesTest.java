package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.EscalationCause;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.orchestrator.engine.EngineSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every escalation says why as data, on the timeline and on the page it sends: the notifier and the
 * report read the cause, the failed step and its failure from these fields, not from the reason's
 * wording.
 */
class EscalationCausesTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final String TABLE = "candlefish-employee-setup-lean-prod-entities";

  OrchestratorDriver orchestrator = new OrchestratorDriver(T0);

  @AfterEach
  void close() {
    orchestrator.close();
  }

  void detect(String incidentId, Scenario scenario, String table) {
    IncidentDetected d =
        OrchestratorDriver.detection(
            incidentId,
            "fp-" + incidentId,
            scenario,
            Severity.P1,
            table,
            T0.minus(Duration.ofMinutes(2)),
            T0);
    orchestrator.detect(d);
  }

  List<EscalationRaised> escalations(EscalationCause cause) {
    return orchestrator.timeline().stream()
        .filter(s -> s.value() instanceof EscalationRaised e && e.getCause() == cause)
        .map(s -> (EscalationRaised) s.value())
        .toList();
  }

  List<NotifyContactsCommand> pages(EscalationCause cause) {
    return orchestrator.commands().stream()
        .filter(
            c -> c.value() instanceof NotifyContactsCommand n && n.getEscalationCause() == cause)
        .map(c -> (NotifyContactsCommand) c.value())
        .toList();
  }

  @Test
  void shouldRaiseNotAcknowledgedByTheMatrixWithNoStep() {
    detect("inc-matrix", Scenario.TABLE_CORRUPTION, TABLE);
    orchestrator.advance(Duration.ofMinutes(15));

    assertThat(escalations(EscalationCause.NOT_ACKNOWLEDGED))
        .extracting(EscalationRaised::getLevel)
        .containsExactly(1, 2);
    assertThat(escalations(EscalationCause.NOT_ACKNOWLEDGED))
        .allSatisfy(
            e -> {
              assertThat(e.getFailedStepId()).isNull();
              assertThat(e.getFailure()).isNull();
            });
    NotifyContactsCommand page = pages(EscalationCause.NOT_ACKNOWLEDGED).get(1);
    assertThat(page.getTemplateId()).isEqualTo("escalation");
    assertThat(page.getEscalationLevel()).isEqualTo(2);
    assertThat(page.getFailedStepId()).isNull();
  }

  @Test
  void shouldRaiseStepFailedWithTheStepAndItsFailureWhenAnEscalatingStepFails() {
    detect("inc-step", Scenario.REGIONAL_FAILURE, TABLE);
    orchestrator.fail("check-dr-region-ready", "RegionNotReady", false);

    EscalationRaised raised = escalations(EscalationCause.STEP_FAILED).get(0);
    assertThat(raised.getFailedStepId()).isEqualTo("check-dr-region-ready");
    assertThat(raised.getFailure()).isEqualTo("RegionNotReady: RegionNotReady in test");
    assertThat(raised.getReason())
        .isEqualTo("step check-dr-region-ready failed: RegionNotReady: RegionNotReady in test");
    NotifyContactsCommand page = pages(EscalationCause.STEP_FAILED).get(0);
    assertThat(page.getFailedStepId()).isEqualTo("check-dr-region-ready");
    assertThat(page.getFailure()).isEqualTo("RegionNotReady: RegionNotReady in test");
    assertThat(page.getFacts()).containsEntry("reason", raised.getReason());
  }

  @Test
  void shouldRaiseRecoveryFailedWithTheFailedStepOnTheFirstPageAndEveryRepage() {
    detect("inc-failed", Scenario.TABLE_CORRUPTION, TABLE);
    orchestrator.succeed("open-circuit-breaker");
    orchestrator.fail("find-restore-point", "NoRestorePoint", false);
    orchestrator.succeed("close-circuit-breaker-after-failure");

    assertThat(escalations(EscalationCause.RECOVERY_FAILED)).hasSize(1);
    orchestrator.advance(EngineSettings.defaults().repageEvery());

    List<EscalationRaised> raised = escalations(EscalationCause.RECOVERY_FAILED);
    assertThat(raised).hasSize(2);
    assertThat(raised.get(1).getReason()).startsWith("recovery failed and not acknowledged: ");
    assertThat(raised)
        .allSatisfy(
            e -> {
              assertThat(e.getFailedStepId()).isEqualTo("find-restore-point");
              assertThat(e.getFailure()).isEqualTo("NoRestorePoint: NoRestorePoint in test");
            });
    assertThat(pages(EscalationCause.RECOVERY_FAILED))
        .hasSize(2)
        .allSatisfy(p -> assertThat(p.getFailedStepId()).isEqualTo("find-restore-point"));
  }

  @Test
  void shouldRaiseApprovalOverdueWhenAGateTimesOutWithEscalate() {
    detect("inc-gate", Scenario.SECURITY_BREACH, TABLE);
    orchestrator.advance(Duration.ofMinutes(15));

    List<EscalationRaised> raised = escalations(EscalationCause.APPROVAL_OVERDUE);
    assertThat(raised).isNotEmpty();
    assertThat(raised.get(0).getReason()).startsWith("step contain-principal: ");
    assertThat(raised.get(0).getFailedStepId()).isNull();
    assertThat(pages(EscalationCause.APPROVAL_OVERDUE)).hasSameSizeAs(raised);
  }

  @Test
  void shouldWarnRtoAtRiskWhenTheRemainingStepsPassTheTarget() {
    detect("inc-rto", Scenario.TABLE_CORRUPTION, TABLE);
    orchestrator.advance(Duration.ofMinutes(13));

    List<EscalationRaised> raised = escalations(EscalationCause.RTO_AT_RISK);
    assertThat(raised).hasSize(1);
    assertThat(raised.get(0).getReason()).startsWith("RTO at risk");
    assertThat(pages(EscalationCause.RTO_AT_RISK)).hasSize(1);
  }

  @Test
  void shouldRaiseResourcesNotCataloguedForATableTheCatalogueLacks() {
    detect("inc-unknown", Scenario.TABLE_CORRUPTION, "some-other-table");

    assertThat(escalations(EscalationCause.RESOURCES_NOT_CATALOGUED))
        .singleElement()
        .satisfies(e -> assertThat(e.getReason()).contains("some-other-table"));
  }

  @Test
  void shouldRaiseNoRunbookWhenNoRunbookHandlesTheScenario() {
    orchestrator.close();
    // Only the test runbooks: none handles table corruption.
    Map<String, String> routes = new LinkedHashMap<>(ContractActionCatalog.defaultRoutes());
    routes.put("quarantine", "dr.commands.quarantine");
    orchestrator =
        new OrchestratorDriver(
            T0, routes, Map.of(), EngineSettings.defaults(), "test-runbooks", null);
    detect("inc-none", Scenario.TABLE_CORRUPTION, TABLE);

    assertThat(escalations(EscalationCause.NO_RUNBOOK))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getReason())
                    .isEqualTo("no runbook handles scenario TABLE_CORRUPTION"));
  }
}
