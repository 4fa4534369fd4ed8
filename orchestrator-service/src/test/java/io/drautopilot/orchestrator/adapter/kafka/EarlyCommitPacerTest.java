package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When a stream thread asks Kafka Streams to commit a step's outputs: an incident stepping alone at
 * once, steps arriving together batched by the spacing (times in milliseconds, given).
 */
class EarlyCommitPacerTest {

  final EarlyCommit.Pacer pacer = new EarlyCommit.Pacer(20);

  boolean stepAt(long ms) {
    pacer.outputReady();
    return pacer.mayAsk(ms);
  }

  @Test
  void shouldCommitEachStepOfAnIncidentSteppingAloneAtOnceWithinTheSpacing() {
    assertThat(stepAt(0)).isTrue();
    // its next step 10 ms later: the last commit carried one step, this is the only one since
    assertThat(stepAt(10)).isTrue();
    assertThat(stepAt(21)).isTrue();
    assertThat(stepAt(27)).isTrue();
  }

  @Test
  void shouldBatchStepsThatArriveTogetherUntilTheSpacingHasPassed() {
    assertThat(stepAt(0)).isTrue();
    // a burst: the second step only 1 ms later is not quiet enough, the third is not alone
    assertThat(stepAt(1)).isFalse();
    assertThat(stepAt(6)).isFalse();
    assertThat(pacer.mayAsk(12)).isFalse();
    // the spacing has passed: one commit for the three
    assertThat(pacer.mayAsk(20)).isTrue();
    // that commit carried several steps: the next one waits for the spacing, even alone
    assertThat(stepAt(30)).isFalse();
    assertThat(pacer.mayAsk(40)).isTrue();
  }

  @Test
  void shouldBeQuietAgainOnceACommitCarriedOneStep() {
    stepAt(0);
    stepAt(1);
    pacer.mayAsk(20); // carried two
    assertThat(stepAt(45)).isTrue(); // spacing passed; this commit carries one
    assertThat(stepAt(51)).isTrue(); // quiet: at once
  }
}
