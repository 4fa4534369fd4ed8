package io.drautopilot.messaging.serde;

import io.drautopilot.contracts.codec.EventCodec;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Avro single-object encoded events through the contract catalog. Wrapped by Spring Kafka's
 * {@code ErrorHandlingDeserializer}, so undecodable bytes become a dead letter with the reason
 * instead of stopping the consumer.
 */
public class AvroEventDeserializer implements Deserializer<Object> {

  @Override
  public Object deserialize(String topic, byte[] data) {
    return data == null ? null : EventCodec.shared().decode(data);
  }
}
