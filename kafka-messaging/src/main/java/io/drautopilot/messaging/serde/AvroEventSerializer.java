package io.drautopilot.messaging.serde;

import io.drautopilot.contracts.codec.EventCodec;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes events as Avro single-object encoding. Raw {@code byte[]} pass through unchanged, so the
 * dead-letter publisher can forward a record that could not be decoded exactly as it arrived.
 */
public class AvroEventSerializer implements Serializer<Object> {

  @Override
  public byte[] serialize(String topic, Object data) {
    if (data == null || data instanceof byte[]) {
      return (byte[]) data;
    }
    if (data instanceof IndexedRecord record) {
      return EventCodec.shared().encode(record);
    }
    throw new IllegalArgumentException(
        "cannot serialize "
            + data.getClass().getName()
            + " to "
            + topic
            + ": only Avro records from the contracts are written to Kafka");
  }
}
