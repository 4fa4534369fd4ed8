package io.drautopilot.containment.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How much of the audit log a forensic export covers. The incident's own window (impact start to detection) can be
 * far shorter than the breach: the detector sees a breach some time after it began, and the seed exports a whole day
 * ({@code filter-log-events} start and end 24 hours apart). So the window asked for is widened back to at least
 * {@code minimum} before its end, and, so that one export cannot read the log group's whole retention, cut to at most
 * {@code maximum} before its end.
 */
public record AuditWindow(Duration minimum, Duration maximum) {

  /** The seed's window: a day, and at most a week. */
  public static final AuditWindow SEED = new AuditWindow(Duration.ofHours(24), Duration.ofDays(7));

  public AuditWindow {
    if (minimum == null || minimum.isNegative()) {
      throw new IllegalArgumentException(
          "the audit export's minimum window must be zero or more, was " + minimum);
    }
    if (maximum == null || maximum.compareTo(minimum) < 0 || maximum.isZero()) {
      throw new IllegalArgumentException(
          "the audit export's maximum window ("
              + maximum
              + ") must be positive and at least its minimum window ("
              + minimum
              + ")");
    }
  }

  /** The start of the export that covers {@code start..end}: at least {@code minimum}, at most {@code maximum}. */
  public Instant startFor(Instant start, Instant end) {
    Instant earliest = end.minus(maximum);
    Instant latest = end.minus(minimum);
    Instant widened = start.isAfter(latest) ? latest : start;
    return widened.isBefore(earliest) ? earliest : widened;
  }
}
