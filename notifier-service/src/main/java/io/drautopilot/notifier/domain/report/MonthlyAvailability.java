package io.drautopilot.notifier.domain.report;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The seed's availability SLA (99.99 %) for one calendar month (UTC), from the incidents' impact
 * windows: impact start to resolution, an open incident up to now. Windows that overlap (two incidents
 * at once, a table incident inside a regional one) are merged, so a minute of outage counts once; a
 * window that spans a month boundary counts in each month for its part. The budget is the month's
 * length times (100 % - target): about 4.3 minutes in a 30-day month at 99.99 %.
 *
 * @param month the calendar month, UTC
 * @param targetPercent e.g. 99.99
 * @param downtime the merged impact within the month (up to now for the current month)
 * @param budget the downtime the target allows in the whole month
 * @param availabilityPercent 100 × (1 - downtime / the month's length)
 * @param incidents the incidents with impact in the month
 */
public record MonthlyAvailability(
    YearMonth month,
    double targetPercent,
    Duration downtime,
    Duration budget,
    double availabilityPercent,
    int incidents) {

  /** One incident's impact: from impact start to resolution; {@code end} null while it is still open. */
  public record ImpactWindow(String incidentId, Instant start, Instant end) {}

  public static MonthlyAvailability of(
      YearMonth month, List<ImpactWindow> windows, double targetPercent, Instant now) {
    if (!(targetPercent > 0 && targetPercent < 100)) {
      throw new IllegalArgumentException(
          "availability target must be between 0 and 100 %, got " + targetPercent);
    }
    Instant from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    Duration length = Duration.between(from, to);
    List<Instant[]> clipped = new ArrayList<>();
    int incidents = 0;
    for (ImpactWindow w : windows) {
      if (w.start() == null) {
        continue;
      }
      Instant end = w.end() != null ? w.end() : now;
      Instant s = max(w.start(), from);
      Instant e = min(end, to);
      if (e.isAfter(s)) {
        clipped.add(new Instant[] {s, e});
        incidents++;
      }
    }
    clipped.sort(Comparator.comparing(w -> w[0]));
    Duration downtime = Duration.ZERO;
    Instant runStart = null;
    Instant runEnd = null;
    for (Instant[] w : clipped) {
      if (runEnd != null && !w[0].isAfter(runEnd)) {
        runEnd = max(runEnd, w[1]);
      } else {
        if (runEnd != null) {
          downtime = downtime.plus(Duration.between(runStart, runEnd));
        }
        runStart = w[0];
        runEnd = w[1];
      }
    }
    if (runEnd != null) {
      downtime = downtime.plus(Duration.between(runStart, runEnd));
    }
    Duration budget =
        Duration.ofMillis(Math.round(length.toMillis() * (100.0 - targetPercent) / 100.0));
    double availability = 100.0 * (1.0 - (double) downtime.toMillis() / length.toMillis());
    return new MonthlyAvailability(month, targetPercent, downtime, budget, availability, incidents);
  }

  /** What is left of the month's budget; negative once it is spent. */
  public Duration budgetRemaining() {
    return budget.minus(downtime);
  }

  public boolean met() {
    return downtime.compareTo(budget) <= 0;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
