package io.drautopilot.drctl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/** A timeline record as a person reads it: when, what, which step, the facts that matter. */
public final class TimelineView {

  /** Proof fields and ids: in the JSON output, not in the table. */
  private static final Set<String> HIDDEN =
      Set.of("metadata", "chainHead", "chainSignature", "signingKeyId");

  private static final int DETAIL_WIDTH = 110;

  public record Row(
      String time, String event, String step, String detail, Map<String, Object> fields) {}

  private TimelineView() {}

  public static Row of(IndexedRecord record) {
    GenericRecord metadata = IncidentRecords.metadata(record);
    Object stepId = metadata.get("stepId");
    Object attempt = metadata.get("attempt");
    String step =
        stepId == null
            ? ""
            : stepId
                + (attempt != null && !"1".equals(String.valueOf(attempt)) ? "#" + attempt : "");
    Map<String, Object> fields = new LinkedHashMap<>();
    List<String> detail = new ArrayList<>();
    for (Schema.Field f : record.getSchema().getFields()) {
      Object v = record.get(f.pos());
      if (f.name().equals("metadata")) {
        continue;
      }
      fields.put(f.name(), plain(v));
      if (v != null
          && !HIDDEN.contains(f.name())
          && !(v instanceof java.util.Collection<?> c && c.isEmpty())
          && !(v instanceof Map<?, ?> m && m.isEmpty())) {
        detail.add(f.name() + "=" + plain(v));
      }
    }
    String text = String.join(" ", detail);
    if (text.length() > DETAIL_WIDTH) {
      text = text.substring(0, DETAIL_WIDTH - 3) + "...";
    }
    return new Row(
        time(metadata.get("occurredAt")), record.getSchema().getName(), step, text, fields);
  }

  static String time(Object value) {
    if (value instanceof Instant i) {
      return i.toString();
    }
    return value instanceof Number n
        ? Instant.ofEpochMilli(n.longValue()).toString()
        : String.valueOf(value);
  }

  /** Avro values as JSON-friendly plain values (records as maps, instants as ISO-8601). */
  public static Object plain(Object v) {
    if (v instanceof IndexedRecord r) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Schema.Field f : r.getSchema().getFields()) {
        m.put(f.name(), plain(r.get(f.pos())));
      }
      return m;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> m = new java.util.TreeMap<>();
      map.forEach((k, x) -> m.put(String.valueOf(k), plain(x)));
      return m;
    }
    if (v instanceof java.util.Collection<?> c) {
      return c.stream().map(TimelineView::plain).toList();
    }
    if (v instanceof Instant
        || v instanceof CharSequence
        || v instanceof Enum<?>
        || v instanceof org.apache.avro.generic.GenericEnumSymbol<?>) {
      return String.valueOf(v);
    }
    if (v instanceof java.nio.ByteBuffer b) {
      return java.util.HexFormat.of().formatHex(b.array());
    }
    return v;
  }
}
