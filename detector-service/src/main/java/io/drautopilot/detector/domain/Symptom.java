package io.drautopilot.detector.domain;

import java.time.Instant;

/** Evidence behind an incident: a failing check, never the data it read. */
public record Symptom(String signal, String resource, String detail, Instant observedAt, Double value) {

  static Symptom of(Observation o) {
    return new Symptom(o.signal(), o.resource(), o.detail(), o.observedAt(), o.value());
  }
}
