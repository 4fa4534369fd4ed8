package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.timeline.ApprovalGranted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The breach runbook's isolation step needs two distinct security officers; the key deletion step
 * carries the two who approved it to containment, which refuses the deletion without them.
 */
class ApprovalGateTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");

  final OrchestratorDriver orchestrator = new OrchestratorDriver(T0);

  @BeforeEach
  void givenEvidencePreserved() {
    orchestrator.detect(
        OrchestratorDriver.detection(
            "inc-b",
            "fp-b",
            Scenario.SECURITY_BREACH,
            Severity.P1,
            "candlefish-employee-setup-lean-prod-entities",
            T0,
            T0));
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
    assertThat(
            orchestrator.timeline().stream()
                .filter(s -> s.type().equals("ApprovalGranted"))
                .map(s -> ((ApprovalGranted) s.value()).getApprover())
                .toList())
        .containsExactly("alice", "bob");
  }

  @Test
  void shouldSkipTheStepAndContinueWhenApprovalIsRejected() {
    orchestrator.approve("inc-b", "isolate-data-access", "alice", "security-officer", false);

    assertThat(orchestrator.timelineTypes()).containsSubsequence("ApprovalRejected", "StepSkipped");
    assertThat(orchestrator.commandSteps())
        .doesNotContain("isolate-data-access#1")
        .contains("validate-data-integrity#1");
  }

  @Test
  void shouldEscalateAndKeepWaitingWhenApprovalTimesOut() {
    orchestrator.advance(Duration.ofMinutes(16));

    assertThat(
            orchestrator.timeline().stream()
                .filter(s -> s.type().equals("EscalationRaised"))
                .map(s -> String.valueOf(s.get("reason")))
                .toList())
        .anyMatch(r -> r.contains("approval timed out"));
    assertThat(orchestrator.incident("inc-b").steps.get("isolate-data-access").status.name())
        .isEqualTo("AWAITING_APPROVAL");

    orchestrator.approve("inc-b", "isolate-data-access", "alice", "security-officer", true);
    orchestrator.approve("inc-b", "isolate-data-access", "bob", "security-officer", true);
    assertThat(orchestrator.commandSteps()).contains("isolate-data-access#1");
  }

  @Test
  void shouldCarryTheTwoDistinctApproversOfTheKeyDeletionInItsCommand() {
    orchestrator.approve("inc-b", "contain-principal", "alice", "security-officer", true);
    orchestrator.approve("inc-b", "contain-principal", "bob", "security-officer", true);
    orchestrator.succeed("contain-principal");
    orchestrator.succeed("rotate-database-secret");
    orchestrator.succeed("export-audit-events");
    assertThat(orchestrator.incident("inc-b").steps.get("schedule-key-deletion").status.name())
        .isEqualTo("AWAITING_APPROVAL");

    orchestrator.approve("inc-b", "schedule-key-deletion", "carol", "security-officer", true);
    orchestrator.approve("inc-b", "schedule-key-deletion", "carol", "security-officer", true);
    orchestrator.approve("inc-b", "schedule-key-deletion", "mallory", "developer", true);
    assertThat(orchestrator.commandSteps()).doesNotContain("schedule-key-deletion#1");
    orchestrator.approve("inc-b", "schedule-key-deletion", "dave", "security-officer", true);

    OrchestratorDriver.Sent command = orchestrator.command("schedule-key-deletion");
    assertThat(command.type()).isEqualTo("ScheduleKeyDeletionCommand");
    assertThat(((List<?>) command.get("approvedBy")).stream().map(String::valueOf).toList())
        .containsExactly("carol", "dave");
    assertThat(String.valueOf(command.get("keyId"))).isEqualTo("COMPROMISED_KEY_ID");
    assertThat(command.get("pendingWindowInDays")).isEqualTo(7);
    assertThat(orchestrator.incident("inc-b").steps.get("schedule-key-deletion").parameters)
        .containsEntry("approvedBy", "carol,dave");
  }

  @Test
  void shouldCarryTheSameApproversWhenTheKeyDeletionIsRetried() {
    orchestrator.approve("inc-b", "contain-principal", "alice", "security-officer", true);
    orchestrator.approve("inc-b", "contain-principal", "bob", "security-officer", true);
    orchestrator.succeed("contain-principal");
    orchestrator.succeed("rotate-database-secret");
    orchestrator.succeed("export-audit-events");
    orchestrator.approve("inc-b", "schedule-key-deletion", "dave", "security-officer", true);
    orchestrator.approve("inc-b", "schedule-key-deletion", "carol", "security-officer", true);

    orchestrator.fail("schedule-key-deletion", "Throttled", true);
    orchestrator.advance(Duration.ofSeconds(11));

    assertThat(orchestrator.commandSteps()).contains("schedule-key-deletion#2");
    assertThat(
            ((List<?>) orchestrator.command("schedule-key-deletion").get("approvedBy"))
                .stream().map(String::valueOf).toList())
        .containsExactly("dave", "carol");
  }
}
