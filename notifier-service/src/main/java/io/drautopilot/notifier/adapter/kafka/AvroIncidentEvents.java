package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.notify.NotificationAttempted;
import io.drautopilot.contracts.restore.RecoveryPathCandidate;
import io.drautopilot.contracts.restore.RecoveryPathChosen;
import io.drautopilot.contracts.timeline.ApprovalGranted;
import io.drautopilot.contracts.timeline.ApprovalRejected;
import io.drautopilot.contracts.timeline.ApprovalRequested;
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
import io.drautopilot.notifier.domain.EscalationReason;
import io.drautopilot.notifier.domain.report.IncidentEvent;
import io.drautopilot.notifier.domain.report.IncidentEvent.Meta;
import io.drautopilot.notifier.domain.report.RecoveryPathChoice;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * Maps contract records (timeline, commands, results, delivery attempts) to the report's event
 * model. Commands and results are mapped generically by the naming convention, so a result type
 * added later appears in reports without a change here. Anything else (progress, detections) is ignored.
 */
public final class AvroIncidentEvents {

  private AvroIncidentEvents() {}

  public static Optional<IncidentEvent> map(Object value) {
    if (!(value instanceof IndexedRecord record)
        || record.getSchema().getField("metadata") == null) {
      return Optional.empty();
    }
    Meta m = meta(EventPublisher.metadataOf(record));
    IncidentEvent e = timeline(m, record);
    if (e != null) {
      return Optional.of(e);
    }
    if (record instanceof NotificationAttempted n) {
      return Optional.of(
          new IncidentEvent.NotificationAttempt(
              m,
              n.getChannel(),
              n.getRecipient(),
              n.getTemplateId(),
              n.getAttempt(),
              n.getOutcome().name(),
              n.getDetail()));
    }
    String type = record.getSchema().getName();
    if (type.endsWith("Command")) {
      return Optional.of(new IncidentEvent.CommandIssued(m, type, flatten(record)));
    }
    Schema.Field outcome = record.getSchema().getField("outcome");
    if (type.endsWith("Result") && outcome != null) {
      Object o = record.get(outcome.pos());
      if (o instanceof CommandFailure f) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("code", f.getCode());
        fields.put("message", f.getMessage());
        fields.put("retryable", Boolean.toString(f.getRetryable()));
        if (f.getAwsRequestId() != null) {
          fields.put("awsRequestId", f.getAwsRequestId());
        }
        return Optional.of(
            new IncidentEvent.CommandCompleted(m, type, false, "CommandFailure", fields));
      }
      if (o instanceof IndexedRecord success) {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", success, fields);
        return Optional.of(
            new IncidentEvent.CommandCompleted(
                m,
                type,
                true,
                success.getSchema().getName(),
                fields,
                success instanceof RecoveryPathChosen chosen ? recoveryPath(chosen) : null));
      }
    }
    return Optional.empty();
  }

  private static IncidentEvent timeline(Meta m, IndexedRecord r) {
    if (r instanceof IncidentOpened o) {
      return new IncidentEvent.Opened(
          m,
          o.getSeverity().name(),
          o.getScenario().name(),
          o.getRegion(),
          List.copyOf(o.getAffectedResources()),
          symptoms(o.getSymptoms()),
          o.getImpactStartedAt(),
          o.getDetectedAt());
    } else if (r instanceof IncidentSignalJoined j) {
      return new IncidentEvent.SignalJoined(m, j.getSeverity().name(), symptoms(j.getSymptoms()));
    } else if (r instanceof IncidentSeverityUpgraded u) {
      return new IncidentEvent.SeverityUpgraded(
          m, u.getFromSeverity().name(), u.getToSeverity().name(), u.getReason());
    } else if (r instanceof StepStarted s) {
      return new IncidentEvent.StepStarted(
          m, s.getAction(), s.getCommandEventId(), sorted(s.getParameters()));
    } else if (r instanceof StepSucceeded s) {
      return new IncidentEvent.StepSucceeded(
          m, s.getAction(), sorted(s.getOutputs()), s.getDurationMillis());
    } else if (r instanceof StepFailed f) {
      return new IncidentEvent.StepFailed(
          m,
          f.getAction(),
          f.getFailure().getCode(),
          f.getFailure().getMessage(),
          f.getWillRetry(),
          f.getOnFailure());
    } else if (r instanceof StepSkipped s) {
      return new IncidentEvent.StepSkipped(m, s.getAction(), s.getReason());
    } else if (r instanceof StepTimedOut t) {
      return new IncidentEvent.StepTimedOut(
          m, t.getAction(), t.getTimeoutMillis(), t.getWillRetry());
    } else if (r instanceof ApprovalRequested a) {
      return new IncidentEvent.ApprovalRequested(
          m,
          a.getAction(),
          a.getRequiredRole(),
          a.getRequiredApprovers(),
          a.getDeadline(),
          a.getOnTimeout());
    } else if (r instanceof ApprovalGranted g) {
      return new IncidentEvent.ApprovalGranted(
          m,
          g.getApprover(),
          g.getRole(),
          g.getApprovalsSoFar(),
          g.getRequiredApprovers(),
          g.getComment());
    } else if (r instanceof ApprovalRejected j) {
      return new IncidentEvent.ApprovalRejected(m, j.getApprover(), j.getRole(), j.getReason());
    } else if (r instanceof EscalationRaised x) {
      return new IncidentEvent.EscalationRaised(
          m,
          x.getLevel(),
          x.getTarget(),
          x.getReason(),
          x.getCause() == null
              ? null
              : new EscalationReason(
                  EscalationReason.Kind.named(x.getCause().name()),
                  x.getFailedStepId(),
                  x.getFailure()));
    } else if (r instanceof IncidentAcknowledged a) {
      return new IncidentEvent.Acknowledged(m, a.getAcknowledgedBy(), a.getNote());
    } else if (r instanceof IncidentResolved s) {
      return new IncidentEvent.Resolved(
          m,
          s.getOutcome(),
          s.getResolvedAt(),
          s.getMeasuredRtoSeconds(),
          s.getMeasuredRpoSeconds(),
          s.getRtoTargetSeconds());
    } else if (r instanceof IncidentClosed c) {
      return new IncidentEvent.Closed(m, c.getClosedBy(), c.getReason());
    }
    return null;
  }

  static RecoveryPathChoice recoveryPath(RecoveryPathChosen c) {
    return new RecoveryPathChoice(
        c.getPath(),
        c.getKind().name(),
        c.getRestorePointTime(),
        c.getReason(),
        c.getMeetsRpo(),
        c.getRpoTargetSeconds(),
        c.getDataLossSeconds(),
        c.getForecastP50Seconds(),
        c.getForecastP90Seconds(),
        c.getForecastBasis(),
        c.getCandidates().stream().map(AvroIncidentEvents::candidate).toList());
  }

  private static RecoveryPathChoice.Candidate candidate(RecoveryPathCandidate c) {
    return new RecoveryPathChoice.Candidate(
        c.getPath(),
        c.getKind().name(),
        c.getAvailable(),
        c.getRestorePointTime(),
        c.getDataLossSeconds(),
        c.getMeetsRpo(),
        c.getForecastP50Seconds(),
        c.getForecastP90Seconds(),
        c.getForecastBasis(),
        List.copyOf(c.getNotes()));
  }

  private static Meta meta(EventMetadata m) {
    return new Meta(
        m.getIncidentId(),
        m.getEventId(),
        m.getCausationId(),
        m.getOccurredAt(),
        m.getStepId(),
        m.getAttempt());
  }

  /** One line per piece of evidence, with what it names (principal, access key, source IP) when it names anything. */
  static List<String> symptoms(List<Evidence> evidence) {
    return evidence.stream()
        .map(
            e ->
                e.getSignal()
                    + (e.getResource() == null ? "" : " on " + e.getResource())
                    + ": "
                    + e.getDetail()
                    + (e.getSubjects() == null || e.getSubjects().isEmpty()
                        ? ""
                        : " (subjects: "
                            + String.join(
                                ", ",
                                new TreeMap<>(e.getSubjects())
                                    .entrySet().stream()
                                        .map(s -> s.getKey() + "=" + s.getValue())
                                        .toList())
                            + ")"))
        .toList();
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    return new TreeMap<>(m);
  }

  /** Every field but metadata, nested records as {@code a.b}, maps as {@code map.key}, in schema order. */
  static Map<String, String> flatten(IndexedRecord record) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", record, out);
    out.remove("metadata");
    out.keySet().removeIf(k -> k.startsWith("metadata."));
    return out;
  }

  private static void flatten(String prefix, IndexedRecord record, Map<String, String> out) {
    for (Schema.Field f : record.getSchema().getFields()) {
      put(prefix + f.name(), record.get(f.pos()), out);
    }
  }

  private static void put(String key, Object v, Map<String, String> out) {
    if (v == null) {
      return;
    }
    if (v instanceof IndexedRecord r) {
      flatten(key + ".", r, out);
    } else if (v instanceof Map<?, ?> map) {
      new TreeMap<>(
              map.entrySet().stream()
                  .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)))
          .forEach((k, x) -> put(key + "." + k, x, out));
    } else if (v instanceof Collection<?> c) {
      out.put(
          key,
          c.stream().map(AvroIncidentEvents::scalar).collect(Collectors.joining(", ", "[", "]")));
    } else {
      out.put(key, scalar(v));
    }
  }

  private static String scalar(Object v) {
    if (v instanceof IndexedRecord r) {
      Map<String, String> nested = new LinkedHashMap<>();
      flatten("", r, nested);
      return nested.toString();
    }
    if (v instanceof ByteBuffer b) {
      return b.remaining() + " bytes";
    }
    if (v instanceof GenericEnumSymbol<?>
        || v instanceof Enum<?>
        || v instanceof CharSequence
        || v instanceof Instant) {
      return v.toString();
    }
    return String.valueOf(v);
  }
}
