package io.drautopilot.notifier.domain;

import io.drautopilot.contracts.common.EscalationCause;

/**
 * Why an escalation page is sent, as the orchestrator records it (the cause, and for a failure the
 * step and what it reported), so the page says what happened instead of always "not acknowledged".
 * The kind picks the template {@code escalation-<kind>} when one exists; anything else keeps the
 * generic {@code escalation}. A page or timeline record written before the cause was carried has
 * none: nothing is read into its reason's words, which it shows as they are.
 *
 * @param failedStep the step whose failure is escalated, or null
 * @param failure that failure as the step reported it (or why the run failed), or null
 */
public record EscalationReason(Kind kind, String failedStep, String failure) {

  /** The orchestrator's escalation causes (the contract's EscalationCause), by the same names. */
  public enum Kind {
    NOT_ACKNOWLEDGED("not-acknowledged", "not acknowledged"),
    RECOVERY_FAILED("recovery-failed", "recovery failed"),
    STEP_FAILED("step-failed", "step failed"),
    APPROVAL_OVERDUE(null, "approval overdue"),
    RTO_AT_RISK("rto-at-risk", "RTO at risk"),
    NO_RUNBOOK(null, "no runbook for the scenario"),
    RESOURCES_NOT_CATALOGUED(null, "tables not in the catalogue"),
    /** A cause this notifier does not know yet (the orchestrator is newer). */
    OTHER(null, "other");

    private final String templateSuffix;
    private final String label;

    Kind(String templateSuffix, String label) {
      this.templateSuffix = templateSuffix;
      this.label = label;
    }

    /** The kind's own template id, or null when the generic one is meant. */
    public String templateId() {
      return templateSuffix == null ? null : "escalation-" + templateSuffix;
    }

    /** A few words for people, e.g. in the report's escalation table. */
    public String label() {
      return label;
    }

    /** The kind of the cause of this name; OTHER for one this notifier does not know. */
    public static Kind named(String cause) {
      for (Kind k : values()) {
        if (k.name().equals(cause)) {
          return k;
        }
      }
      return OTHER;
    }
  }

  /**
   * The reason as a page or timeline record carries it; null when it carries no cause (written before
   * the cause was recorded).
   */
  public static EscalationReason of(EscalationCause cause, String failedStep, String failure) {
    return cause == null
        ? null
        : new EscalationReason(Kind.named(cause.name()), failedStep, failure);
  }

  /** The cause with its step and failure, e.g. "recovery failed at step restore-table: boom". */
  public String describe() {
    StringBuilder out = new StringBuilder(kind.label());
    if (failedStep != null) {
      out.append(" at step ").append(failedStep);
    }
    if (failure != null) {
      out.append(": ").append(failure);
    }
    return out.toString();
  }
}
