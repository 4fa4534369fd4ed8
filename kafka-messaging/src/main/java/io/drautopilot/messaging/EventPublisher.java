package io.drautopilot.messaging;

import io.drautopilot.contracts.common.EventMetadata;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes contract records, keyed by incident id, with correlation headers, and waits for the
 * broker's acknowledgement ({@code acks=all}): a handler reports a result only once it is durable.
 */
public class EventPublisher {

  private final KafkaTemplate<String, Object> template;
  private final long timeoutMillis;

  public EventPublisher(KafkaTemplate<String, Object> template, long timeoutMillis) {
    this.template = template;
    this.timeoutMillis = timeoutMillis;
  }

  /** Publishes with the record's incident id (metadata.incidentId) as key. */
  public void publish(String topic, IndexedRecord event) {
    publish(topic, metadataOf(event).getIncidentId(), event);
  }

  public void publish(String topic, String key, IndexedRecord event) {
    ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, event);
    addHeaders(record.headers(), event);
    try {
      template.send(record).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing to " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not publish "
              + event.getSchema().getName()
              + " to "
              + topic
              + " within "
              + timeoutMillis
              + " ms: "
              + e.getMessage(),
          e);
    }
  }

  static void addHeaders(Headers headers, IndexedRecord event) {
    headers.add(EventHeaders.EVENT_TYPE, bytes(event.getSchema().getFullName()));
    EventMetadata m = metadataOf(event);
    if (m != null) {
      headers.add(EventHeaders.EVENT_ID, bytes(m.getEventId()));
      headers.add(EventHeaders.CORRELATION_ID, bytes(m.getCorrelationId()));
      if (m.getCausationId() != null) {
        headers.add(EventHeaders.CAUSATION_ID, bytes(m.getCausationId()));
      }
    }
  }

  /**
   * The {@code metadata} field of a contract record: the record's own for a generated record, a copy
   * for a generic one. A generic record may have been written with an older {@code EventMetadata}
   * (fewer fields), so the copy goes field by field, by name, with the current schema's defaults for
   * fields the writer did not have.
   */
  public static EventMetadata metadataOf(IndexedRecord event) {
    var field = event.getSchema().getField("metadata");
    if (field == null) {
      return null;
    }
    Object value = event.get(field.pos());
    if (value instanceof EventMetadata m) {
      return m;
    }
    if (!(value instanceof IndexedRecord written)) {
      return null;
    }
    org.apache.avro.specific.SpecificData model = org.apache.avro.specific.SpecificData.get();
    EventMetadata copy = new EventMetadata();
    for (org.apache.avro.Schema.Field f : EventMetadata.getClassSchema().getFields()) {
      org.apache.avro.Schema.Field source = written.getSchema().getField(f.name());
      Object v =
          source != null
              ? model.deepCopy(f.schema(), written.get(source.pos()))
              : model.getDefaultValue(f);
      if (v instanceof CharSequence cs) {
        v = cs.toString();
      } else if (v instanceof Long millis && f.schema().getLogicalType() != null) {
        v = java.time.Instant.ofEpochMilli(millis); // read without logical-type conversions
      }
      copy.put(f.pos(), v);
    }
    return copy;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
