package io.drautopilot.detector.domain;

import java.time.Instant;
import java.util.Map;

/**
 * Evidence behind an incident: a failing check, never the data it read.
 *
 * @param subjects who or what the check points at, by name ({@link Observation.Subjects}); never null
 */
public record Symptom(
    String signal,
    String resource,
    String detail,
    Instant observedAt,
    Double value,
    Map<String, String> subjects) {

  public Symptom {
    subjects = Observation.Subjects.copyOf(subjects);
  }

  /** A symptom that names no subjects. */
  public Symptom(String signal, String resource, String detail, Instant observedAt, Double value) {
    this(signal, resource, detail, observedAt, value, Map.of());
  }

  static Symptom of(Observation o) {
    return new Symptom(
        o.signal(), o.resource(), o.detail(), o.observedAt(), o.value(), o.subjects());
  }
}
