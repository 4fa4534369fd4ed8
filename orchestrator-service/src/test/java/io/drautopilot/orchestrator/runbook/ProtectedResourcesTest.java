package io.drautopilot.orchestrator.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProtectedResourcesTest {

  @Test
  void shouldShipTheSeedAndSandboxTablesWithTheirVariablesWhenNoFileIsConfigured() {
    ProtectedResources catalogue = RunbookFiles.protectedResources(null);

    assertThat(
            catalogue.forTable("candlefish-employee-setup-lean-prod-events").orElseThrow().values())
        .containsEntry("function", "tyler-setup-events-handler")
        .containsEntry("tableVariable", "EVENT_TABLE")
        .containsEntry("circuitBreakerVariable", "CIRCUIT_BREAKER_EVENTS");
    assertThat(
            catalogue
                .forTable("candlefish-employee-setup-lean-prod-entities")
                .orElseThrow()
                .values())
        .containsEntry("function", "tyler-setup-entities-handler")
        .containsEntry("tableVariable", "ENTITY_TABLE");
    assertThat(catalogue.forTable("tyler-setup-sandbox-events")).isPresent();
    assertThat(catalogue.forTable("tyler-setup-sandbox-entities")).isPresent();
  }

  @Test
  void shouldFailNamingFileEntryAndFieldWhenATableHasNoVariable() {
    String yaml =
        """
        tables:
          - name: events
            table: t-events
            functions: [fn]
            circuitBreakerVariable: CB
        """;

    assertThatThrownBy(() -> ProtectedResources.parse("tables.yml", yaml))
        .isInstanceOf(RunbookException.class)
        .hasMessage("tables.yml: tables[0] tableVariable: missing field 'tableVariable'");
  }

  @Test
  void shouldFailNamingTheFieldWhenAnEntryHasAnUnknownOne() {
    String yaml =
        """
        tables:
          - name: events
            table: t-events
            functions: [fn]
            tableVariable: T
            circuitBreakerVariable: CB
            vault: v
        """;

    assertThatThrownBy(() -> ProtectedResources.parse("tables.yml", yaml))
        .hasMessageStartingWith("tables.yml: tables[0] vault: unknown field");
  }
}
