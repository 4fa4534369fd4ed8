package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Sent;
import io.drautopilot.orchestrator.engine.EngineSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * A handler the orchestrator has never heard of: its schemas exist only in the test resources
 * (with their own schema-history index), its route only in this test's configuration.
 */
class TestOnlyHandlerTest {

  @Test
  void shouldRouteAndReadAHandlerThatExistsOnlyInConfigurationAndSchemas() {
    Map<String, String> routes = new LinkedHashMap<>(ContractActionCatalog.defaultRoutes());
    routes.put("quarantine", "dr.commands.quarantine");
    Instant t0 = Instant.parse("2024-01-15T10:40:00Z");
    try (OrchestratorDriver orchestrator =
        new OrchestratorDriver(
            t0, routes, Map.of(), EngineSettings.defaults(), "test-runbooks", null)) {
      orchestrator.detect(
          OrchestratorDriver.detection(
              "inc-q", "fp-q", Scenario.SECURITY_BREACH, Severity.P1, "mallory", t0, t0));

      Sent command = orchestrator.command("quarantine-user");
      assertThat(command.topic()).isEqualTo("dr.commands.quarantine");
      assertThat(command.type()).isEqualTo("QuarantineUserCommand");
      assertThat(command.value()).isInstanceOf(GenericRecord.class);
      assertThat(String.valueOf(command.get("userName"))).isEqualTo("mallory");
      assertThat(String.valueOf(command.get("reason"))).isEqualTo("breach");
      assertThat(command.metadata().getRunbookVersion()).isEqualTo(3);

      orchestrator.succeed(
          "quarantine-user", Map.of("policyArn", "arn:aws:iam::aws:policy/AWSDenyAll"));

      NotifyContactsCommand report =
          (NotifyContactsCommand) orchestrator.command("report-quarantine").value();
      assertThat(report.getFacts()).containsEntry("policy", "arn:aws:iam::aws:policy/AWSDenyAll");
    }
  }
}
