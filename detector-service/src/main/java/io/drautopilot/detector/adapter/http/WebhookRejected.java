package io.drautopilot.detector.adapter.http;

import java.util.Map;
import org.springframework.http.ResponseEntity;

/** A webhook call refused before anything was published: the HTTP status and the reason the caller sees. */
public class WebhookRejected extends RuntimeException {

  private final int status;

  public WebhookRejected(int status, String reason) {
    super(reason);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The answer the caller gets: the status, and the reason as {@code {"error": ...}}. */
  ResponseEntity<Map<String, String>> answer() {
    return ResponseEntity.status(status).body(Map.of("error", getMessage()));
  }
}
