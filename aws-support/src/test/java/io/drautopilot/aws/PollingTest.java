package io.drautopilot.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollingTest {

  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(12);

  /** A clock that moves only when the poller sleeps. */
  private long now = 1_000L;

  private final List<Duration> sleeps = new ArrayList<>();
  private final Polling polling =
      new Polling(
          () -> now,
          d -> {
            sleeps.add(d);
            now += d.toNanos();
          });

  private static Iterator<Optional<String>> answers(String... values) {
    List<Optional<String>> list = new ArrayList<>();
    for (String v : values) {
      list.add(Optional.ofNullable(v));
    }
    return list.iterator();
  }

  @Test
  void shouldAnswerAtOnceWithoutSleepingWhenTheFirstCheckIsDone() {
    String value = polling.until("table t ACTIVE", TIMEOUT, INTERVAL, () -> Optional.of("ACTIVE"));

    assertThat(value).isEqualTo("ACTIVE");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldSleepTheIntervalBetweenChecksUntilOneIsDone() {
    Iterator<Optional<String>> answers = answers(null, null, "done");

    String value = polling.until("job done", TIMEOUT, INTERVAL, answers::next);

    assertThat(value).isEqualTo("done");
    assertThat(sleeps).containsExactly(INTERVAL, INTERVAL);
  }

  @Test
  void shouldTimeOutNamingWhatWasAwaitedAfterTheLastCheckPastTheTimeout() {
    AtomicInteger checks = new AtomicInteger();

    assertThatThrownBy(
            () ->
                polling.until(
                    "Route 53 change C1 INSYNC",
                    TIMEOUT,
                    INTERVAL,
                    () -> {
                      checks.incrementAndGet();
                      return Optional.empty();
                    }))
        .isInstanceOfSatisfying(
            Polling.TimedOut.class,
            e -> {
              assertThat(e.awaited()).isEqualTo("Route 53 change C1 INSYNC");
              assertThat(e.timeout()).isEqualTo(TIMEOUT);
            })
        .hasMessage("Route 53 change C1 INSYNC not reached within PT12S");
    // checks at 0 s, 5 s, 10 s and 15 s: only the one past 12 s gives up
    assertThat(checks).hasValue(4);
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void shouldLetTheCheckFailTheWait() {
    assertThatThrownBy(
            () ->
                polling.until(
                    "job done",
                    TIMEOUT,
                    INTERVAL,
                    () -> {
                      throw new IllegalStateException("job FAILED");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("job FAILED");
    assertThat(sleeps).isEmpty();
  }

  @Test
  void shouldStopWhenCancelled() {
    AtomicInteger checks = new AtomicInteger();

    assertThatThrownBy(
            () ->
                polling.until(
                    "table t gone",
                    TIMEOUT,
                    INTERVAL,
                    () -> checks.get() >= 2,
                    () -> {
                      checks.incrementAndGet();
                      return Optional.empty();
                    }))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("table t gone");
    assertThat(checks).hasValue(2);
  }

  @Test
  void shouldKeepTheInterruptWhenInterruptedWhileSleeping() {
    Polling interrupted =
        new Polling(
            () -> 0L,
            d -> {
              throw new InterruptedException();
            });

    try {
      assertThatThrownBy(() -> interrupted.until("job done", TIMEOUT, INTERVAL, Optional::empty))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("interrupted while waiting for job done");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
