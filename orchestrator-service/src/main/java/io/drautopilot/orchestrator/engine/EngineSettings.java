package io.drautopilot.orchestrator.engine;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The escalation matrix (level, how long after opening without acknowledgement, who), the action
 * that pages (and notifies), the action that writes the report, each severity's targets, and how
 * often a failed recovery nobody has acknowledged is paged again; the working hours a P4's
 * response window counts ("within business hours"); the base URL of the API that notices link to.
 */
public record EngineSettings(
    List<EscalationLevel> escalation,
    String escalationAction,
    String reportAction,
    Map<String, Target> targets,
    Duration repageEvery,
    BusinessHours businessHours,
    String incidentLinkBase) {

  /**
   * Working days and hours in a zone. Only P4 escalates on them: its matrix counts working time,
   * so a P4 opened on Friday evening pages its second level on Monday afternoon, not overnight.
   */
  public record BusinessHours(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

    public static BusinessHours seedDefault() {
      return new BusinessHours(
          Set.of(
              DayOfWeek.MONDAY,
              DayOfWeek.TUESDAY,
              DayOfWeek.WEDNESDAY,
              DayOfWeek.THURSDAY,
              DayOfWeek.FRIDAY),
          LocalTime.of(9, 0),
          LocalTime.of(17, 0),
          ZoneId.of("UTC"));
    }

    /** The instant {@code work} of working time after {@code from}. Pure: the same inputs, the same answer. */
    public Instant plusWorking(Instant from, Duration work) {
      if (days.isEmpty() || !end.isAfter(start)) {
        return from.plus(work);
      }
      ZonedDateTime t = from.atZone(zone);
      Duration left = work;
      for (int guard = 0; guard < 100_000; guard++) {
        ZonedDateTime dayStart = t.toLocalDate().atTime(start).atZone(zone);
        ZonedDateTime dayEnd = t.toLocalDate().atTime(end).atZone(zone);
        if (!days.contains(t.getDayOfWeek()) || !t.isBefore(dayEnd)) {
          t = t.toLocalDate().plusDays(1).atTime(start).atZone(zone);
          continue;
        }
        if (t.isBefore(dayStart)) {
          t = dayStart;
        }
        Duration today = Duration.between(t, dayEnd);
        if (left.compareTo(today) <= 0) {
          return t.plus(left).toInstant();
        }
        left = left.minus(today);
        t = t.toLocalDate().plusDays(1).atTime(start).atZone(zone);
      }
      return from.plus(work);
    }
  }

  public record EscalationLevel(int level, Duration after, String target) {}

  /** A severity's recovery time objective and how soon someone must respond (acknowledge). */
  public record Target(Duration rto, Duration respondWithin) {}

  public EngineSettings(List<EscalationLevel> escalation, String escalationAction) {
    this(
        escalation,
        escalationAction,
        "notifier.generateIncidentReport",
        seedTargets(),
        Duration.ofMinutes(15),
        BusinessHours.seedDefault(),
        null);
  }

  public EngineSettings withTargets(Map<String, Target> newTargets, Duration newRepageEvery) {
    return new EngineSettings(
        escalation,
        escalationAction,
        reportAction,
        newTargets,
        newRepageEvery,
        businessHours,
        incidentLinkBase);
  }

  public EngineSettings withBusinessHours(BusinessHours hours) {
    return new EngineSettings(
        escalation, escalationAction, reportAction, targets, repageEvery, hours, incidentLinkBase);
  }

  public EngineSettings withIncidentLinkBase(String base) {
    return new EngineSettings(
        escalation,
        escalationAction,
        reportAction,
        targets,
        repageEvery,
        businessHours,
        base == null || base.isBlank() ? null : base.replaceAll("/+$", ""));
  }

  /** When a level due {@code due} after opening is due: P4 counts working time only (business hours). */
  public Instant dueAt(Instant openedAt, Duration due, String severity) {
    return "P4".equals(severity) && businessHours != null
        ? businessHours.plusWorking(openedAt, due)
        : openedAt.plus(due);
  }

  /** The seed runbook's matrix: on-call 0–15 min, DB lead 15–30, engineering manager 30–60, CTO 60+. */
  public static EngineSettings defaults() {
    return new EngineSettings(
        List.of(
            new EscalationLevel(1, Duration.ZERO, "On-call Engineer"),
            new EscalationLevel(2, Duration.ofMinutes(15), "Database Team Lead"),
            new EscalationLevel(3, Duration.ofMinutes(30), "Engineering Manager"),
            new EscalationLevel(4, Duration.ofMinutes(60), "CTO/Business Continuity")),
        "notifier.notifyContacts");
  }

  /**
   * The seed's severity levels: P1 RTO 15 min, immediate response (paged at once; the matrix's
   * first window, 15 min, to acknowledge); P2 1 h, respond within 30 min; P3 4 h, within 2 h; P4
   * 24 h, within business hours (8 working hours, counted on the {@link BusinessHours} calendar).
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
    return Duration.ofMillis(
        Math.round(level.after().toMillis() * ((double) respond.toMillis() / unit.toMillis())));
  }
}
