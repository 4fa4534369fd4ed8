package io.drautopilot.notifier.domain.report;

import io.drautopilot.contracts.restore.RecoveryPathChosen;
import io.drautopilot.notifier.domain.EscalationReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The post-incident report, the runbook's template filled in from the event log. Only facts that
 * the log holds are filled in; what needs people (users affected, lessons learned) is left open.
 *
 * @param availability the month's availability, from other incidents' records: null in a report
 *     from the incident's log alone, until {@link #with} adds it
 * @param readiness the readiness at the time of the incident, from readiness-service's records:
 *     null like {@code availability}
 */
public record IncidentReport(
    String incidentId,
    Kind kind,
    Summary summary,
    Timeline timeline,
    Impact impact,
    List<Action> actions,
    List<RecoveryPath> recoveryPaths,
    List<Approval> approvals,
    List<Escalation> escalations,
    List<Acknowledgement> acknowledgements,
    List<Notification> notifications,
    Maintenance maintenance,
    List<String> observations,
    List<LogEntry> log,
    Audit audit,
    MonthlyAvailability availability,
    ReadinessAtIncident readiness) {

  /** This report with the month's availability and the readiness at the time of the incident (either may be null). */
  public IncidentReport with(MonthlyAvailability availability, ReadinessAtIncident readiness) {
    return new IncidentReport(
        incidentId,
        kind,
        summary,
        timeline,
        impact,
        actions,
        recoveryPaths,
        approvals,
        escalations,
        acknowledgements,
        notifications,
        maintenance,
        observations,
        log,
        audit,
        availability,
        readiness);
  }

  /** An incident, or one of the runbook's maintenance runs. */
  public enum Kind {
    INCIDENT("Incident Post-Mortem Report"),
    BACKUP_VERIFICATION("Monthly Backup Verification Report"),
    DR_DRILL("Quarterly Disaster Recovery Drill Report");

    private final String title;

    Kind(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  /** @param duration impact start to resolution (or to the last event while still open); null if unknown */
  public record Summary(
      Instant startedAt,
      Instant detectedAt,
      Duration duration,
      boolean resolved,
      String severity,
      List<String> severityHistory,
      String scenario,
      String region,
      List<String> affectedResources,
      String rootCause,
      String outcome) {}

  /** One phase of the timeline; {@code at} null when the log does not show it. */
  public record Phase(Instant at, String description) {}

  public record Timeline(Phase detection, Phase response, Phase mitigation, Phase resolution) {}

  /** Measured against the targets; {@code null} values mean the log does not hold the measurement. */
  public record Impact(
      Long rtoSeconds,
      long rtoTargetSeconds,
      Boolean rtoMet,
      Long rpoSeconds,
      long rpoTargetSeconds,
      Boolean rpoMet,
      Instant dataLossFrom,
      Instant dataLossTo) {}

  /**
   * One runbook step (all its attempts). {@code outcome}: SUCCEEDED, FAILED, SKIPPED, TIMED_OUT, RUNNING
   * (still running at report time). {@code detail} is what a reader needs; {@code raw} every event of
   * the step in full, one line each.
   */
  public record Action(
      String stepId,
      String action,
      Instant startedAt,
      Instant endedAt,
      Duration duration,
      String outcome,
      int attempts,
      String detail,
      List<String> raw) {

    /** The outcome as the report prints it. */
    public String outcomeText() {
      return "RUNNING".equals(outcome) ? "still running at report time" : outcome;
    }
  }

  /**
   * The recovery path a step chose for one table, and the paths it weighed.
   *
   * @param tableName the table the step chose for (from its command); null when the log holds no command
   */
  public record RecoveryPath(String stepId, String tableName, RecoveryPathChosen choice) {}

  /** {@code decision}: REQUESTED, GRANTED or REJECTED. */
  public record Approval(
      Instant at,
      String stepId,
      String action,
      String decision,
      String who,
      String role,
      String comment) {}

  /** @param why the cause with its failed step and failure; null when the record predates it */
  public record Escalation(
      Instant at,
      int level,
      String target,
      String reason,
      EscalationReason why,
      Duration sinceDetection) {}

  public record Acknowledgement(Instant at, String by, String note, Duration sinceDetection) {}

  public record Notification(
      Instant at,
      String channel,
      String recipient,
      String templateId,
      int attempt,
      String outcome,
      String detail) {}

  /** The measured time of a maintenance run against its target. */
  public record Maintenance(
      String measured,
      Long measuredSeconds,
      long targetSeconds,
      Boolean targetMet,
      Boolean passed,
      String detail) {}

  public record LogEntry(Instant at, String what) {}

  /**
   * The timeline's hash chain as checked when the report was made.
   *
   * @param state in a few words: verified, intact so far (not signed yet), intact with the signature not
   *     checked, unchained, broken
   * @param head the chain head (the last record's hash); null when none is chained or the chain broke
   * @param signingKeyId the key that signed the head at close; null before the close
   * @param signature the signature over the head at close (base64); null before the close
   * @param summary the verification's one line, with the first broken link when there is one
   */
  public record Audit(
      String state, String head, String signingKeyId, String signature, String summary) {

    /** When the report is made without the timeline records as written (no chain can be checked). */
    public static final Audit NOT_CHECKED =
        new Audit(
            "not checked",
            null,
            null,
            null,
            "not checked: the report was made without the timeline records as they were written");

    public boolean broken() {
      return state.startsWith("BROKEN");
    }
  }
}
