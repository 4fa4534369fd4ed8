package io.drautopilot.audit;

import io.drautopilot.contracts.codec.EventCodec;
import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.generic.IndexedRecord;

/**
 * One record of the event log as Kafka holds it: its topic and its value (Avro single-object
 * encoding, so the writer schema travels with it).
 */
public record LogRecord(String topic, byte[] value) {

  public LogRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(value, "value");
    EventCodec.fingerprintOf(value);
  }

  /** Encodes {@code record} with its own (released) schema, as the services' producers do. */
  public static LogRecord of(String topic, IndexedRecord record) {
    return new LogRecord(topic, EventCodec.shared().encode(record));
  }

  /** The record decoded into its generated class (see {@link EventCodec#decode(byte[])}). */
  public Object decode() {
    return EventCodec.shared().decode(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogRecord other
        && topic.equals(other.topic)
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * topic.hashCode() + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "LogRecord[" + topic + ", " + value.length + " bytes]";
  }
}
