package io.drautopilot.detector.adapter.http;

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
}
