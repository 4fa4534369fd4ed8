package io.drautopilot.console.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The monthly backup verifications and quarterly DR drills, read from their incidents: each one's
 * measured restore time against the target (the runbook's 900 s).
 */
public final class Drills {

  public static final String BACKUP_VERIFICATION = "BACKUP_VERIFICATION";
  public static final String DR_DRILL = "DR_DRILL";

  /**
   * One check. {@code restore} is null until measured: a backup verification's restore as the
   * validation service timed it (else its restore step's duration), a drill's recovery time (RTO).
   */
  public record Check(
      String incidentId,
      String kind,
      Instant at,
      String outcome,
      Duration restore,
      Duration target) {

    public boolean measured() {
      return restore != null;
    }

    public boolean withinTarget() {
      return restore != null && restore.compareTo(target) <= 0;
    }

    /** In words, so the table and the chart read without colour. */
    public String verdict() {
      if (restore == null) {
        return outcome == null ? "running" : "not measured";
      }
      return withinTarget() ? "within target" : "over target";
    }

    public String kindLabel() {
      return BACKUP_VERIFICATION.equals(kind) ? "backup verification" : "DR drill";
    }
  }

  private Drills() {}

  /** The checks among {@code incidents}, oldest first. */
  public static List<Check> of(List<Incident> incidents, Duration target) {
    return incidents.stream()
        .filter(i -> BACKUP_VERIFICATION.equals(i.scenario()) || DR_DRILL.equals(i.scenario()))
        .map(
            i -> new Check(i.id(), i.scenario(), i.openedAt(), i.outcome(), restoreTime(i), target))
        .sorted(Comparator.comparing(Check::at, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
  }

  static Duration restoreTime(Incident i) {
    if (DR_DRILL.equals(i.scenario())) {
      return i.measuredRtoSeconds() == null ? null : Duration.ofSeconds(i.measuredRtoSeconds());
    }
    for (Incident.Step s : i.steps()) {
      String millis = s.outputs().get("restoreDurationMillis");
      if (millis != null) {
        try {
          return Duration.ofMillis(Long.parseLong(millis));
        } catch (NumberFormatException notANumber) {
          // fall back to the restore step's own duration
        }
      }
    }
    return i.steps().stream()
        .filter(
            s ->
                s.status() == StepStatus.SUCCEEDED
                    && s.durationMillis() != null
                    && isRestore(s.action()))
        .map(s -> Duration.ofMillis(s.durationMillis()))
        .findFirst()
        .orElse(null);
  }

  private static boolean isRestore(String action) {
    return action != null
        && (action.startsWith("restore.restore") || action.startsWith("restore.import"));
  }
}
