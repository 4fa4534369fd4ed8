package io.drautopilot.detector.domain;

/** Where decisions go (Kafka in the service). Throws when the decision could not be made durable. */
public interface IncidentPublisher {

  void publish(Decision decision);
}
