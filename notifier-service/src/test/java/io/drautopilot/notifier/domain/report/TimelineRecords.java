package io.drautopilot.notifier.domain.report;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.notify.DeliveryOutcome;
import io.drautopilot.contracts.notify.NotificationAttempted;
import io.drautopilot.contracts.timeline.ApprovalRejected;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.IncidentSignalJoined;
import io.drautopilot.contracts.timeline.StepFailed;
import io.drautopilot.contracts.timeline.StepSkipped;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.contracts.timeline.StepTimedOut;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Contract records as the services write them, with only what a report test varies: the rest of
 * each record (fingerprints, detector event ids, correlation) is fixed.
 */
final class TimelineRecords {

  private TimelineRecords() {}

  static EventMetadata metadata(
      String incidentId, String eventId, String causationId, Instant at, String stepId) {
    return EventMetadata.newBuilder()
        .setEventId(eventId)
        .setIncidentId(incidentId)
        .setCorrelationId(incidentId)
        .setCausationId(causationId)
        .setOccurredAt(at)
        .setProducer("test")
        .setStepId(stepId)
        .setAttempt(1)
        .build();
  }

  static IncidentOpened incidentOpened(
      EventMetadata m,
      String severity,
      String scenario,
      String region,
      List<String> affectedResources,
      List<Evidence> symptoms,
      Instant impactStartedAt,
      Instant detectedAt) {
    return IncidentOpened.newBuilder()
        .setMetadata(m)
        .setFingerprint("fingerprint")
        .setSeverity(Severity.valueOf(severity))
        .setScenario(Scenario.valueOf(scenario))
        .setRegion(region)
        .setAffectedResources(affectedResources)
        .setSymptoms(symptoms)
        .setImpactStartedAt(impactStartedAt)
        .setDetectedAt(detectedAt)
        .setDetectorEventId("detection")
        .build();
  }

  static IncidentSignalJoined incidentSignalJoined(
      EventMetadata m, String severity, List<Evidence> symptoms) {
    return IncidentSignalJoined.newBuilder()
        .setMetadata(m)
        .setDetectorEventId("detection")
        .setSeverity(Severity.valueOf(severity))
        .setSymptoms(symptoms)
        .build();
  }

  /** A piece of evidence that names no resource and no subjects. */
  static Evidence evidence(String signal, String detail) {
    return Evidence.newBuilder()
        .setSignal(signal)
        .setDetail(detail)
        .setObservedAt(Instant.EPOCH)
        .build();
  }

  static StepStarted stepStarted(
      EventMetadata m, String action, String commandEventId, Map<String, String> parameters) {
    return StepStarted.newBuilder()
        .setMetadata(m)
        .setAction(action)
        .setCommandEventId(commandEventId)
        .setParameters(parameters)
        .build();
  }

  static StepSucceeded stepSucceeded(
      EventMetadata m, String action, Map<String, String> outputs, long durationMillis) {
    return StepSucceeded.newBuilder()
        .setMetadata(m)
        .setAction(action)
        .setOutputs(outputs)
        .setDurationMillis(durationMillis)
        .build();
  }

  static StepFailed stepFailed(
      EventMetadata m,
      String action,
      String code,
      String message,
      boolean willRetry,
      String onFailure) {
    return StepFailed.newBuilder()
        .setMetadata(m)
        .setAction(action)
        .setFailure(
            CommandFailure.newBuilder()
                .setCode(code)
                .setMessage(message)
                .setRetryable(willRetry)
                .build())
        .setWillRetry(willRetry)
        .setOnFailure(onFailure)
        .build();
  }

  static StepSkipped stepSkipped(EventMetadata m, String action, String reason) {
    return StepSkipped.newBuilder().setMetadata(m).setAction(action).setReason(reason).build();
  }

  static StepTimedOut stepTimedOut(
      EventMetadata m, String action, long timeoutMillis, boolean willRetry) {
    return StepTimedOut.newBuilder()
        .setMetadata(m)
        .setAction(action)
        .setTimeoutMillis(timeoutMillis)
        .setWillRetry(willRetry)
        .build();
  }

  static ApprovalRejected approvalRejected(
      EventMetadata m, String approver, String role, String reason) {
    return ApprovalRejected.newBuilder()
        .setMetadata(m)
        .setApprover(approver)
        .setRole(role)
        .setReason(reason)
        .build();
  }

  /** A resolution as written before it carried the incident's RTO target. */
  static IncidentResolved incidentResolved(
      EventMetadata m,
      String outcome,
      Instant resolvedAt,
      Long measuredRtoSeconds,
      Long measuredRpoSeconds) {
    return incidentResolved(m, outcome, resolvedAt, measuredRtoSeconds, measuredRpoSeconds, null);
  }

  static IncidentResolved incidentResolved(
      EventMetadata m,
      String outcome,
      Instant resolvedAt,
      Long measuredRtoSeconds,
      Long measuredRpoSeconds,
      Long rtoTargetSeconds) {
    return IncidentResolved.newBuilder()
        .setMetadata(m)
        .setOutcome(outcome)
        .setResolvedAt(resolvedAt)
        .setMeasuredRtoSeconds(measuredRtoSeconds)
        .setMeasuredRpoSeconds(measuredRpoSeconds)
        .setRtoTargetSeconds(rtoTargetSeconds)
        .build();
  }

  static IncidentClosed incidentClosed(EventMetadata m, String by, String reason) {
    return IncidentClosed.newBuilder().setMetadata(m).setClosedBy(by).setReason(reason).build();
  }

  static NotificationAttempted notificationAttempted(
      EventMetadata m,
      String channel,
      String recipient,
      String templateId,
      int attempt,
      String outcome,
      String detail) {
    return NotificationAttempted.newBuilder()
        .setMetadata(m)
        .setChannel(channel)
        .setRecipient(recipient)
        .setTemplateId(templateId)
        .setAttempt(attempt)
        .setOutcome(DeliveryOutcome.valueOf(outcome))
        .setDetail(detail)
        .build();
  }
}
