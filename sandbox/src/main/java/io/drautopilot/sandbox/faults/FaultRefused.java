package io.drautopilot.sandbox.faults;

/** A fault that cannot be injected, with the HTTP status that says why (400, 404, 501, 502, 503). */
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
