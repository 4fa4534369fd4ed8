package io.drautopilot.orchestrator.engine;

/**
 * How an incident's run ended: the values of {@code IncidentResolved.outcome} (a string in the contract,
 * whose doc lists these names; {@code ContractDocsTest} keeps the two in step).
 */
public enum IncidentOutcome {
  /** Every step that had to succeed did. */
  RECOVERED,
  /** Recovered, but a step allowed to fail ({@code onFailure: continue}) failed: the report says which. */
  RECOVERED_WITH_FAILURES,
  /** A step that had to succeed failed for good: paged, escalated until acknowledged, reported. */
  FAILED,
  /** Stopped by a person before the end. */
  CANCELLED
}
