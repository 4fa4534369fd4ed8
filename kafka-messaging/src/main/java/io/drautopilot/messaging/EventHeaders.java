package io.drautopilot.messaging;

/** Kafka header names set on every record the services write. */
public final class EventHeaders {
  public static final String EVENT_TYPE = "dr-event-type";
  public static final String EVENT_ID = "dr-event-id";
  public static final String CORRELATION_ID = "dr-correlation-id";
  public static final String CAUSATION_ID = "dr-causation-id";
  public static final String HANDLER = "dr-handler";
  public static final String LEDGER_STATE = "dr-ledger-state";
  public static final String DEAD_LETTER_REASON = "dr-dead-letter-reason";

  private EventHeaders() {}
}
