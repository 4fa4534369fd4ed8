package io.drautopilot.restore.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  final Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), 10);

  @Test
  void shouldDoubleTheCeilingWithEveryAttemptUpToTheMaximum() {
    assertThat(backoff.delayBeforeRetry(1, () -> 0.999).toMillis()).isEqualTo(99);
    assertThat(backoff.delayBeforeRetry(3, () -> 0.999).toMillis()).isEqualTo(399);
    assertThat(backoff.delayBeforeRetry(20, () -> 0.999).toMillis()).isEqualTo(4995);
  }

  @Test
  void shouldJitterTheWholeRangeDownToZero() {
    assertThat(backoff.delayBeforeRetry(5, () -> 0.0)).isEqualTo(Duration.ZERO);
    assertThat(backoff.delayBeforeRetry(5, () -> 0.5).toMillis()).isEqualTo(800);
  }
}
