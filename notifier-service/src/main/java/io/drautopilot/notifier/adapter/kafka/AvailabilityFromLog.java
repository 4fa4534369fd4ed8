package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.notifier.domain.report.MonthlyAvailability;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * The month's availability from every incident's impact window: the report's SLA section and the
 * {@code dr.sla.*} gauges read the same figures (the projection's windows), and drctl's report those
 * of the timeline it read.
 */
public class AvailabilityFromLog {

  private final Supplier<List<MonthlyAvailability.ImpactWindow>> windows;
  private final double targetPercent;
  private final Clock clock;

  /**
   * @param windows every incident's impact window, read at each call (e.g. {@link
   *     IncidentLogProjection#impactWindows})
   */
  public AvailabilityFromLog(
      Supplier<List<MonthlyAvailability.ImpactWindow>> windows, double targetPercent, Clock clock) {
    this.windows = windows;
    this.targetPercent = targetPercent;
    this.clock = clock;
  }

  /** The month (UTC) that contains {@code at}, up to now. */
  public MonthlyAvailability monthOf(Instant at) {
    return MonthlyAvailability.of(
        YearMonth.from(at.atOffset(ZoneOffset.UTC)), windows.get(), targetPercent, clock.instant());
  }

  public MonthlyAvailability currentMonth() {
    return monthOf(clock.instant());
  }
}
