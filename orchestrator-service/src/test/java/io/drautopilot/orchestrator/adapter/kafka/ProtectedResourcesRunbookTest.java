package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.restore.ChooseRecoveryPathCommand;
import io.drautopilot.contracts.restore.CutOverTableCommand;
import io.drautopilot.contracts.restore.ExportTableSnapshotCommand;
import io.drautopilot.contracts.restore.ImportTableSnapshotCommand;
import io.drautopilot.contracts.restore.SetCircuitBreakerCommand;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.contracts.timeline.IncidentResolved;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runbooks act on the affected table(s), named by the protected-resources catalogue, not on a fixed one. */
class ProtectedResourcesRunbookTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final String ENTITIES = "candlefish-employee-setup-lean-prod-entities";
  static final String EVENTS = "candlefish-employee-setup-lean-prod-events";

  final OrchestratorDriver orchestrator = new OrchestratorDriver(T0);

  @AfterEach
  void close() {
    orchestrator.close();
  }

  void detect(String incidentId, Scenario scenario, String... tables) {
    IncidentDetected d =
        OrchestratorDriver.detection(
            incidentId,
            "fp-" + incidentId,
            scenario,
            Severity.P1,
            tables[0],
            T0.minus(Duration.ofMinutes(5)),
            T0);
    d.setAffectedResources(List.of(tables));
    orchestrator.detect(d);
  }

  static Map<String, String> snapshotAt(String time, String location) {
    return Map.of(
        "kind", "LOGICAL_SNAPSHOT", "restorePointTime", time, "snapshotLocation", location);
  }

  @Test
  void shouldIsolateRestoreAndCutOverTheEventsVariableWhenTheEventsTableIsCorrupted() {
    detect("inc-events", Scenario.TABLE_CORRUPTION, EVENTS);

    SetCircuitBreakerCommand breaker =
        (SetCircuitBreakerCommand) orchestrator.command("open-circuit-breaker").value();
    assertThat(breaker.getFunctionName()).isEqualTo("tyler-setup-events-handler");
    assertThat(breaker.getVariableName()).isEqualTo("CIRCUIT_BREAKER_EVENTS");
    orchestrator.succeed("open-circuit-breaker");
    ChooseRecoveryPathCommand find =
        (ChooseRecoveryPathCommand) orchestrator.command("find-restore-point").value();
    assertThat(find.getTableName()).isEqualTo(EVENTS);
    orchestrator.succeed(
        "find-restore-point", snapshotAt("2024-01-15T10:33:00Z", "file:snapshots/events"));
    assertThat(
            ((ImportTableSnapshotCommand) orchestrator.command("import-snapshot").value())
                .getTargetTableName())
        .isEqualTo(EVENTS + "-recovery");
    orchestrator.succeed("import-snapshot");
    orchestrator.succeed("validate-recovery", Map.of("passed", "true"));
    orchestrator.succeed("compare-with-restore-point", Map.of("matches", "true"));

    CutOverTableCommand cutOver = (CutOverTableCommand) orchestrator.command("cut-over").value();
    assertThat(cutOver.getFunctionName()).isEqualTo("tyler-setup-events-handler");
    assertThat(cutOver.getVariableName()).isEqualTo("EVENT_TABLE");
    assertThat(cutOver.getTableName()).isEqualTo(EVENTS + "-recovery");
    assertThat(orchestrator.commands())
        .noneMatch(
            c ->
                c.value() instanceof CutOverTableCommand x
                    && x.getVariableName().equals("ENTITY_TABLE"));
  }

  @Test
  void shouldRecoverBothTablesInParallelWhenAnIncidentNamesBoth() {
    detect("inc-both", Scenario.TABLE_CORRUPTION, ENTITIES, EVENTS);

    // Both tables isolated at once: the copies of a per-table step do not wait for each other.
    assertThat(orchestrator.commandSteps())
        .contains("open-circuit-breaker-entities#1", "open-circuit-breaker-events#1");
    orchestrator.succeed("open-circuit-breaker-entities");
    orchestrator.succeed("open-circuit-breaker-events");
    orchestrator.succeed(
        "find-restore-point-entities",
        snapshotAt("2024-01-15T10:34:00Z", "file:snapshots/entities"));
    orchestrator.succeed(
        "find-restore-point-events", snapshotAt("2024-01-15T10:31:00Z", "file:snapshots/events"));
    assertThat(
            ((ImportTableSnapshotCommand) orchestrator.command("import-snapshot-events").value())
                .getSnapshotLocation())
        .isEqualTo("file:snapshots/events");
    for (String table : List.of("entities", "events")) {
      orchestrator.succeed("import-snapshot-" + table);
      orchestrator.succeed("validate-recovery-" + table, Map.of("passed", "true"));
      orchestrator.succeed("compare-with-restore-point-" + table, Map.of("matches", "true"));
    }
    CutOverTableCommand entities =
        (CutOverTableCommand) orchestrator.command("cut-over-entities").value();
    CutOverTableCommand events =
        (CutOverTableCommand) orchestrator.command("cut-over-events").value();
    assertThat(entities.getVariableName()).isEqualTo("ENTITY_TABLE");
    assertThat(entities.getTableName()).isEqualTo(ENTITIES + "-recovery");
    assertThat(events.getVariableName()).isEqualTo("EVENT_TABLE");
    assertThat(events.getTableName()).isEqualTo(EVENTS + "-recovery");
    // each cut-over cites its own table's validation
    assertThat(events.getValidationEventId())
        .isEqualTo(
            orchestrator
                .incident("inc-both")
                .steps
                .get("validate-recovery-events")
                .outputs
                .get("eventId"));

    orchestrator.succeed("cut-over-entities");
    assertThat(orchestrator.commandSteps()).doesNotContain("verify-service-health#1");
    orchestrator.succeed("cut-over-events");
    orchestrator.succeed("close-circuit-breaker-entities");
    orchestrator.succeed("close-circuit-breaker-events");
    orchestrator.succeed("verify-service-health", Map.of("healthy", "true"));

    IncidentResolved resolved =
        (IncidentResolved)
            orchestrator.timeline().stream()
                .filter(s -> s.type().equals("IncidentResolved"))
                .findFirst()
                .orElseThrow()
                .value();
    // the incident lost as much as its oldest restore point: 10:35 - 10:31
    assertThat(resolved.getMeasuredRpoSeconds()).isEqualTo(Duration.ofMinutes(4).toSeconds());
  }

  @Test
  void shouldSnapshotAndIsolateTheBreachedTableWhenASecurityIncidentNamesIt() {
    detect("inc-breach", Scenario.SECURITY_BREACH, EVENTS);

    ExportTableSnapshotCommand evidence =
        (ExportTableSnapshotCommand) orchestrator.command("preserve-evidence").value();
    assertThat(evidence.getTableName()).isEqualTo(EVENTS);
    assertThat(evidence.getDestination()).endsWith("/inc-breach/events");
    orchestrator.succeed("preserve-evidence");
    assertThat(orchestrator.incident("inc-breach").steps.get("isolate-data-access").parameters)
        .containsEntry("functionName", "tyler-setup-events-handler")
        .containsEntry("variableName", "CIRCUIT_BREAKER_EVENTS");
  }

  @Test
  void shouldPageWhenTheAffectedTableIsNotInTheCatalogue() {
    detect("inc-unknown", Scenario.TABLE_CORRUPTION, "some-other-table");

    assertThat(
            orchestrator.timeline().stream()
                .filter(s -> s.type().equals("EscalationRaised"))
                .map(s -> ((EscalationRaised) s.value()).getReason()))
        .anyMatch(
            r ->
                r.startsWith(
                    "not in the protected-resources catalogue (protected-resources.yml): some-other-table"));
  }
}
