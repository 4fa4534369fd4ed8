package io.drautopilot.messaging;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventDecodingException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The one error handler of every listener: a record that cannot be decoded or handled goes to
 * {@code <topic>.dlt} with the reason ({@value EventHeaders#DEAD_LETTER_REASON}, plus Spring Kafka's
 * original topic / partition / offset / exception headers), and the consumer moves on.
 * Decoding and contract errors are not retried; anything else is retried twice first.
 */
public final class DeadLetters {

  private DeadLetters() {}

  public static DefaultErrorHandler errorHandler(
      KafkaOperations<?, ?> template, MeterRegistry meters) {
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            template, (record, ex) -> new TopicPartition(Topics.deadLetterOf(record.topic()), -1));
    recoverer.setHeadersFunction(
        (record, ex) -> {
          Throwable root = rootCause(ex);
          String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
          meters
              .counter(
                  "dr.records.dead.lettered",
                  "topic",
                  record.topic(),
                  "reason",
                  root.getClass().getSimpleName())
              .increment();
          return new RecordHeaders(
              new RecordHeader[] {
                new RecordHeader(
                    EventHeaders.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8))
              });
        });
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500L, 2L));
    handler.addNotRetryableExceptions(
        DeserializationException.class,
        EventDecodingException.class,
        UnhandledEventException.class,
        IllegalArgumentException.class,
        ClassCastException.class,
        NullPointerException.class);
    return handler;
  }

  static Throwable rootCause(Throwable ex) {
    Throwable t = ex;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
