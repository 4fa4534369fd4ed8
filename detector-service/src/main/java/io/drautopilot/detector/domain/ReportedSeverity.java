package io.drautopilot.detector.domain;

import java.util.Objects;

/**
 * A severity an alert states about itself (Alertmanager's {@code severity} label mapped to P1–P4 by configuration).
 *
 * @param overridesRules false: the more severe of this and the classification rule's severity wins (an alert can make
 *     a problem worse than the rule says, never milder); true: this severity replaces the rule's
 */
public record ReportedSeverity(RunbookSeverity severity, boolean overridesRules) {

  public ReportedSeverity {
    Objects.requireNonNull(severity, "severity");
  }

  /** The severity of a problem a rule classified as {@code ruleSeverity}. */
  public RunbookSeverity applyTo(RunbookSeverity ruleSeverity) {
    return overridesRules ? severity : RunbookSeverity.worst(severity, ruleSeverity);
  }
}
