package io.drautopilot.notifier.domain;

import java.util.Map;

/** The runbook's severity names and response targets. */
public final class Severities {

  private static final Map<String, String> LABELS =
      Map.of(
          "P1", "P1 - Critical (RTO 15 minutes, immediate response)",
          "P2", "P2 - High (RTO 1 hour, response within 30 minutes)",
          "P3", "P3 - Medium (RTO 4 hours, response within 2 hours)",
          "P4", "P4 - Low (RTO 24 hours, response within business hours)");

  /** The seed's RTO per severity, in seconds. */
  private static final Map<String, Long> RTO_SECONDS =
      Map.of("P1", 900L, "P2", 3600L, "P3", 14400L, "P4", 86400L);

  /** The default when neither the incident nor its severity says: the runbook's 15 minutes. */
  public static final long DEFAULT_RTO_SECONDS = 900;

  private Severities() {}

  public static boolean known(String severity) {
    return severity != null && RTO_SECONDS.containsKey(severity);
  }

  /** The seed's RTO target of the severity, else {@link #DEFAULT_RTO_SECONDS}. */
  public static long rtoTargetSeconds(String severity) {
    return severity == null
        ? DEFAULT_RTO_SECONDS
        : RTO_SECONDS.getOrDefault(severity, DEFAULT_RTO_SECONDS);
  }

  public static String label(String severity) {
    return LABELS.getOrDefault(severity, severity);
  }
}
