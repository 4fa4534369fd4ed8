package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.codec.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A decoded record that a processor of the topology fails on goes to the dead-letter topic of the
 * topic it was read from, with the reason; the task goes on with the next record.
 *
 * <p>The bytes dead-lettered are the source record's as read ({@link ErrorHandlerContext#sourceRawKey()},
 * {@link ErrorHandlerContext#sourceRawValue()}). Where Kafka Streams no longer has them, the key
 * (a string) is written as UTF-8 and the value re-encoded with the contract codec, which yields the
 * same single-object encoding for a record of a released schema.
 */
public class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  private StreamsDeadLetters deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = StreamsDeadLetters.from(configs);
  }

  @Override
  public ProcessingHandlerResponse handle(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (context.topic() == null) {
      // Not from a record read from a topic (a punctuation): nothing to dead-letter.
      log.error(
          "processor {} failed outside of a source record; skipped",
          context.processorNodeId(),
          exception);
      return ProcessingHandlerResponse.CONTINUE;
    }
    byte[] key = context.sourceRawKey() != null ? context.sourceRawKey() : keyBytes(record.key());
    byte[] value =
        context.sourceRawValue() != null ? context.sourceRawValue() : valueBytes(record.value());
    boolean written =
        deadLetters.publish(
            context.topic(),
            context.partition(),
            context.offset(),
            context.timestamp(),
            context.headers(),
            key,
            value,
            exception);
    return written ? ProcessingHandlerResponse.CONTINUE : ProcessingHandlerResponse.FAIL;
  }

  private static byte[] keyBytes(Object key) {
    return key == null ? null : String.valueOf(key).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] valueBytes(Object value) {
    if (value instanceof IndexedRecord r) {
      try {
        return EventCodec.shared().encode(r);
      } catch (RuntimeException e) {
        log.warn(
            "could not re-encode the failed record's value ({}); dead-lettered without it",
            e.toString());
      }
    }
    return null;
  }
}
