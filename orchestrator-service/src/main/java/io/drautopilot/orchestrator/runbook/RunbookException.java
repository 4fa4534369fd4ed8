package io.drautopilot.orchestrator.runbook;

/** An invalid runbook: which file, where in it (step id / field) and why. Stops start-up. */
public class RunbookException extends RuntimeException {

  private final String file;
  private final String location;
  private final String reason;

  public RunbookException(String file, String location, String reason) {
    super(file + ": " + location + ": " + reason);
    this.file = file;
    this.location = location;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  public String location() {
    return location;
  }

  public String reason() {
    return reason;
  }
}
