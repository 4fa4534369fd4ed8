package io.drautopilot.notifier.domain;

import java.time.Instant;

/** One attempt on one channel for one recipient, as the log records it. */
public record DeliveryAttempt(
    String channel,
    String recipient,
    String templateId,
    int attempt,
    Outcome outcome,
    String detail,
    Instant at) {

  /** DELIVERED and FAILED are final; RETRYING means another attempt follows. */
  public enum Outcome {
    DELIVERED,
    FAILED,
    RETRYING
  }
}
