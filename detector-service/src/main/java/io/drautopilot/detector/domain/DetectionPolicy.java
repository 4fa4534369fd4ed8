package io.drautopilot.detector.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How eagerly the detector raises and clears.
 *
 * @param consecutiveFailures failing observations in a row before a series counts as failing (flap damping)
 * @param consecutiveSuccesses passing observations in a row before a failing series counts as green again
 * @param correlationWindow failures of different resources in one region starting within this window are one problem
 * @param correlationMinResources how many distinct resources must fail together to make it a regional problem
 * @param correlatedSignals the signals that count towards a regional problem (availability, not e.g. throttling)
 * @param regionalEvidenceSignals region-wide signals that support a regional problem without being one (the
 *     provider's own account of an outage): attached to the region's problem as symptoms, never raising one
 * @param regionTables the tables watched in each region: a regional problem names every one of its region's
 *     tables, not only those seen failing so far, because a region's outage takes them all and the recovery
 *     fixes the tables it acts on when it starts (a table seen failing a minute later would not be recovered)
 */
public record DetectionPolicy(
    int consecutiveFailures,
    int consecutiveSuccesses,
    Duration correlationWindow,
    int correlationMinResources,
    Set<String> correlatedSignals,
    RunbookScenario correlatedScenario,
    RunbookSeverity correlatedSeverity,
    Set<String> regionalEvidenceSignals,
    Map<String, List<String>> regionTables) {

  /** An open AWS Health issue for the region's DynamoDB. */
  public static final String AWS_HEALTH_ISSUE = "aws-health-issue";

  public DetectionPolicy {
    if (consecutiveFailures < 1 || consecutiveSuccesses < 1 || correlationMinResources < 2) {
      throw new IllegalArgumentException(
          "damping counts must be >= 1 and correlation needs >= 2 resources");
    }
    correlatedSignals = Set.copyOf(correlatedSignals);
    regionalEvidenceSignals = Set.copyOf(regionalEvidenceSignals);
    regionTables = Map.copyOf(regionTables);
  }

  /** A policy that knows no region's tables: a regional problem names the tables seen failing. */
  public DetectionPolicy(
      int consecutiveFailures,
      int consecutiveSuccesses,
      Duration correlationWindow,
      int correlationMinResources,
      Set<String> correlatedSignals,
      RunbookScenario correlatedScenario,
      RunbookSeverity correlatedSeverity,
      Set<String> regionalEvidenceSignals) {
    this(
        consecutiveFailures,
        consecutiveSuccesses,
        correlationWindow,
        correlationMinResources,
        correlatedSignals,
        correlatedScenario,
        correlatedSeverity,
        regionalEvidenceSignals,
        Map.of());
  }

  /** The tables watched in the region; empty when none is configured. */
  public List<String> tablesIn(String region) {
    return regionTables.getOrDefault(region, List.of());
  }

  /** A policy whose regional evidence is the AWS Health issue. */
  public DetectionPolicy(
      int consecutiveFailures,
      int consecutiveSuccesses,
      Duration correlationWindow,
      int correlationMinResources,
      Set<String> correlatedSignals,
      RunbookScenario correlatedScenario,
      RunbookSeverity correlatedSeverity) {
    this(
        consecutiveFailures,
        consecutiveSuccesses,
        correlationWindow,
        correlationMinResources,
        correlatedSignals,
        correlatedScenario,
        correlatedSeverity,
        Set.of(AWS_HEALTH_ISSUE));
  }
}
