package io.drautopilot.notifier.domain;

import java.util.Map;

/** The runbook's severity names and response targets. */
public final class Severities {

  private static final Map<String, String> LABELS = Map.of(
      "P1", "P1 - Critical (RTO 15 minutes, immediate response)",
      "P2", "P2 - High (RTO 1 hour, response within 30 minutes)",
      "P3", "P3 - Medium (RTO 4 hours, response within 2 hours)",
      "P4", "P4 - Low (RTO 24 hours, response within business hours)");

  private Severities() {}

  public static String label(String severity) {
    return LABELS.getOrDefault(severity, severity);
  }
}
