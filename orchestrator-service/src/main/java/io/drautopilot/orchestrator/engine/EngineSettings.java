package io.drautopilot.orchestrator.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The escalation matrix (level, how long after opening without acknowledgement, who), the action
 * that pages (and notifies), the action that writes the report, each severity's targets, and how
 * often a failed recovery nobody has acknowledged is paged again.
 */
public record EngineSettings(List<EscalationLevel> escalation, String escalationAction, String reportAction,
                             Map<String, Target> targets, Duration repageEvery) {

  public record EscalationLevel(int level, Duration after, String target) {}

  /** A severity's recovery time objective and how soon someone must respond (acknowledge). */
  public record Target(Duration rto, Duration respondWithin) {}

  public EngineSettings(List<EscalationLevel> escalation, String escalationAction) {
    this(escalation, escalationAction, "notifier.generateIncidentReport", seedTargets(), Duration.ofMinutes(15));
  }

  /** The seed runbook's matrix: on-call 0–15 min, DB lead 15–30, engineering manager 30–60, CTO 60+. */
  public static EngineSettings defaults() {
    return new EngineSettings(List.of(
        new EscalationLevel(1, Duration.ZERO, "On-call Engineer"),
        new EscalationLevel(2, Duration.ofMinutes(15), "Database Team Lead"),
        new EscalationLevel(3, Duration.ofMinutes(30), "Engineering Manager"),
        new EscalationLevel(4, Duration.ofMinutes(60), "CTO/Business Continuity")), "notifier.notifyContacts");
  }

  /**
   * The seed's severity levels: P1 RTO 15 min, immediate response (paged at once; the matrix's
   * first window, 15 min, to acknowledge); P2 1 h, respond within 30 min; P3 4 h, within 2 h; P4
   * 24 h, within business hours (taken as 8 h: no working-hours calendar yet).
   */
  public static Map<String, Target> seedTargets() {
    return Map.of(
        "P1", new Target(Duration.ofMinutes(15), Duration.ofMinutes(15)),
        "P2", new Target(Duration.ofHours(1), Duration.ofMinutes(30)),
        "P3", new Target(Duration.ofHours(4), Duration.ofHours(2)),
        "P4", new Target(Duration.ofHours(24), Duration.ofHours(8)));
  }

  public Target target(String severity) {
    Target t = targets.get(severity);
    return t != null ? t : targets.getOrDefault("P1", seedTargets().get("P1"));
  }

  /**
   * When a level is due for a severity: the matrix is written for P1, whose people must respond
   * within its first window; a severity allowed longer to respond stretches the matrix by the same
   * factor (P2: level 2 after 30 min, P3 after 2 h), so nobody is woken for a P3 on a P1's clock.
   */
  public Duration dueAfter(EscalationLevel level, String severity) {
    Duration unit = target("P1").respondWithin();
    Duration respond = target(severity).respondWithin();
    if (unit.isZero() || respond.equals(unit)) {
      return level.after();
    }
    return Duration.ofMillis(Math.round(level.after().toMillis() * ((double) respond.toMillis() / unit.toMillis())));
  }
}
