package io.drautopilot.validation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadRunnerTest {

  @Test
  void shouldMakeExactlyNRequestsAndCountErrors() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    PerformanceReport report = new LoadRunner().run(200, 8, i -> {
      calls.incrementAndGet();
      if (i % 10 == 0) {
        throw new IllegalStateException("boom");
      }
    }, 10_000, 0.05);

    assertThat(calls.get()).isEqualTo(200);
    assertThat(report.requests()).isEqualTo(200);
    assertThat(report.errorRate()).isEqualTo(0.1);
    assertThat(report.passed()).isFalse();
  }

  @Test
  void shouldFailWhenP99IsAboveTheThreshold() throws Exception {
    PerformanceReport report = new LoadRunner().run(50, 5, i -> {
      if (i == 0) {
        Thread.sleep(30);
      }
    }, 5, 0.5);

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
}
