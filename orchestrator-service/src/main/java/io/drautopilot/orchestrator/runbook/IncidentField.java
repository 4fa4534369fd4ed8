package io.drautopilot.orchestrator.runbook;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The incident's fields a runbook template may name as {@code ${incident.<name>}}: the one list the
 * loader checks templates against and the engine renders from.
 */
public enum IncidentField {
  INCIDENT_ID("incidentId"),
  FINGERPRINT("fingerprint"),
  SCENARIO("scenario"),
  SEVERITY("severity"),
  REGION("region"),
  AFFECTED_RESOURCES("affectedResources"),
  IMPACT_STARTED_AT("impactStartedAt"),
  DETECTED_AT("detectedAt"),
  DETECTOR_ID("detectorId"),
  RUNBOOK_ID("runbookId");

  private static final Map<String, IncidentField> BY_NAME =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(f -> f.name, Function.identity()));

  private final String name;

  IncidentField(String name) {
    this.name = name;
  }

  /** The name a template uses, e.g. {@code affectedResources}. */
  public String fieldName() {
    return name;
  }

  public static Optional<IncidentField> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Every name, sorted, as an error message lists them. */
  public static SortedSet<String> names() {
    return new TreeSet<>(BY_NAME.keySet());
  }
}
