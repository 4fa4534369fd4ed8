package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Input;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");

  @Test
  void shouldEmitTheSameCommandsAndTimelineWhenTheRecordedInputsAreReplayed() {
    List<Input> inputs;
    List<String> original;
    try (OrchestratorDriver first = new OrchestratorDriver(T0)) {
      first.detect(
          OrchestratorDriver.detection(
              "inc-r",
              "fp-r",
              Scenario.TABLE_CORRUPTION,
              Severity.P2,
              "candlefish-employee-setup-lean-prod-entities",
              T0.minus(Duration.ofMinutes(3)),
              T0));
      first.detect(
          OrchestratorDriver.detection(
              "inc-r2",
              "fp-r",
              Scenario.TABLE_CORRUPTION,
              Severity.P1,
              "candlefish-employee-setup-lean-prod-entities",
              T0,
              T0));
      first.fail("open-circuit-breaker", "Throttled", true);
      first.advance(Duration.ofSeconds(5));
      first.advance(Duration.ofMinutes(16));
      first.acknowledge("inc-r", "oncall@example.org");
      AllRunbooksHappyPathTest.answerEverythingUntilClosed(first, "inc-r");
      inputs = first.recordedInputs();
      original = render(first.all());
    }

    List<String> replayed;
    try (OrchestratorDriver second = new OrchestratorDriver(T0)) {
      inputs.forEach(i -> second.pipe(i.topic(), i.key(), i.value(), i.at()));
      replayed = render(second.all());
    }

    assertThat(original).hasSizeGreaterThan(40);
    assertThat(replayed).containsExactlyElementsOf(original);
  }

  @Test
  void shouldRenderTheSameApproversWhenABreachIsReplayed() {
    List<Input> inputs;
    List<String> original;
    try (OrchestratorDriver first = new OrchestratorDriver(T0)) {
      first.detect(
          OrchestratorDriver.detection(
              "inc-s",
              "fp-s",
              Scenario.SECURITY_BREACH,
              Severity.P1,
              "candlefish-employee-setup-lean-prod-entities",
              T0,
              T0));
      first.acknowledge("inc-s", "oncall@example.org");
      AllRunbooksHappyPathTest.answerEverythingUntilClosed(first, "inc-s");
      assertThat(
              ((List<?>) first.command("schedule-key-deletion").get("approvedBy"))
                  .stream().map(String::valueOf).toList())
          .containsExactly("alice", "bob");
      inputs = first.recordedInputs();
      original = render(first.all());
    }

    List<String> replayed;
    try (OrchestratorDriver second = new OrchestratorDriver(T0)) {
      inputs.forEach(i -> second.pipe(i.topic(), i.key(), i.value(), i.at()));
      replayed = render(second.all());
    }

    assertThat(replayed).containsExactlyElementsOf(original);
  }

  /** Per topic in emission order (the driver reads topics one after the other, so compare them that way). */
  private static List<String> render(List<Sent> sent) {
    return sent.stream()
        .sorted(java.util.Comparator.comparing(Sent::topic))
        .map(s -> s.topic() + " " + s.key() + " " + s.value())
        .toList();
  }

  static Map<String, String> none() {
    return Map.of();
  }
}
