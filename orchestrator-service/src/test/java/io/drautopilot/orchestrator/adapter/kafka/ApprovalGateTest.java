package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.timeline.ApprovalGranted;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The breach runbook's isolation step needs two distinct security officers. */
class ApprovalGateTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");

  final OrchestratorDriver orchestrator = new OrchestratorDriver(T0);

  @BeforeEach
  void givenEvidencePreserved() {
    orchestrator.detect(OrchestratorDriver.detection("inc-b", "fp-b", Scenario.SECURITY_BREACH, Severity.P1,
        "candlefish-employee-setup-lean-prod-entities", T0, T0));
    orchestrator.acknowledge("inc-b", "oncall@example.org");
    orchestrator.succeed("preserve-evidence");
    assertThat(orchestrator.timelineTypes()).contains("ApprovalRequested");
  }

  @AfterEach
  void close() {
    orchestrator.close();
  }

  @Test
  void shouldStartTheStepOnlyAfterTwoDistinctApprovers() {
    orchestrator.approve("inc-b", "isolate-data-access", "alice", "security-officer", true);
    orchestrator.approve("inc-b", "isolate-data-access", "alice", "security-officer", true);
    orchestrator.approve("inc-b", "isolate-data-access", "mallory", "developer", true);
    assertThat(orchestrator.commandSteps()).doesNotContain("isolate-data-access#1");

    orchestrator.approve("inc-b", "isolate-data-access", "bob", "security-officer", true);

    assertThat(orchestrator.commandSteps()).contains("isolate-data-access#1");
    assertThat(orchestrator.timeline().stream().filter(s -> s.type().equals("ApprovalGranted"))
        .map(s -> ((ApprovalGranted) s.value()).getApprover()).toList()).containsExactly("alice", "bob");
  }

  @Test
  void shouldSkipTheStepAndContinueWhenApprovalIsRejected() {
    orchestrator.approve("inc-b", "isolate-data-access", "alice", "security-officer", false);

    assertThat(orchestrator.timelineTypes()).containsSubsequence("ApprovalRejected", "StepSkipped");
    assertThat(orchestrator.commandSteps()).doesNotContain("isolate-data-access#1").contains("validate-data-integrity#1");
  }

  @Test
  void shouldEscalateAndKeepWaitingWhenApprovalTimesOut() {
    orchestrator.advance(Duration.ofMinutes(16));

    assertThat(orchestrator.timeline().stream().filter(s -> s.type().equals("EscalationRaised"))
        .map(s -> String.valueOf(s.get("reason"))).toList()).anyMatch(r -> r.contains("approval timed out"));
    assertThat(orchestrator.incident("inc-b").steps.get("isolate-data-access").status.name()).isEqualTo("AWAITING_APPROVAL");

    orchestrator.approve("inc-b", "isolate-data-access", "alice", "security-officer", true);
    orchestrator.approve("inc-b", "isolate-data-access", "bob", "security-officer", true);
    assertThat(orchestrator.commandSteps()).contains("isolate-data-access#1");
  }
}
