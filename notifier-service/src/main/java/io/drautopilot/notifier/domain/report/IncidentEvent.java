package io.drautopilot.notifier.domain.report;

import io.drautopilot.notifier.domain.EscalationReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of an incident's event log as the report reads it: timeline decisions, commands,
 * results and delivery attempts, mapped from the contracts by an adapter so the report knows no Avro.
 */
public sealed interface IncidentEvent {

  Meta meta();

  /** What every record carries. {@code stepId} and {@code causationId} may be null. */
  record Meta(
      String incidentId,
      String eventId,
      String causationId,
      Instant at,
      String stepId,
      int attempt) {}

  record Opened(
      Meta meta,
      String severity,
      String scenario,
      String region,
      List<String> affectedResources,
      List<String> symptoms,
      Instant impactStartedAt,
      Instant detectedAt)
      implements IncidentEvent {}

  record SignalJoined(Meta meta, String severity, List<String> symptoms) implements IncidentEvent {}

  record SeverityUpgraded(Meta meta, String from, String to, String reason)
      implements IncidentEvent {}

  record StepStarted(
      Meta meta, String action, String commandEventId, Map<String, String> parameters)
      implements IncidentEvent {}

  record StepSucceeded(Meta meta, String action, Map<String, String> outputs, long durationMillis)
      implements IncidentEvent {}

  record StepFailed(
      Meta meta, String action, String code, String message, boolean willRetry, String onFailure)
      implements IncidentEvent {}

  record StepSkipped(Meta meta, String action, String reason) implements IncidentEvent {}

  record StepTimedOut(Meta meta, String action, long timeoutMillis, boolean willRetry)
      implements IncidentEvent {}

  record ApprovalRequested(
      Meta meta,
      String action,
      String requiredRole,
      int requiredApprovers,
      Instant deadline,
      String onTimeout)
      implements IncidentEvent {}

  record ApprovalGranted(
      Meta meta,
      String approver,
      String role,
      int approvalsSoFar,
      int requiredApprovers,
      String comment)
      implements IncidentEvent {}

  record ApprovalRejected(Meta meta, String approver, String role, String reason)
      implements IncidentEvent {}

  /** @param why the cause with its failed step and failure; null when the record predates it */
  record EscalationRaised(Meta meta, int level, String target, String reason, EscalationReason why)
      implements IncidentEvent {}

  record Acknowledged(Meta meta, String by, String note) implements IncidentEvent {}

  /** @param rtoTargetSeconds the incident's own RTO target (by its severity), null when the log predates it */
  record Resolved(
      Meta meta,
      String outcome,
      Instant resolvedAt,
      Long measuredRtoSeconds,
      Long measuredRpoSeconds,
      Long rtoTargetSeconds)
      implements IncidentEvent {

    public Resolved(
        Meta meta,
        String outcome,
        Instant resolvedAt,
        Long measuredRtoSeconds,
        Long measuredRpoSeconds) {
      this(meta, outcome, resolvedAt, measuredRtoSeconds, measuredRpoSeconds, null);
    }
  }

  record Closed(Meta meta, String by, String reason) implements IncidentEvent {}

  /** A command sent to a handler, e.g. {@code RestoreTableToPointInTimeCommand}, with its fields flattened. */
  record CommandIssued(Meta meta, String type, Map<String, String> fields)
      implements IncidentEvent {}

  /**
   * A handler's result. {@code outcomeType} is the success record (e.g. {@code TableRestored}) or
   * {@code CommandFailure}; {@code fields} are its fields flattened ({@code validation.valid}). A
   * {@code RecoveryPathChosen} also comes whole as {@code recoveryPath} (null for any other outcome): its
   * weighed paths are a list of records, which the flattened fields cannot show.
   */
  record CommandCompleted(
      Meta meta,
      String type,
      boolean success,
      String outcomeType,
      Map<String, String> fields,
      RecoveryPathChoice recoveryPath)
      implements IncidentEvent {

    /** A result that is not a recovery path choice. */
    public CommandCompleted(
        Meta meta, String type, boolean success, String outcomeType, Map<String, String> fields) {
      this(meta, type, success, outcomeType, fields, null);
    }
  }

  record NotificationAttempt(
      Meta meta,
      String channel,
      String recipient,
      String templateId,
      int attempt,
      String outcome,
      String detail)
      implements IncidentEvent {}
}
