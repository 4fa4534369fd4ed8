package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.operator.AcknowledgementSubmitted;
import io.drautopilot.contracts.operator.ApprovalDecision;
import io.drautopilot.contracts.operator.ApprovalSubmitted;
import io.drautopilot.contracts.operator.BreachSubjectsViewSubmitted;
import io.drautopilot.contracts.operator.CancellationRequested;
import io.drautopilot.contracts.timeline.ApprovalGranted;
import io.drautopilot.contracts.timeline.ApprovalRejected;
import io.drautopilot.contracts.timeline.ApprovalRequested;
import io.drautopilot.contracts.timeline.BreachSubjectsViewed;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.contracts.timeline.IncidentAcknowledged;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.IncidentSeverityUpgraded;
import io.drautopilot.contracts.timeline.IncidentSignalJoined;
import io.drautopilot.contracts.timeline.StepFailed;
import io.drautopilot.contracts.timeline.StepSkipped;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.contracts.timeline.StepTimedOut;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.engine.Effect;
import io.drautopilot.orchestrator.engine.IncidentState;
import io.drautopilot.orchestrator.engine.Inputs;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.generic.IndexedRecord;

/** Between the contracts and the engine: Avro records in, engine inputs out; engine effects in, Avro records out. */
public class AvroMapping {

  private final ContractActionCatalog actions;

  public AvroMapping(ContractActionCatalog actions) {
    this.actions = actions;
  }

  public static Inputs.Detection detection(IncidentDetected d) {
    EventMetadata m = d.getMetadata();
    return new Inputs.Detection(
        m.getEventId(),
        m.getIncidentId(),
        m.getCorrelationId(),
        d.getFingerprint(),
        d.getScenario().name(),
        d.getSeverity().name(),
        d.getRegion(),
        List.copyOf(d.getAffectedResources()),
        d.getImpactStartedAt(),
        d.getDetectedAt(),
        d.getDetectorId(),
        subjects(d.getSymptoms()),
        m.getOccurredAt());
  }

  public static Inputs.ConditionCleared cleared(
      io.drautopilot.contracts.incident.IncidentConditionCleared c) {
    return new Inputs.ConditionCleared(
        c.getMetadata().getEventId(), c.getDetectorId(), c.getRegion(), c.getClearedAt());
  }

  /** The subjects the evidence names, in evidence order: the first to name one wins. */
  static Map<String, String> subjects(List<Evidence> symptoms) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Evidence e : symptoms) {
      if (e.getSubjects() != null) {
        e.getSubjects()
            .forEach(
                (k, v) -> {
                  if (v != null && !v.isBlank()) {
                    out.putIfAbsent(k, v);
                  }
                });
      }
    }
    return out;
  }

  /** Reads any {@code <VerbNoun>Result} generically: a CommandFailure outcome, or a success record whose fields become outputs. */
  public static Inputs.StepResult result(IndexedRecord result) {
    EventMetadata m = EventPublisher.metadataOf(result);
    Schema.Field outcomeField = result.getSchema().getField("outcome");
    if (m == null
        || m.getStepId() == null
        || outcomeField == null
        || !(result.get(outcomeField.pos()) instanceof IndexedRecord outcome)) {
      return null;
    }
    if (outcome.getSchema().getName().equals(CommandFailure.getClassSchema().getName())) {
      return new Inputs.StepResult(
          m.getEventId(),
          m.getStepId(),
          m.getAttempt(),
          m.getOccurredAt(),
          false,
          Map.of(),
          String.valueOf(field(outcome, "code")),
          String.valueOf(field(outcome, "message")),
          Boolean.TRUE.equals(field(outcome, "retryable")));
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    flatten(outcome, "", outputs);
    return new Inputs.StepResult(
        m.getEventId(),
        m.getStepId(),
        m.getAttempt(),
        m.getOccurredAt(),
        true,
        outputs,
        null,
        null,
        false);
  }

  private static Object field(IndexedRecord r, String name) {
    Schema.Field f = r.getSchema().getField(name);
    return f == null ? null : r.get(f.pos());
  }

  private static void flatten(IndexedRecord record, String prefix, Map<String, String> out) {
    for (Schema.Field f : record.getSchema().getFields()) {
      Object v = record.get(f.pos());
      if (v == null) {
        continue;
      }
      if (v instanceof IndexedRecord nested) {
        flatten(nested, prefix + f.name() + ".", out);
      } else if (v instanceof Collection<?> c) {
        out.put(prefix + f.name(), String.join(",", c.stream().map(String::valueOf).toList()));
      } else if (v instanceof Map<?, ?> map) {
        map.forEach((k, mv) -> out.put(prefix + f.name() + "." + k, String.valueOf(mv)));
      } else {
        // Instants print as ISO-8601, so a restore point time can be a later step's parameter as
        // is.
        out.put(prefix + f.name(), String.valueOf(v));
      }
    }
  }

  public static Inputs.Approval approval(ApprovalSubmitted a) {
    return new Inputs.Approval(
        a.getMetadata().getEventId(),
        a.getStepId(),
        a.getApprover(),
        List.copyOf(a.getRoles()),
        a.getDecision() == ApprovalDecision.APPROVE,
        a.getComment(),
        a.getMetadata().getOccurredAt());
  }

  public static Inputs.Acknowledgement acknowledgement(AcknowledgementSubmitted a) {
    return new Inputs.Acknowledgement(
        a.getMetadata().getEventId(),
        a.getAcknowledgedBy(),
        a.getNote(),
        a.getMetadata().getOccurredAt());
  }

  public static Inputs.Cancellation cancellation(CancellationRequested c) {
    return new Inputs.Cancellation(
        c.getMetadata().getEventId(),
        c.getRequestedBy(),
        c.getReason(),
        c.getMetadata().getOccurredAt());
  }

  public static Inputs.SubjectsViewed subjectsViewed(BreachSubjectsViewSubmitted v) {
    return new Inputs.SubjectsViewed(
        v.getMetadata().getEventId(),
        v.getViewedBy(),
        List.copyOf(v.getSubjectNames()),
        v.getReadPath(),
        v.getMetadata().getOccurredAt());
  }

  private static EventMetadata metadata(IncidentState s, Effect.Ref ref) {
    return EventMetadata.newBuilder()
        .setEventId(ref.eventId())
        .setIncidentId(s.incidentId)
        .setCorrelationId(s.correlationId)
        .setCausationId(ref.causationId())
        .setOccurredAt(ref.at())
        .setProducer(RunbookEngine.PRODUCER)
        .setRunbookId(s.runbookId)
        .setRunbookVersion(s.runbookVersion)
        .setStepId(ref.stepId())
        .setAttempt(Math.max(1, ref.attempt()))
        .setIdempotencyKey(
            ref.stepId() == null
                ? null
                : s.incidentId + "/" + ref.stepId() + "/" + Math.max(1, ref.attempt()))
        .build();
  }

  /** Where the command goes. */
  public String topic(Effect.Command c) {
    return actions.topic(c.action());
  }

  /** The command as a generic record of its schema: each rendered parameter converted to the field's type. */
  public GenericData.Record command(IncidentState s, Effect.Command c) {
    Schema schema = actions.commandSchema(c.action());
    GenericRecordBuilder builder = new GenericRecordBuilder(schema);
    builder.set("metadata", metadata(s, c.ref()));
    c.parameters()
        .forEach(
            (name, value) -> {
              Schema.Field field = schema.getField(name);
              if (field != null) {
                builder.set(field, ParameterConverter.convert(field.schema(), value));
              }
            });
    return builder.build();
  }

  /** The timeline record of an engine fact; {@code input} supplies what only the detection carries (symptoms). */
  public IndexedRecord timeline(IncidentState s, Effect.Timeline t, Object input) {
    EventMetadata m = metadata(s, t.ref());
    if (t instanceof Effect.Opened o) {
      return IncidentOpened.newBuilder()
          .setMetadata(m)
          .setFingerprint(s.fingerprint)
          .setScenario(Scenario.valueOf(s.scenario))
          .setSeverity(Severity.valueOf(s.severity))
          .setRegion(s.region)
          .setAffectedResources(s.affectedResources)
          .setSymptoms(symptoms(input))
          .setImpactStartedAt(s.impactStartedAt)
          .setDetectedAt(s.detectedAt)
          .setDetectorEventId(s.detectorEventId)
          .build();
    } else if (t instanceof Effect.SignalJoined j) {
      return IncidentSignalJoined.newBuilder()
          .setMetadata(m)
          .setDetectorEventId(j.detectorEventId())
          .setSeverity(Severity.valueOf(j.severity()))
          .setSymptoms(symptoms(input))
          .build();
    } else if (t instanceof Effect.SeverityUpgraded u) {
      return IncidentSeverityUpgraded.newBuilder()
          .setMetadata(m)
          .setFromSeverity(Severity.valueOf(u.from()))
          .setToSeverity(Severity.valueOf(u.to()))
          .setReason(u.reason())
          .build();
    } else if (t instanceof Effect.StepStarted st) {
      return StepStarted.newBuilder()
          .setMetadata(m)
          .setAction(st.action())
          .setCommandEventId(st.commandEventId())
          .setCommandTopic(actions.topic(st.action()))
          .setParameters(new LinkedHashMap<>(st.parameters()))
          .build();
    } else if (t instanceof Effect.StepSucceeded ok) {
      return StepSucceeded.newBuilder()
          .setMetadata(m)
          .setAction(ok.action())
          .setOutputs(new LinkedHashMap<>(ok.outputs()))
          .setDurationMillis(ok.durationMillis())
          .build();
    } else if (t instanceof Effect.StepFailed f) {
      return StepFailed.newBuilder()
          .setMetadata(m)
          .setAction(f.action())
          .setFailure(
              CommandFailure.newBuilder()
                  .setCode(f.code())
                  .setMessage(f.message() == null ? "" : f.message())
                  .setRetryable(f.retryable())
                  .build())
          .setWillRetry(f.willRetry())
          .setOnFailure(f.onFailure())
          .build();
    } else if (t instanceof Effect.StepTimedOut to) {
      return StepTimedOut.newBuilder()
          .setMetadata(m)
          .setAction(to.action())
          .setTimeoutMillis(to.timeoutMillis())
          .setWillRetry(to.willRetry())
          .build();
    } else if (t instanceof Effect.StepSkipped sk) {
      return StepSkipped.newBuilder()
          .setMetadata(m)
          .setAction(sk.action())
          .setReason(sk.reason())
          .build();
    } else if (t instanceof Effect.ApprovalRequested ar) {
      return ApprovalRequested.newBuilder()
          .setMetadata(m)
          .setAction(ar.action())
          .setRequiredRole(ar.role())
          .setRequiredApprovers(ar.requiredApprovers())
          .setDeadline(ar.deadline())
          .setOnTimeout(ar.onTimeout())
          .build();
    } else if (t instanceof Effect.ApprovalGranted g) {
      return ApprovalGranted.newBuilder()
          .setMetadata(m)
          .setApprover(g.approver())
          .setRole(g.role())
          .setApprovalsSoFar(g.approvalsSoFar())
          .setRequiredApprovers(g.requiredApprovers())
          .setComment(g.comment())
          .build();
    } else if (t instanceof Effect.ApprovalRejected r) {
      return ApprovalRejected.newBuilder()
          .setMetadata(m)
          .setApprover(r.approver())
          .setRole(r.role())
          .setReason(r.reason())
          .build();
    } else if (t instanceof Effect.EscalationRaised e) {
      return EscalationRaised.newBuilder()
          .setMetadata(m)
          .setLevel(e.level())
          .setTarget(e.target())
          .setReason(e.reason())
          .setCause(e.cause())
          .setFailedStepId(e.failedStepId())
          .setFailure(e.failure())
          .build();
    } else if (t instanceof Effect.Acknowledged a) {
      return IncidentAcknowledged.newBuilder()
          .setMetadata(m)
          .setAcknowledgedBy(a.acknowledgedBy())
          .setNote(a.note())
          .build();
    } else if (t instanceof Effect.BreachSubjectsViewed v) {
      return BreachSubjectsViewed.newBuilder()
          .setMetadata(m)
          .setViewedBy(v.viewedBy())
          .setSubjectNames(new ArrayList<>(v.subjectNames()))
          .setReadPath(v.readPath())
          .build();
    } else if (t instanceof Effect.Resolved r) {
      return IncidentResolved.newBuilder()
          .setMetadata(m)
          .setOutcome(r.outcome())
          .setResolvedAt(r.resolvedAt())
          .setMeasuredRtoSeconds(r.rtoSeconds())
          .setMeasuredRpoSeconds(r.rpoSeconds())
          .setRtoTargetSeconds(r.rtoTargetSeconds())
          .build();
    } else if (t instanceof Effect.Closed c) {
      return IncidentClosed.newBuilder()
          .setMetadata(m)
          .setClosedBy(c.closedBy())
          .setReason(c.reason())
          .setFingerprint(s.fingerprint)
          .build();
    }
    throw new IllegalArgumentException("unmapped timeline effect " + t);
  }

  private static List<Evidence> symptoms(Object input) {
    return input instanceof IncidentDetected d ? List.copyOf(d.getSymptoms()) : new ArrayList<>();
  }

  static Instant now(EventMetadata m) {
    return m.getOccurredAt();
  }
}
