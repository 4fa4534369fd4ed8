package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.timeline.StepFailed;
import io.drautopilot.orchestrator.engine.EngineSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A parameter that renders to a value the command's field cannot hold (here a table name for an
 * int) is known only at run time. The run does not crash and the input is not lost: the step fails
 * with a typed, non-retryable INVALID_PARAMETERS failure on the timeline, no command is sent, and
 * the step's failure policy decides what happens next.
 */
class InvalidParameterTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");

  @Test
  void shouldFailTheStepWithoutRetryAndFollowItsPolicyWhenARenderedParameterCannotBeConverted() {
    try (OrchestratorDriver orchestrator =
        new OrchestratorDriver(
            T0,
            OrchestratorDriver.routes(),
            Map.of(),
            EngineSettings.defaults(),
            "invalid-parameter-runbooks",
            null)) {
      // given a runbook whose sampleSize (int) is rendered from the affected table's name
      // when an incident on table "entities" opens it
      orchestrator.detect(
          OrchestratorDriver.detection(
              "inc-param", "fp-param", Scenario.TABLE_CORRUPTION, Severity.P2, "entities", T0, T0));
      orchestrator.advance(
          Duration.ofSeconds(10)); // past the retry backoff: still no second attempt

      // then the step failed, typed, without a command and without a retry
      List<StepFailed> failures =
          orchestrator.timeline().stream()
              .filter(s -> s.value() instanceof StepFailed)
              .map(s -> (StepFailed) s.value())
              .toList();
      assertThat(failures).hasSize(1);
      StepFailed failed = failures.get(0);
      assertThat(failed.getMetadata().getStepId()).isEqualTo("validate-table");
      assertThat(failed.getAction()).isEqualTo("validation.validateTable");
      assertThat(failed.getFailure().getCode()).isEqualTo("INVALID_PARAMETERS");
      assertThat(failed.getFailure().getMessage()).contains("'entities' is not a int");
      assertThat(failed.getFailure().getRetryable()).isFalse();
      assertThat(failed.getWillRetry()).isFalse();
      assertThat(orchestrator.commandSteps()).noneMatch(s -> s.startsWith("validate-table#"));

      // and its policy (continue) lets the run go on with the next step
      assertThat(orchestrator.commandSteps()).contains("report-validation#1");
      assertThat(orchestrator.incident("inc-param").isOpen()).isTrue();
    }
  }
}
