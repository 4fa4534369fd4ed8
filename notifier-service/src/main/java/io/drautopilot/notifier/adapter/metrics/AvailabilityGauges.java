package io.drautopilot.notifier.adapter.metrics;

import io.drautopilot.notifier.domain.report.MonthlyAvailability;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The current month's availability against the SLA as gauges: {@code dr.sla.availability} (percent),
 * {@code dr.sla.downtime} and {@code dr.sla.budget.remaining} (seconds; negative once the budget is
 * spent), tagged with the target. The figures come from a scan of every incident's timeline, so one
 * reading serves the three gauges of a scrape; a store that cannot be read yet reads NaN, not 100 %.
 */
public class AvailabilityGauges {

  private static final Duration FRESH_FOR = Duration.ofSeconds(10);

  private final Supplier<MonthlyAvailability> currentMonth;
  private final Clock clock;
  private MonthlyAvailability last;
  private Instant readAt;

  public AvailabilityGauges(Supplier<MonthlyAvailability> currentMonth, Clock clock) {
    this.currentMonth = currentMonth;
    this.clock = clock;
  }

  public void bindTo(MeterRegistry registry, double targetPercent) {
    String target = String.format(Locale.ROOT, "%s", targetPercent);
    gauge(
        registry,
        "dr.sla.availability",
        "percent",
        target,
        "The month's availability so far (UTC calendar month)",
        MonthlyAvailability::availabilityPercent);
    gauge(
        registry,
        "dr.sla.downtime",
        "seconds",
        target,
        "The month's merged incident impact",
        a -> a.downtime().toMillis() / 1000.0);
    gauge(
        registry,
        "dr.sla.budget.remaining",
        "seconds",
        target,
        "What is left of the month's downtime budget at the target; negative once spent",
        a -> a.budgetRemaining().toMillis() / 1000.0);
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String unit,
      String target,
      String description,
      ToDoubleFunction<MonthlyAvailability> value) {
    Gauge.builder(name, this, g -> g.read(value))
        .baseUnit(unit)
        .tag("target", target)
        .description(description)
        .register(registry);
  }

  double read(ToDoubleFunction<MonthlyAvailability> value) {
    MonthlyAvailability a = current();
    return a == null ? Double.NaN : value.applyAsDouble(a);
  }

  private synchronized MonthlyAvailability current() {
    Instant now = clock.instant();
    if (last == null || readAt == null || !now.isBefore(readAt.plus(FRESH_FOR))) {
      try {
        last = currentMonth.get();
        readAt = now;
      } catch (RuntimeException e) {
        // not readable yet (starting, rebalancing): no figure rather than a wrong one
        return null;
      }
    }
    return last;
  }
}
