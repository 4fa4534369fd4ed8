package io.drautopilot.messaging;

import io.drautopilot.contracts.common.EventMetadata;
import java.time.Clock;
import java.util.UUID;

/**
 * Builds the metadata every record carries. {@link #causedBy} keeps incident, correlation, runbook,
 * step, attempt and idempotency key of the cause and points causationId at it, so the log can be
 * walked from any result back to the detection that started the run.
 */
public class EventMetadataFactory {

  private final String producer;
  private final Clock clock;

  public EventMetadataFactory(String producer, Clock clock) {
    this.producer = producer;
    this.clock = clock;
  }

  public String producer() {
    return producer;
  }

  public Clock clock() {
    return clock;
  }

  /** Metadata for a record that starts a new causal chain (a detection, a person's action). */
  public EventMetadata newChain(String incidentId, String correlationId) {
    return EventMetadata.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setIncidentId(incidentId)
        .setCorrelationId(correlationId)
        .setOccurredAt(clock.instant())
        .setProducer(producer)
        .build();
  }

  /** Metadata for a record caused by {@code cause}: same incident, run and step; new event id. */
  public EventMetadata causedBy(EventMetadata cause) {
    return EventMetadata.newBuilder(cause)
        .setEventId(UUID.randomUUID().toString())
        .setCausationId(cause.getEventId())
        .setOccurredAt(clock.instant())
        .setProducer(producer)
        .build();
  }
}
