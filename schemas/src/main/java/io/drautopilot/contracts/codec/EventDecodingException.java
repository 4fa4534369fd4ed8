package io.drautopilot.contracts.codec;

/** Bytes that are not a readable DR Autopilot event. The message says why; it becomes the dead-letter reason. */
public class EventDecodingException extends RuntimeException {
  public EventDecodingException(String message) {
    super(message);
  }

  public EventDecodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
