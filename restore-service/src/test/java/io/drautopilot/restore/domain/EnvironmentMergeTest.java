package io.drautopilot.restore.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentMergeTest {

  @Test
  void shouldKeepEveryExistingVariableAndSetOnlyTheNamedOnes() {
    EnvironmentMerge m =
        EnvironmentMerge.of(
            Map.of("ENTITY_TABLE", "entities", "API_KEY", "s3cr3t"),
            Map.of("CIRCUIT_BREAKER_ENTITIES", "OPEN"));

    assertThat(m.merged())
        .containsOnly(
            Map.entry("ENTITY_TABLE", "entities"),
            Map.entry("API_KEY", "s3cr3t"),
            Map.entry("CIRCUIT_BREAKER_ENTITIES", "OPEN"));
    assertThat(m.previousValues()).isEmpty();
    assertThat(m.changed()).isTrue();
  }

  @Test
  void shouldRecordOnlyThePreviousValuesOfTheVariablesItSets() {
    EnvironmentMerge m =
        EnvironmentMerge.of(
            Map.of("ENTITY_TABLE", "entities", "API_KEY", "s3cr3t"),
            Map.of("ENTITY_TABLE", "entities-recovery"));

    assertThat(m.previousValues()).containsOnly(Map.entry("ENTITY_TABLE", "entities"));
  }

  @Test
  void shouldReportNoChangeWhenTheVariablesAlreadyHaveTheWantedValues() {
    assertThat(
            EnvironmentMerge.of(
                    Map.of("CIRCUIT_BREAKER_ENTITIES", "OPEN"),
                    Map.of("CIRCUIT_BREAKER_ENTITIES", "OPEN"))
                .changed())
        .isFalse();
  }
}
