package io.drautopilot.orchestrator.engine;

import java.time.Duration;
import java.util.List;

/**
 * The escalation matrix (level, how long after opening without acknowledgement, who) and the action
 * that pages each level.
 */
public record EngineSettings(List<EscalationLevel> escalation, String escalationAction) {

  public record EscalationLevel(int level, Duration after, String target) {}

  /** The seed runbook's matrix: on-call 0–15 min, DB lead 15–30, engineering manager 30–60, CTO 60+. */
  public static EngineSettings defaults() {
    return new EngineSettings(List.of(
        new EscalationLevel(1, Duration.ZERO, "On-call Engineer"),
        new EscalationLevel(2, Duration.ofMinutes(15), "Database Team Lead"),
        new EscalationLevel(3, Duration.ofMinutes(30), "Engineering Manager"),
        new EscalationLevel(4, Duration.ofMinutes(60), "CTO/Business Continuity")), "notifier.notifyContacts");
  }
}
