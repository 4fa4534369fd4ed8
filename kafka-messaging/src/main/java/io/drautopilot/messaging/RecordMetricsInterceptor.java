package io.drautopilot.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Counts records consumed per topic ({@code dr.records.consumed}) and puts the incident and
 * correlation ids into the logging context while a record is handled.
 */
public class RecordMetricsInterceptor implements RecordInterceptor<Object, Object> {

  private final MeterRegistry meters;

  public RecordMetricsInterceptor(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public ConsumerRecord<Object, Object> intercept(
      ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
    meters.counter("dr.records.consumed", "topic", record.topic()).increment();
    if (record.key() != null) {
      MDC.put("incidentId", String.valueOf(record.key()));
    }
    Header correlation = record.headers().lastHeader(EventHeaders.CORRELATION_ID);
    if (correlation != null) {
      MDC.put("correlationId", new String(correlation.value(), StandardCharsets.UTF_8));
    }
    return record;
  }

  @Override
  public void afterRecord(
      ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
    MDC.remove("incidentId");
    MDC.remove("correlationId");
  }
}
