package io.drautopilot.detector.domain;

import java.time.Instant;

/** What the detector decided after an evaluation; the adapters turn each into one event. */
public sealed interface Decision {

  Incident incident();

  /** A new problem: a new incident id. */
  record Raised(Incident incident) implements Decision {}

  /** An ongoing problem got worse: same incident id and fingerprint, a more severe severity. */
  record Upgraded(Incident incident, RunbookSeverity previousSeverity) implements Decision {}

  /**
   * An ongoing problem reached more resources (a regional outage seen on one table, then on the
   * next): same incident id, fingerprint and severity, the affected resources now including the new ones.
   */
  record Widened(Incident incident, java.util.List<String> previousResources) implements Decision {}

  /** Every check behind the problem is green again. */
  record Cleared(Incident incident, Instant clearedAt) implements Decision {}
}
