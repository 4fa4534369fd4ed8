package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * When a stream thread asks Kafka Streams to commit a step's outputs: an incident stepping alone at
 * once, steps arriving together batched by the spacing (times in milliseconds, given).
 */
class EarlyCommitPacerTest {

  final EarlyCommit.Pacer pacer = new EarlyCommit.Pacer(40); // quiet gap: 5 ms

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
  void shouldCommitAParallelBranchsFewStepsWithoutWaitingForTheSpacing() {
    assertThat(stepAt(0)).isTrue();
    // two results of parallel branches 10 ms later, in one poll: the first asks at once, the second
    // (within the quiet gap) at the next check
    assertThat(stepAt(10)).isTrue();
    assertThat(stepAt(10)).isFalse();
    assertThat(pacer.mayAsk(15)).isTrue();
    // and the step after them is still quiet
    assertThat(stepAt(25)).isTrue();
  }

  @Test
  void shouldBatchStepsThatArriveTogetherUntilTheSpacingHasPassed() {
    assertThat(stepAt(0)).isTrue();
    // a burst: its first step finds the thread quiet, the next five (more than a few) wait
    assertThat(stepAt(6)).isTrue();
    for (int ms = 7; ms <= 11; ms++) {
      assertThat(stepAt(ms)).as("step at %d ms", ms).isFalse();
    }
    assertThat(pacer.mayAsk(30)).isFalse();
    // the spacing has passed: one commit for the five
    assertThat(pacer.mayAsk(46)).isTrue();
    // that commit carried more than a few steps: the next one waits for the spacing, even alone
    assertThat(stepAt(56)).isFalse();
    assertThat(pacer.mayAsk(86)).isTrue();
  }

  @Test
  void shouldBeQuietAgainOnceACommitCarriedAFewSteps() {
    stepAt(0);
    for (int ms = 1; ms <= 6; ms++) {
      stepAt(ms);
    }
    assertThat(pacer.mayAsk(40)).isTrue(); // carried six
    assertThat(stepAt(85)).isTrue(); // spacing passed; this commit carries one
    assertThat(stepAt(91)).isTrue(); // quiet: at once
  }
}
