package io.drautopilot.orchestrator.adapter.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * A record the topology cannot decode (not Avro single-object encoding, an unknown schema
 * fingerprint, a corrupt payload) goes, bytes as read, to its topic's dead-letter topic with the
 * reason; the task goes on with the next record. Only when the dead letter cannot be written does the
 * task fail, so the record is read again instead of being lost.
 */
public class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private StreamsDeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = StreamsDeadLetters.from(configs);
  }

  @Override
  public DeserializationHandlerResponse handle(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    boolean written =
        deadLetters.publish(
            record.topic(),
            record.partition(),
            record.offset(),
            record.timestamp(),
            record.headers(),
            record.key(),
            record.value(),
            exception);
    return written ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
  }
}
