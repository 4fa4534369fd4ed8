package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.RecoveryPathChosen;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.notifier.domain.report.CommandCompleted;
import io.drautopilot.notifier.domain.report.CommandIssued;
import io.drautopilot.notifier.domain.report.IncidentReports;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * What the report reads of a decoded contract record: a timeline record or a delivery attempt as it
 * is; a command or a result, of whichever schema, flattened into a {@link CommandIssued} or {@link
 * CommandCompleted} by the naming convention, so a result type added later appears in reports
 * without a change here. Anything else (progress, detections) is left out.
 */
public final class AvroIncidentEvents {

  private AvroIncidentEvents() {}

  public static Optional<Object> map(Object value) {
    if (IncidentReports.reads(value)) {
      return Optional.of(value);
    }
    if (!(value instanceof IndexedRecord record)
        || record.getSchema().getField("metadata") == null) {
      return Optional.empty();
    }
    EventMetadata m = EventPublisher.metadataOf(record);
    String type = record.getSchema().getName();
    if (type.endsWith("Command")) {
      return Optional.of(new CommandIssued(m, type, flatten(record)));
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
        return Optional.of(new CommandCompleted(m, type, false, "CommandFailure", fields));
      }
      if (o instanceof IndexedRecord success) {
        Map<String, String> fields = new LinkedHashMap<>();
        flatten("", success, fields);
        return Optional.of(
            new CommandCompleted(
                m,
                type,
                true,
                success.getSchema().getName(),
                fields,
                success instanceof RecoveryPathChosen chosen ? chosen : null));
      }
    }
    return Optional.empty();
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
