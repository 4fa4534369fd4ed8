package io.drautopilot.detector.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.detector.domain.RunbookScenario;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The adapters map the domain's scenarios to the contract's and back by name (KafkaIncidentPublisher,
 * OpenProblemsLoader): a scenario added on one side only must fail here, not at the first detection.
 */
class RunbookScenarioContractTest {

  @Test
  void shouldNameExactlyTheContractsScenarios() {
    assertThat(Arrays.stream(RunbookScenario.values()).map(Enum::name))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Scenario.values()).map(Enum::name).toList());
  }
}
