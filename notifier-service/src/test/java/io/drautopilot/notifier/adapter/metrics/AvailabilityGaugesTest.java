package io.drautopilot.notifier.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.notifier.domain.report.MonthlyAvailability;
import io.drautopilot.notifier.domain.report.MonthlyAvailability.ImpactWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityGaugesTest {

  static final Instant NOW = Instant.parse("2026-06-20T00:00:00Z");
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void shouldPublishTheMonthsAvailabilityDowntimeAndWhatIsLeftOfTheBudget() {
    // 6 minutes down in June: over the 4.32-minute budget at 99.99 %
    new AvailabilityGauges(
            () ->
                MonthlyAvailability.of(
                    YearMonth.of(2026, 6),
                    List.of(
                        new ImpactWindow(
                            "inc-1",
                            Instant.parse("2026-06-10T10:00:00Z"),
                            Instant.parse("2026-06-10T10:06:00Z"))),
                    99.99,
                    NOW),
            clock)
        .bindTo(registry, 99.99);

    assertThat(registry.get("dr.sla.downtime").tag("target", "99.99").gauge().value())
        .isEqualTo(360.0);
    assertThat(registry.get("dr.sla.budget.remaining").gauge().value())
        .isEqualTo(-100.8); // 259.2 s budget - 360 s
    assertThat(registry.get("dr.sla.availability").gauge().value()).isLessThan(99.99);
  }

  @Test
  void shouldReadNoFigureWhileTheIncidentLogCannotBeRead() {
    new AvailabilityGauges(
            () -> {
              throw new IllegalStateException("store not queryable");
            },
            clock)
        .bindTo(registry, 99.99);

    assertThat(registry.get("dr.sla.availability").gauge().value()).isNaN();
  }
}
