package io.drautopilot.sandbox;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One Kafka record as kept in a drill's exported log ({@code log/<topic>.jsonl}): coordinates, key,
 * headers and the value's exact bytes (Avro single-object encoding, base64). Readable with nothing
 * but the released {@code .avsc} files.
 */
record LoggedRecord(String topic, int partition, long offset, long timestamp, String key,
                    Map<String, String> headers, byte[] value) {

  static LoggedRecord of(ConsumerRecord<String, byte[]> r) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      headers.put(h.key(), h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return new LoggedRecord(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), headers, r.value());
  }

  String valueBase64() {
    return value == null ? null : Base64.getEncoder().encodeToString(value);
  }
}
