package io.drautopilot.notifier.domain;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an escalation page is sent, read from its {@code reason} fact as the orchestrator words it, so
 * the page says what happened instead of always "not acknowledged". The kind picks the template
 * {@code escalation-<kind>} when one exists; anything else keeps the generic {@code escalation}.
 */
public record EscalationReason(Kind kind, String failedStep, String failure) {

  public enum Kind {
    NOT_ACKNOWLEDGED("not-acknowledged"),
    RECOVERY_FAILED("recovery-failed"),
    RTO_AT_RISK("rto-at-risk"),
    OTHER(null);

    private final String templateSuffix;

    Kind(String templateSuffix) {
      this.templateSuffix = templateSuffix;
    }

    /** The kind's own template id, or null when the generic one is meant. */
    public String templateId() {
      return templateSuffix == null ? null : "escalation-" + templateSuffix;
    }
  }

  private static final Pattern RECOVERY_FAILED =
      Pattern.compile("^recovery failed(?: and not acknowledged)?:\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern STEP =
      Pattern.compile("^step (\\S+?)(?: failed)?:\\s*(.*)$", Pattern.DOTALL);

  public static EscalationReason of(Map<String, String> facts) {
    String reason = facts.getOrDefault("reason", "").strip();
    Matcher failed = RECOVERY_FAILED.matcher(reason);
    if (failed.matches()) {
      String rest = failed.group(1).strip();
      Matcher step = STEP.matcher(rest);
      return step.matches()
          ? new EscalationReason(Kind.RECOVERY_FAILED, step.group(1), step.group(2).strip())
          : new EscalationReason(Kind.RECOVERY_FAILED, facts.get("stepId"), rest);
    }
    if (reason.startsWith("RTO at risk")) {
      return new EscalationReason(Kind.RTO_AT_RISK, null, null);
    }
    if (reason.startsWith("not acknowledged")) {
      return new EscalationReason(Kind.NOT_ACKNOWLEDGED, null, null);
    }
    return new EscalationReason(Kind.OTHER, null, null);
  }
}
