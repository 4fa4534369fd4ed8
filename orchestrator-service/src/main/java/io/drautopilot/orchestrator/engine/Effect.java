package io.drautopilot.orchestrator.engine;

import io.drautopilot.contracts.common.EscalationCause;
import java.time.Instant;
import java.util.Map;

/**
 * What the engine decided: a command to send, or a fact for the incident timeline. Ids and times are
 * derived from the inputs only, so replaying the same inputs yields the same effects.
 */
public sealed interface Effect {

  Ref ref();

  /** Identity of an emitted record: deterministic event id, step, attempt, time and cause. */
  record Ref(String eventId, String stepId, int attempt, Instant at, String causationId) {}

  /** Parameters are rendered: a String, a List of String or a Map of String, per the command field. */
  record Command(Ref ref, String action, Map<String, Object> parameters) implements Effect {}

  sealed interface Timeline extends Effect {}

  record Opened(Ref ref) implements Timeline {}

  record SignalJoined(Ref ref, String detectorEventId, String severity) implements Timeline {}

  record SeverityUpgraded(Ref ref, String from, String to, String reason) implements Timeline {}

  record StepStarted(Ref ref, String action, String commandEventId, Map<String, String> parameters)
      implements Timeline {}

  record StepSucceeded(Ref ref, String action, Map<String, String> outputs, long durationMillis)
      implements Timeline {}

  record StepFailed(
      Ref ref,
      String action,
      String code,
      String message,
      boolean retryable,
      boolean willRetry,
      String onFailure)
      implements Timeline {}

  record StepTimedOut(Ref ref, String action, long timeoutMillis, boolean willRetry)
      implements Timeline {}

  record StepSkipped(Ref ref, String action, String reason) implements Timeline {}

  record ApprovalRequested(
      Ref ref,
      String action,
      String role,
      int requiredApprovers,
      Instant deadline,
      String onTimeout)
      implements Timeline {}

  record ApprovalGranted(
      Ref ref,
      String approver,
      String role,
      int approvalsSoFar,
      int requiredApprovers,
      String comment)
      implements Timeline {}

  record ApprovalRejected(Ref ref, String approver, String role, String reason)
      implements Timeline {}

  /**
   * @param reason why, in words, for people
   * @param failedStepId STEP_FAILED and RECOVERY_FAILED: the step whose failure is escalated, or null
   * @param failure STEP_FAILED and RECOVERY_FAILED: that failure (or why the run failed), or null
   */
  record EscalationRaised(
      Ref ref,
      int level,
      String target,
      String reason,
      EscalationCause cause,
      String failedStepId,
      String failure)
      implements Timeline {}

  record Acknowledged(Ref ref, String acknowledgedBy, String note) implements Timeline {}

  /** Who looked: a person was shown the incident's breach subjects; part of the audit chain like every other fact. */
  record BreachSubjectsViewed(
      Ref ref, String viewedBy, java.util.List<String> subjectNames, String readPath)
      implements Timeline {}

  record Resolved(
      Ref ref,
      String outcome,
      Instant resolvedAt,
      Long rtoSeconds,
      Long rpoSeconds,
      Long rtoTargetSeconds)
      implements Timeline {}

  record Closed(Ref ref, String closedBy, String reason) implements Timeline {}
}
