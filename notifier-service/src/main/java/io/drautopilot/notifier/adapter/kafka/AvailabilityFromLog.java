package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.notifier.domain.report.MonthlyAvailability;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The month's availability from every incident the projection holds: the report's SLA section and the
 * {@code dr.sla.*} gauges read the same figures.
 */
public class AvailabilityFromLog {

  private final IncidentLogProjection projection;
  private final double targetPercent;
  private final Clock clock;

  public AvailabilityFromLog(IncidentLogProjection projection, double targetPercent, Clock clock) {
    this.projection = projection;
    this.targetPercent = targetPercent;
    this.clock = clock;
  }

  /** The month (UTC) that contains {@code at}, up to now. */
  public MonthlyAvailability monthOf(Instant at) {
    return MonthlyAvailability.of(
        YearMonth.from(at.atOffset(ZoneOffset.UTC)),
        projection.impactWindows(),
        targetPercent,
        clock.instant());
  }

  public MonthlyAvailability currentMonth() {
    return monthOf(clock.instant());
  }
}
