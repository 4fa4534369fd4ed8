package io.drautopilot.detector.sandbox;

/** A fault that cannot be injected, with the HTTP status that says why (400, 403, 404, 501). */
public class FaultRefused extends RuntimeException {

  private final int status;

  public FaultRefused(int status, String reason) {
    super(reason);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
