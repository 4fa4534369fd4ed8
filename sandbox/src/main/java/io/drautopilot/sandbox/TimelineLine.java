package io.drautopilot.sandbox;

import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/** One human-readable line per event: time, incident, event type, and the fields an operator scans for. */
final class TimelineLine {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  private static final List<String> INTERESTING =
      List.of(
          "scenario",
          "severity",
          "region",
          "affectedResources",
          "action",
          "fromSeverity",
          "toSeverity",
          "level",
          "target",
          "approver",
          "requiredRole",
          "requiredApprovers",
          "acknowledgedBy",
          "reason",
          "outcome",
          "measuredRtoSeconds",
          "measuredRpoSeconds",
          "willRetry",
          "onFailure",
          "durationMillis",
          "message",
          "percentDone",
          "itemsDone",
          "itemsPerSecond",
          "channel",
          "recipient");

  private TimelineLine() {}

  static String format(IndexedRecord event) {
    EventMetadata m = metadata(event);
    StringBuilder line = new StringBuilder();
    line.append(m == null ? "            " : TIME.format(m.getOccurredAt())).append("  ");
    line.append(String.format(Locale.ROOT, "%-26s", event.getSchema().getName()));
    if (m != null && m.getStepId() != null) {
      line.append(" step=").append(m.getStepId());
      if (m.getAttempt() > 1) {
        line.append(" attempt=").append(m.getAttempt());
      }
    }
    for (Schema.Field f : event.getSchema().getFields()) {
      if (!INTERESTING.contains(f.name())) {
        continue;
      }
      Object v = event.get(f.pos());
      if (v == null || v instanceof IndexedRecord || v instanceof Map<?, ?> map && map.isEmpty()) {
        continue;
      }
      line.append(' ').append(f.name()).append('=').append(render(v));
    }
    Schema.Field outcome = event.getSchema().getField("outcome");
    Schema.Field detail = event.getSchema().getField("detail");
    if (outcome != null
        && detail != null
        && event.get(outcome.pos()) instanceof GenericEnumSymbol<?> symbol
        && !"DELIVERED".equals(symbol.toString())
        && event.get(detail.pos()) != null) {
      // a delivery that did not go through says why (no address for the contact, the server's
      // answer)
      line.append(" detail=").append(event.get(detail.pos()));
    }
    if (outcome != null && event.get(outcome.pos()) instanceof IndexedRecord o) {
      line.append(
          o instanceof CommandFailure f
              ? " FAILED " + f.getCode() + ": " + f.getMessage()
              : " ok " + o.getSchema().getName());
    }
    Schema.Field failure = event.getSchema().getField("failure");
    if (failure != null && event.get(failure.pos()) instanceof CommandFailure f) {
      line.append(" failure=").append(f.getCode()).append(": ").append(f.getMessage());
    }
    return line.toString();
  }

  private static String render(Object v) {
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.1f", d);
    }
    if (v instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(x -> parts.add(String.valueOf(x)));
      return parts.toString();
    }
    if (v instanceof Instant i) {
      return i.toString();
    }
    return String.valueOf(v);
  }

  static EventMetadata metadata(IndexedRecord event) {
    Schema.Field f = event.getSchema().getField("metadata");
    return f != null && event.get(f.pos()) instanceof EventMetadata m ? m : null;
  }
}
