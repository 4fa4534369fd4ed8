package io.drautopilot.messaging;

/** A well-formed event that this consumer has no handler for (wrong topic, unknown command): dead-lettered. */
public class UnhandledEventException extends RuntimeException {
  public UnhandledEventException(String message) {
    super(message);
  }
}
