package io.drautopilot.detector.domain;

/** The runbook's severities, most severe first: P1 critical, P2 high, P3 medium, P4 low. */
public enum RunbookSeverity {
  P1,
  P2,
  P3,
  P4;

  public boolean isWorseThan(RunbookSeverity other) {
    return ordinal() < other.ordinal();
  }

  public static RunbookSeverity worst(RunbookSeverity a, RunbookSeverity b) {
    return a.isWorseThan(b) ? a : b;
  }
}
