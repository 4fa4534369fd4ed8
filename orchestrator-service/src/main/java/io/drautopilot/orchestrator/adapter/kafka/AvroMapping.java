package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.operator.AcknowledgementSubmitted;
import io.drautopilot.contracts.operator.ApprovalDecision;
import io.drautopilot.contracts.operator.ApprovalSubmitted;
import io.drautopilot.contracts.operator.BreachSubjectsViewSubmitted;
import io.drautopilot.contracts.operator.CancellationRequested;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.engine.Effect;
import io.drautopilot.orchestrator.engine.EngineRecords;
import io.drautopilot.orchestrator.engine.IncidentState;
import io.drautopilot.orchestrator.engine.Inputs;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * Between the contracts and the engine: Avro records in, engine inputs out; the engine's commands in,
 * generic records of their schemas out. Its timeline facts are contract records already.
 */
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
        m.getOccurredAt(),
        d.getSymptoms());
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

  /** Where the command goes. */
  public String topic(Effect.Command c) {
    return actions.topic(c.action());
  }

  /** The command as a generic record of its schema: each rendered parameter converted to the field's type. */
  public GenericData.Record command(IncidentState s, Effect.Command c) {
    Schema schema = actions.commandSchema(c.action());
    GenericRecordBuilder builder = new GenericRecordBuilder(schema);
    builder.set("metadata", EngineRecords.metadata(s, c.ref()));
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

  /** The engine's timeline fact as published: a started step also names its command's topic, which the routes know. */
  public SpecificRecord timeline(Effect.Timeline t) {
    if (t.fact() instanceof StepStarted started) {
      started.setCommandTopic(actions.topic(started.getAction()));
    }
    return t.fact();
  }
}
