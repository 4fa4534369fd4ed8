package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.restore.CutOverTableCommand;
import io.drautopilot.contracts.restore.FindRestorePointCommand;
import io.drautopilot.contracts.restore.ImportTableSnapshotCommand;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.validation.CheckFunctionsReadyCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1 through the orchestrator's topology: every table the regional incident names is checked,
 * restored into the DR region and cut over, by its catalogue entry; a function not ready in the DR
 * region stops the fail-over and pages.
 */
class RegionalFailureRunbookTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final String ENTITIES = "candlefish-employee-setup-lean-prod-entities";
  static final String EVENTS = "candlefish-employee-setup-lean-prod-events";
  static final List<String> TABLES = List.of("entities", "events");

  final OrchestratorDriver orchestrator = new OrchestratorDriver(T0);

  @AfterEach
  void close() {
    orchestrator.close();
  }

  void detectRegionalFailure(String incidentId) {
    IncidentDetected d =
        OrchestratorDriver.detection(
            incidentId,
            "REGIONAL_FAILURE|us-east-1",
            Scenario.REGIONAL_FAILURE,
            Severity.P1,
            ENTITIES,
            T0.minus(Duration.ofMinutes(3)),
            T0);
    d.setAffectedResources(List.of(ENTITIES, EVENTS));
    orchestrator.detect(d);
  }

  List<EscalationRaised> escalations() {
    return orchestrator.timeline().stream()
        .filter(s -> s.type().equals("EscalationRaised"))
        .map(s -> (EscalationRaised) s.value())
        .toList();
  }

  @Test
  void shouldCheckEachTablesFunctionsInTheDrRegionBeforeFailingOver() {
    detectRegionalFailure("inc-region");

    CheckFunctionsReadyCommand entities =
        (CheckFunctionsReadyCommand)
            orchestrator.command("check-dr-functions-ready-entities").value();
    CheckFunctionsReadyCommand events =
        (CheckFunctionsReadyCommand)
            orchestrator.command("check-dr-functions-ready-events").value();
    assertThat(entities.getFunctionNames()).containsExactly("tyler-setup-entities-handler");
    assertThat(events.getFunctionNames()).containsExactly("tyler-setup-events-handler");
    assertThat(List.of(entities.getRegion(), events.getRegion())).containsOnly("us-west-2");

    orchestrator.succeed("check-dr-region-ready", Map.of("healthy", "true"));
    orchestrator.succeed("check-dr-functions-ready-entities");
    // one table's functions ready is not the region ready
    assertThat(orchestrator.commandSteps()).doesNotContain("fail-over-dns#1");
    orchestrator.succeed("check-dr-functions-ready-events");

    assertThat(orchestrator.commandSteps()).contains("fail-over-dns#1");
  }

  @Test
  void shouldRestoreEveryTableIntoTheDrRegionAndCutEachOverByItsCatalogueEntry() {
    detectRegionalFailure("inc-region");
    orchestrator.succeed("check-dr-region-ready", Map.of("healthy", "true"));
    TABLES.forEach(t -> orchestrator.succeed("check-dr-functions-ready-" + t));
    orchestrator.succeed("fail-over-dns");

    // both tables' restore points looked up in parallel, each from its own table in the failed
    // region
    assertThat(
            ((FindRestorePointCommand) orchestrator.command("find-restore-point-events").value())
                .getTableName())
        .isEqualTo(EVENTS);
    assertThat(
            ((FindRestorePointCommand) orchestrator.command("find-restore-point-entities").value())
                .getVaultRegion())
        .isEqualTo("us-west-2");
    orchestrator.succeed(
        "find-restore-point-entities", snapshotAt("2024-01-15T10:35:00Z", "s3://dr/entities"));
    orchestrator.succeed(
        "find-restore-point-events", snapshotAt("2024-01-15T10:32:00Z", "s3://dr/events"));
    ImportTableSnapshotCommand importEvents =
        (ImportTableSnapshotCommand) orchestrator.command("import-snapshot-events").value();
    assertThat(importEvents.getSnapshotLocation()).isEqualTo("s3://dr/events");
    assertThat(importEvents.getTargetTableName()).isEqualTo(EVENTS + "-recovery");
    assertThat(importEvents.getRegion()).isEqualTo("us-west-2");
    for (String t : TABLES) {
      orchestrator.succeed("import-snapshot-" + t);
      orchestrator.succeed("validate-recovery-" + t, Map.of("passed", "true"));
    }

    CutOverTableCommand entities =
        (CutOverTableCommand) orchestrator.command("cut-over-entities").value();
    CutOverTableCommand events =
        (CutOverTableCommand) orchestrator.command("cut-over-events").value();
    assertThat(
            List.of(
                entities.getFunctionName(),
                entities.getVariableName(),
                entities.getTableName(),
                entities.getRegion()))
        .containsExactly(
            "tyler-setup-entities-handler", "ENTITY_TABLE", ENTITIES + "-recovery", "us-west-2");
    assertThat(
            List.of(
                events.getFunctionName(),
                events.getVariableName(),
                events.getTableName(),
                events.getRegion()))
        .containsExactly(
            "tyler-setup-events-handler", "EVENT_TABLE", EVENTS + "-recovery", "us-west-2");
    orchestrator.succeed("cut-over-entities");
    assertThat(orchestrator.commandSteps()).doesNotContain("verify-service-health#1");
    orchestrator.succeed("cut-over-events");
    orchestrator.succeed("verify-service-health", Map.of("healthy", "true"));
    orchestrator.answerOutstanding();

    assertThat(orchestrator.commandSteps())
        .contains("compare-with-restore-point-entities#1", "compare-with-restore-point-events#1");
    IncidentResolved resolved =
        (IncidentResolved)
            orchestrator.timeline().stream()
                .filter(s -> s.type().equals("IncidentResolved"))
                .findFirst()
                .orElseThrow()
                .value();
    assertThat(resolved.getOutcome()).isEqualTo("RECOVERED");
    // as much lost as the older restore point: impact 10:37, events' backup 10:32
    assertThat(resolved.getMeasuredRpoSeconds()).isEqualTo(Duration.ofMinutes(5).toSeconds());
  }

  @Test
  void shouldEscalateAndNotFailOverWhenAFunctionIsNotReadyInTheDrRegion() {
    detectRegionalFailure("inc-region");
    orchestrator.succeed("check-dr-region-ready", Map.of("healthy", "true"));
    orchestrator.succeed("check-dr-functions-ready-entities");

    orchestrator.fail("check-dr-functions-ready-events", "FunctionNotReady", false);
    orchestrator.advance(Duration.ofMinutes(1));

    // not retried, nothing routed to the DR region, nothing cut over: people are paged instead
    assertThat(orchestrator.commandSteps())
        .doesNotContain(
            "check-dr-functions-ready-events#2",
            "fail-over-dns#1",
            "cut-over-entities#1",
            "cut-over-events#1");
    assertThat(escalations())
        .anySatisfy(
            e ->
                assertThat(e.getReason())
                    .startsWith("step check-dr-functions-ready-events failed: FunctionNotReady"));
    assertThat(orchestrator.incident("inc-region").isOpen()).isTrue();
  }

  static Map<String, String> snapshotAt(String time, String location) {
    return Map.of(
        "kind", "LOGICAL_SNAPSHOT", "restorePointTime", time, "snapshotLocation", location);
  }
}
