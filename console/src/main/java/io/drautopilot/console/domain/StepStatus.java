package io.drautopilot.console.domain;

/** A runbook step as the timeline shows it; each has a label so no page relies on colour alone. */
public enum StepStatus {
  PENDING("pending"),
  AWAITING_APPROVAL("awaiting approval"),
  RUNNING("running"),
  RETRYING("failed, will retry"),
  SUCCEEDED("succeeded"),
  FAILED("failed"),
  TIMED_OUT("timed out"),
  SKIPPED("skipped"),
  REJECTED("rejected");

  private final String label;

  StepStatus(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public String cssClass() {
    return name().toLowerCase().replace('_', '-');
  }
}
