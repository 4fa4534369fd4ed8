package io.drautopilot.console;

import io.drautopilot.contracts.command.CommandProgressed;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.timeline.ApprovalGranted;
import io.drautopilot.contracts.timeline.ApprovalRequested;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.contracts.timeline.StepSucceeded;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** Timeline and progress records as the orchestrator and the handlers write them. */
final class Events {

  private Events() {}

  static EventMetadata meta(String incidentId, String stepId, int attempt, Instant at) {
    return EventMetadata.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setIncidentId(incidentId)
        .setCorrelationId(incidentId)
        .setCausationId(null)
        .setOccurredAt(at)
        .setProducer("test")
        .setRunbookId("runbook")
        .setRunbookVersion(1)
        .setStepId(stepId)
        .setAttempt(attempt)
        .setIdempotencyKey(null)
        .setChain(null)
        .build();
  }

  static IncidentOpened opened(
      String incidentId, Scenario scenario, Severity severity, Instant at) {
    return IncidentOpened.newBuilder()
        .setMetadata(meta(incidentId, null, 0, at))
        .setFingerprint("fp-" + incidentId)
        .setScenario(scenario)
        .setSeverity(severity)
        .setRegion("us-east-1")
        .setAffectedResources(List.of("orders-table"))
        .setSymptoms(List.of())
        .setImpactStartedAt(at.minusSeconds(60))
        .setDetectedAt(at)
        .setDetectorEventId("d-" + incidentId)
        .build();
  }

  static StepStarted started(
      String incidentId, String stepId, String action, int attempt, Instant at) {
    return StepStarted.newBuilder()
        .setMetadata(meta(incidentId, stepId, attempt, at))
        .setAction(action)
        .setCommandEventId(UUID.randomUUID().toString())
        .setCommandTopic("dr.commands.restore")
        .setParameters(Map.of())
        .build();
  }

  static CommandProgressed progressed(
      String incidentId,
      String stepId,
      String action,
      long done,
      long total,
      double rate,
      Instant at) {
    return CommandProgressed.newBuilder()
        .setMetadata(meta(incidentId, stepId, 1, at))
        .setAction(action)
        .setPercentDone(null)
        .setItemsDone(done)
        .setItemsTotal(total)
        .setItemsPerSecond(rate)
        .setMessage("importing segments")
        .build();
  }

  static StepSucceeded succeeded(
      String incidentId,
      String stepId,
      String action,
      Map<String, String> outputs,
      long millis,
      Instant at) {
    return StepSucceeded.newBuilder()
        .setMetadata(meta(incidentId, stepId, 1, at))
        .setAction(action)
        .setOutputs(outputs)
        .setDurationMillis(millis)
        .build();
  }

  static IncidentResolved resolved(
      String incidentId, String outcome, Long rtoSeconds, Long rpoSeconds, Instant at) {
    return IncidentResolved.newBuilder()
        .setMetadata(meta(incidentId, null, 0, at))
        .setOutcome(outcome)
        .setResolvedAt(at)
        .setMeasuredRtoSeconds(rtoSeconds)
        .setMeasuredRpoSeconds(rpoSeconds)
        .setRtoTargetSeconds(900L)
        .build();
  }

  /** The record as written by a run of {@code runbookId} at {@code version}. */
  static <T extends SpecificRecord> T ran(T record, String runbookId, int version) {
    EventMetadata m = (EventMetadata) record.get(record.getSchema().getField("metadata").pos());
    m.setRunbookId(runbookId);
    m.setRunbookVersion(version);
    return record;
  }

  static StepSucceeded succeeded(String incidentId, String stepId, String action, Instant at) {
    return StepSucceeded.newBuilder()
        .setMetadata(meta(incidentId, stepId, 1, at))
        .setAction(action)
        .setOutputs(Map.of())
        .setDurationMillis(20_000)
        .build();
  }

  static ApprovalRequested approvalRequested(
      String incidentId, String stepId, String role, int approvers, Instant at) {
    return ApprovalRequested.newBuilder()
        .setMetadata(meta(incidentId, stepId, 0, at))
        .setAction("containment.scheduleKeyDeletion")
        .setRequiredRole(role)
        .setRequiredApprovers(approvers)
        .setDeadline(at.plusSeconds(900))
        .setOnTimeout("escalate")
        .build();
  }

  static ApprovalGranted approvalGranted(
      String incidentId,
      String stepId,
      String approver,
      String role,
      int soFar,
      int required,
      Instant at) {
    return ApprovalGranted.newBuilder()
        .setMetadata(meta(incidentId, stepId, 0, at))
        .setApprover(approver)
        .setRole(role)
        .setApprovalsSoFar(soFar)
        .setRequiredApprovers(required)
        .setComment(null)
        .build();
  }

  static IncidentClosed closed(String incidentId, String head, String keyId, Instant at) {
    return IncidentClosed.newBuilder()
        .setMetadata(meta(incidentId, null, 0, at))
        .setClosedBy("orchestrator")
        .setReason("resolved")
        .setFingerprint("fp-" + incidentId)
        .setChainHead(head)
        .setChainSignature("sig")
        .setSigningKeyId(keyId)
        .build();
  }
}
