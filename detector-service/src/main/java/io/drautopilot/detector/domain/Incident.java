package io.drautopilot.detector.domain;

import java.time.Instant;
import java.util.List;

/**
 * A problem as the detector reports it. The fingerprint (scenario, region and, for resource-scoped problems, the
 * resource) is stable for the problem's whole life; the incident id is minted once when it is first raised.
 */
public record Incident(
    String incidentId,
    String fingerprint,
    RunbookScenario scenario,
    RunbookSeverity severity,
    String region,
    List<String> affectedResources,
    List<Symptom> symptoms,
    Instant impactStartedAt,
    Instant detectedAt) {

  public Incident {
    affectedResources = List.copyOf(affectedResources);
    symptoms = List.copyOf(symptoms);
  }
}
