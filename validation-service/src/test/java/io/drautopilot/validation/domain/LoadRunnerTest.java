package io.drautopilot.validation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.messaging.command.ProgressListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

  @Test
  void shouldMakeExactlyNRequestsAndCountErrors() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    PerformanceReport report =
        new LoadRunner()
            .run(
                200,
                8,
                i -> {
                  calls.incrementAndGet();
                  if (i % 10 == 0) {
                    throw new IllegalStateException("boom");
                  }
                },
                10_000,
                0.05);

    assertThat(calls.get()).isEqualTo(200);
    assertThat(report.requests()).isEqualTo(200);
    assertThat(report.errorRate()).isEqualTo(0.1);
    assertThat(report.passed()).isFalse();
  }

  @Test
  void shouldFailWhenP99IsAboveTheThreshold() throws Exception {
    PerformanceReport report =
        new LoadRunner()
            .run(
                50,
                5,
                i -> {
                  if (i == 0) {
                    Thread.sleep(30);
                  }
                },
                5,
                0.5);

    // nearest rank: p99 of 50 requests is the slowest one
    assertThat(report.p99Millis()).isGreaterThanOrEqualTo(30.0);
    assertThat(report.p50Millis()).isLessThanOrEqualTo(report.p95Millis());
    assertThat(report.passed()).isFalse();
  }

  @Test
  void shouldComputeNearestRankPercentiles() {
    long[] nanos = new long[100];
    for (int i = 0; i < 100; i++) {
      nanos[i] = (i + 1) * 1_000_000L;
    }

    assertThat(LoadRunner.percentileMillis(nanos, 0.50)).isEqualTo(50.0);
    assertThat(LoadRunner.percentileMillis(nanos, 0.95)).isEqualTo(95.0);
    assertThat(LoadRunner.percentileMillis(nanos, 0.99)).isEqualTo(99.0);
  }

  @Test
  void shouldKeepTheLoadOnForTheDurationAndReportProgressWhenADurationIsGiven() throws Exception {
    // given a clock that moves on a second per read: the run reads it once per request
    SteppingClock clock = new SteppingClock(Duration.ofSeconds(1));
    RecordedProgress progress = new RecordedProgress();
    AtomicInteger calls = new AtomicInteger();

    // when it runs for 20 s with room for 1000 requests
    PerformanceReport report =
        new LoadRunner()
            .run(
                1000,
                Duration.ofSeconds(20),
                Duration.ZERO,
                1,
                i -> calls.incrementAndGet(),
                10_000,
                0.0,
                progress,
                clock);

    // then a request per second until the time is up (read at 1 s .. 19 s), and a report every 2 s
    assertThat(calls.get()).isEqualTo(19);
    assertThat(report.requests()).isEqualTo(19);
    assertThat(report.passed()).isTrue();
    assertThat(progress.reports()).hasSize(9);
    assertThat(progress.reports().get(0).message()).isEqualTo("1 requests, 0 errors, 2 s of 20 s");
    assertThat(progress.reports().get(8).itemsDone()).isEqualTo(17);
  }

  @Test
  void shouldStopAtTheRequestCapWhenItComesBeforeTheDuration() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    PerformanceReport report =
        new LoadRunner()
            .run(
                50,
                Duration.ofHours(1),
                Duration.ZERO,
                4,
                i -> calls.incrementAndGet(),
                10_000,
                0.0,
                ProgressListener.NONE,
                new SteppingClock(Duration.ofMillis(1)));

    assertThat(calls.get()).isEqualTo(50);
    assertThat(report.requests()).isEqualTo(50);
  }

  @Test
  void shouldLeaveTheWarmUpsRequestsOutOfTheFiguresAndThenMeasureForTheWholeDuration()
      throws Exception {
    // given a clock that moves on a second per read (one read per request, read at 0 s when the run
    // starts), and a target whose first four calls are slow and fail (its connection, its cold
    // code), then fast and fine
    SteppingClock clock = new SteppingClock(Duration.ofSeconds(1));
    AtomicInteger calls = new AtomicInteger();
    LoadRunner.Probe coldThenWarm =
        i -> {
          if (calls.incrementAndGet() <= 4) {
            Thread.sleep(40);
            throw new java.io.IOException("cold");
          }
        };

    // when it warms up for 5 s, then measures for 10 s
    PerformanceReport report =
        new LoadRunner()
            .run(
                1000,
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                1,
                coldThenWarm,
                30,
                0.0,
                ProgressListener.NONE,
                clock);

    // then the requests read at 1-4 s are the warm-up, counted apart; those at 5-14 s are measured
    assertThat(report.warmUpRequests()).isEqualTo(4);
    assertThat(report.requests()).isEqualTo(10);
    assertThat(report.errorRate()).isZero();
    assertThat(report.p99Millis()).isLessThan(30.0);
    assertThat(report.passed()).isTrue();
  }

  @Test
  void shouldMeasureTheColdRequestsWhenThereIsNoWarmUp() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    PerformanceReport report =
        new LoadRunner()
            .run(
                1000,
                Duration.ofSeconds(10),
                Duration.ZERO,
                1,
                i -> {
                  if (calls.incrementAndGet() <= 5) {
                    throw new java.io.IOException("cold");
                  }
                },
                10_000,
                0.0,
                ProgressListener.NONE,
                new SteppingClock(Duration.ofSeconds(1)));

    assertThat(report.warmUpRequests()).isZero();
    assertThat(report.errorRate()).isGreaterThan(0.5);
    assertThat(report.passed()).isFalse();
  }
}
