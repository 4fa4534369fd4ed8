package io.drautopilot.detector.domain;

/** A maintenance run that cannot start as asked (unknown procedure, no target); nothing was published. */
public class MaintenanceRunRefused extends RuntimeException {

  public MaintenanceRunRefused(String reason) {
    super(reason);
  }
}
