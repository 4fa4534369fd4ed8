package io.drautopilot.notifier.domain;

/** Where each delivery attempt is recorded as it happens (the deliveries topic). */
@FunctionalInterface
public interface AttemptRecorder {
  void record(DeliveryAttempt attempt);
}
