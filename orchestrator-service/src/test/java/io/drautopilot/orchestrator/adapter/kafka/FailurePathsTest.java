package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.EscalationCause;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.contracts.restore.CircuitBreakerState;
import io.drautopilot.contracts.restore.SetCircuitBreakerCommand;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailurePathsTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final String TABLE = "candlefish-employee-setup-lean-prod-entities";

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
            T0.minus(Duration.ofMinutes(2)),
            T0));
  }

  List<EscalationRaised> escalations() {
    return orchestrator.timeline().stream()
        .filter(s -> s.type().equals("EscalationRaised"))
        .map(s -> (EscalationRaised) s.value())
        .toList();
  }

  /** The matrix's own escalations (not the "RTO at risk" one, which this P1 also raises after 13 min). */
  List<EscalationRaised> onSchedule() {
    return escalations().stream().filter(e -> e.getCause() != EscalationCause.RTO_AT_RISK).toList();
  }

  @Test
  void shouldRetryThenEscalateWhenStepTimesOut() {
    detect("inc-1", Scenario.REGIONAL_FAILURE);
    orchestrator.acknowledge("inc-1", "oncall@example.org");
    Map<String, String> snapshot =
        Map.of(
            "kind",
            "LOGICAL_SNAPSHOT",
            "restorePointTime",
            "2024-01-15T10:35:00Z",
            "snapshotLocation",
            "file:snapshots/x");
    orchestrator.succeed("find-restore-point", snapshot);
    orchestrator.succeed("check-dr-region-ready", Map.of("healthy", "true"));
    orchestrator.succeed("check-dr-functions-ready");

    // fail-over-dns: timeout 5m, 3 retries with 10s backoff doubling, onFailure escalate
    for (int i = 0; i < 25; i++) {
      orchestrator.advance(Duration.ofMinutes(1));
    }

    assertThat(orchestrator.commandSteps())
        .contains("fail-over-dns#1", "fail-over-dns#2", "fail-over-dns#3", "fail-over-dns#4")
        .doesNotContain("fail-over-dns#5");
    assertThat(orchestrator.timelineTypes())
        .containsSubsequence(
            "StepTimedOut",
            "StepStarted",
            "StepTimedOut",
            "StepStarted",
            "StepTimedOut",
            "StepStarted",
            "StepTimedOut",
            "StepFailed",
            "EscalationRaised");
    // the 25 minutes also pass the P1 RTO of 15 min: an "RTO at risk" page too
    EscalationRaised raised = escalations().get(escalations().size() - 1);
    assertThat(raised.getLevel()).isEqualTo(2);
    assertThat(raised.getReason()).contains("fail-over-dns");
    assertThat(escalations())
        .extracting(EscalationRaised::getCause)
        .contains(EscalationCause.RTO_AT_RISK);
    NotifyContactsCommand page =
        (NotifyContactsCommand)
            orchestrator.commands().stream()
                .filter(
                    c ->
                        c.value() instanceof NotifyContactsCommand n
                            && n.getEscalationLevel() == 2
                            && n.getFacts().get("reason").contains("fail-over-dns"))
                .findFirst()
                .orElseThrow()
                .value();
    assertThat(page.getTemplateId()).isEqualTo("escalation");
    assertThat(orchestrator.incident("inc-1").isOpen()).isTrue();
  }

  @Test
  void shouldRetryARetryableFailureWithANewIdempotencyKey() {
    detect("inc-2", Scenario.TABLE_CORRUPTION);
    orchestrator.fail("open-circuit-breaker", "ThrottlingException", true);
    orchestrator.advance(Duration.ofSeconds(5));

    Sent retry = orchestrator.command("open-circuit-breaker");
    assertThat(retry.metadata().getAttempt()).isEqualTo(2);
    assertThat(retry.metadata().getIdempotencyKey()).isEqualTo("inc-2/open-circuit-breaker/2");
  }

  @Test
  void shouldCloseTheCircuitBreakerAgainWhenTheRecoveryFailsAfterIsolatingTheTable() {
    detect("inc-3", Scenario.TABLE_CORRUPTION);
    orchestrator.succeed("open-circuit-breaker");
    orchestrator.fail("find-restore-point", "NoRestorePoint", false);

    Sent compensation = orchestrator.command("close-circuit-breaker-after-failure");
    assertThat(((SetCircuitBreakerCommand) compensation.value()).getState())
        .isEqualTo(CircuitBreakerState.CLOSED);
    assertThat(orchestrator.commandSteps())
        .doesNotContain("restore-to-point-in-time#1", "import-snapshot#1");
    orchestrator.succeed("close-circuit-breaker-after-failure");

    IncidentResolved resolved =
        (IncidentResolved)
            orchestrator.timeline().stream()
                .filter(s -> s.type().equals("IncidentResolved"))
                .findFirst()
                .orElseThrow()
                .value();
    assertThat(resolved.getOutcome()).isEqualTo("FAILED");
    // paged and held open until someone takes the failed recovery
    assertThat(orchestrator.incident("inc-3").phase)
        .isEqualTo(io.drautopilot.orchestrator.engine.IncidentState.Phase.FAILED);
    orchestrator.acknowledge("inc-3", "dba@example.org");
    assertThat(orchestrator.timelineTypes()).endsWith("IncidentAcknowledged", "IncidentClosed");
  }

  @Test
  void shouldEscalateByTheMatrixUntilAcknowledged() {
    detect("inc-5", Scenario.TABLE_CORRUPTION);
    assertThat(escalations()).extracting(EscalationRaised::getLevel).containsExactly(1);

    orchestrator.advance(Duration.ofMinutes(13));
    assertThat(onSchedule()).extracting(EscalationRaised::getLevel).containsExactly(1);
    orchestrator.advance(Duration.ofMinutes(2));
    assertThat(onSchedule()).extracting(EscalationRaised::getLevel).containsExactly(1, 2);
    assertThat(onSchedule().get(1).getTarget()).isEqualTo("Database Team Lead");

    orchestrator.acknowledge("inc-5", "lead@example.org");
    orchestrator.advance(Duration.ofMinutes(60));

    assertThat(onSchedule()).extracting(EscalationRaised::getLevel).containsExactly(1, 2);
    assertThat(orchestrator.timelineTypes()).contains("IncidentAcknowledged");
  }

  @Test
  void shouldSkipTheRestAndCloseWhenCancelled() {
    detect("inc-6", Scenario.TABLE_CORRUPTION);
    orchestrator.cancel("inc-6", "dba@example.org");

    IncidentClosed closed =
        (IncidentClosed)
            orchestrator.timeline().stream()
                .filter(s -> s.type().equals("IncidentClosed"))
                .findFirst()
                .orElseThrow()
                .value();
    assertThat(closed.getClosedBy()).isEqualTo("dba@example.org");
    assertThat(closed.getFingerprint()).isEqualTo("fp-inc-6");
    orchestrator.advance(Duration.ofHours(1));
    assertThat(orchestrator.commandSteps()).doesNotContain("find-restore-point#1");
  }

  @Test
  void shouldAddTheResourcesALaterSignalOfTheSameProblemNames() {
    detect("inc-11", Scenario.TABLE_CORRUPTION);
    orchestrator.detect(
        OrchestratorDriver.detection(
            "inc-11-again",
            "fp-inc-11",
            Scenario.TABLE_CORRUPTION,
            Severity.P1,
            "candlefish-employee-setup-lean-prod-events",
            T0,
            T0.plusSeconds(30)));

    assertThat(orchestrator.incident("inc-11").affectedResources)
        .containsExactly(TABLE, "candlefish-employee-setup-lean-prod-events");
    assertThat(orchestrator.incident("inc-11").signals).isEqualTo(2);
  }

  @Test
  void shouldRecordThatTheConditionClearedAndGoOnWithTheRunbook() {
    detect("inc-10", Scenario.TABLE_CORRUPTION);
    orchestrator.elapse(Duration.ofMinutes(2));
    orchestrator.pipe(
        io.drautopilot.contracts.Topics.INCIDENTS_DETECTED,
        "fp-inc-10",
        io.drautopilot.contracts.incident.IncidentConditionCleared.newBuilder()
            .setMetadata(OrchestratorDriver.meta("inc-10", orchestrator.now()))
            .setFingerprint("fp-inc-10")
            .setRegion("us-east-1")
            .setClearedAt(orchestrator.now())
            .setDetectorId("detector-test")
            .build());

    assertThat(orchestrator.incident("inc-10").conditionClearedAt).isEqualTo(orchestrator.now());
    assertThat(orchestrator.incident("inc-10").conditionClearedBy).isEqualTo("detector-test");
    assertThat(orchestrator.incident("inc-10").timeline)
        .extracting(n -> n.type())
        .contains("ConditionCleared");
    assertThat(orchestrator.incident("inc-10").isOpen()).isTrue();
    orchestrator.succeed("open-circuit-breaker");
    assertThat(orchestrator.commandSteps()).contains("find-restore-point#1");
  }

  @Test
  void shouldEvictAClosedIncidentFromTheStoreOnlyAfterTheRetentionAndKeepOpenOnes() {
    detect("inc-8", Scenario.TABLE_CORRUPTION);
    detect("inc-9", Scenario.TABLE_CORRUPTION);
    orchestrator.cancel("inc-8", "dba@example.org");

    orchestrator.advance(Duration.ofDays(29));
    assertThat(orchestrator.incident("inc-8")).isNotNull();
    orchestrator.advance(Duration.ofDays(2));

    assertThat(orchestrator.incident("inc-8")).isNull();
    assertThat(orchestrator.incident("inc-9")).isNotNull();
  }

  @Test
  void shouldOpenANewIncidentForTheSameFingerprintOnceTheFirstIsClosed() {
    detect("inc-7", Scenario.TABLE_CORRUPTION);
    orchestrator.cancel("inc-7", "dba@example.org");
    orchestrator.detect(
        OrchestratorDriver.detection(
            "inc-7b", "fp-inc-7", Scenario.TABLE_CORRUPTION, Severity.P1, TABLE, T0, T0));

    assertThat(orchestrator.incident("inc-7b")).isNotNull();
    assertThat(orchestrator.incident("inc-7b").isOpen()).isTrue();
  }
}
