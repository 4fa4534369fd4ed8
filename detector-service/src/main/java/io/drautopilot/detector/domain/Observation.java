package io.drautopilot.detector.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One result of one check: a probe run against one resource in one region, or an inbound alert.
 *
 * @param check what was checked (e.g. {@code table-availability}, {@code alert:alertmanager:DynamoDBDown}); with
 *     region and resource it identifies the series that flap damping counts
 * @param signal when failing, what was seen (e.g. {@code table-missing}); the classification rules match on it
 * @param resource the table (or endpoint) concerned, or null for region-wide checks
 * @param value a measured value the rules can compare (a metric sum, a violation ratio), or null
 * @param preConfirmed true for alerts already damped at their source: they need no consecutive failures here
 */
public record Observation(String check, String region, String resource, boolean failing, String signal,
                          String detail, Double value, Instant observedAt, boolean preConfirmed) {

  public Observation {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(observedAt, "observedAt");
    if (failing) {
      Objects.requireNonNull(signal, "a failing observation needs a signal");
    }
  }

  public static Observation failing(String check, String region, String resource, String signal, String detail,
                                    Double value, Instant observedAt) {
    return new Observation(check, region, resource, true, signal, detail, value, observedAt, false);
  }

  public static Observation passing(String check, String region, String resource, Instant observedAt) {
    return new Observation(check, region, resource, false, null, "ok", null, observedAt, false);
  }

  public Observation asPreConfirmed() {
    return new Observation(check, region, resource, failing, signal, detail, value, observedAt, true);
  }

  /** The series this observation belongs to. */
  public String seriesKey() {
    return check + "|" + region + "|" + (resource == null ? "" : resource);
  }
}
