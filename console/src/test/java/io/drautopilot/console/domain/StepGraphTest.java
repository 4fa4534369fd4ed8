package io.drautopilot.console.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepGraphTest {

  @Test
  void shouldPlaceEachStepRightOfEveryStepItWaitsFor() {
    // given a diamond: notify and isolate start together, restore waits for isolate, verify waits
    // for both branches
    List<StepGraph.Node> nodes =
        List.of(
            new StepGraph.Node("notify", List.of()),
            new StepGraph.Node("isolate", List.of()),
            new StepGraph.Node("restore", List.of("isolate")),
            new StepGraph.Node("verify", List.of("restore", "notify", "not-in-this-runbook")));

    // when
    StepGraph.Layout layout = StepGraph.layout(nodes);

    // then
    assertThat(layout.nodes())
        .containsExactly(
            new StepGraph.Placed("notify", 0, 0), new StepGraph.Placed("isolate", 0, 1),
            new StepGraph.Placed("restore", 1, 0), new StepGraph.Placed("verify", 2, 0));
    assertThat(layout.edges())
        .containsExactly(
            new StepGraph.Edge("isolate", "restore"),
            new StepGraph.Edge("restore", "verify"),
            new StepGraph.Edge("notify", "verify"));
    assertThat(layout.layers()).isEqualTo(3);
    assertThat(layout.rows()).isEqualTo(2);
  }
}
