package io.drautopilot.detector.adapter.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.detector.domain.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProbeHealthTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  final ProbeHealth health = new ProbeHealth(clock, Duration.ofMinutes(5), metrics);

  double blindGauge() {
    return metrics
        .get("dr.detector.probe.blind")
        .tag("probe", "cloudwatch-metrics")
        .tag("region", "us-east-1")
        .gauge()
        .value();
  }

  @Test
  void shouldStayUpButNameTheFailureBeforeTheBlindTimeHasPassed() {
    health.blind("cloudwatch-metrics", "us-east-1", "GetMetricData: throttled");
    clock.advance(Duration.ofMinutes(4));
    health.blind("cloudwatch-metrics", "us-east-1", "GetMetricData: throttled");

    assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    assertThat(health.health().getDetails().get("cloudwatch-metrics/us-east-1").toString())
        .contains("failingSince=2026-01-15T10:00:00Z")
        .contains("blind=false");
    assertThat(blindGauge()).isZero();
  }

  @Test
  void shouldReportBlindOnceTheProbeHasFailedForTheConfiguredTime() {
    health.blind("cloudwatch-metrics", "us-east-1", "first");
    clock.advance(Duration.ofMinutes(5));
    health.blind("cloudwatch-metrics", "us-east-1", "GetMetricData: AccessDenied");

    assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
    assertThat(health.health().getDetails().get("cloudwatch-metrics/us-east-1").toString())
        .contains("AccessDenied")
        .contains("blind=true");
    assertThat(blindGauge()).isEqualTo(1.0);
    assertThat(metrics.get("dr.detector.probe.failures").counter().count()).isEqualTo(2.0);
  }

  @Test
  void shouldSeeAgainAfterOneSuccess() {
    health.blind("cloudwatch-metrics", "us-east-1", "down");
    clock.advance(Duration.ofMinutes(10));
    health.blind("cloudwatch-metrics", "us-east-1", "down");

    health.seeing("cloudwatch-metrics", "us-east-1");

    assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
    assertThat(health.health().getDetails()).isEmpty();
    assertThat(blindGauge()).isZero();
  }
}
