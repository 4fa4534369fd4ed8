package io.drautopilot.readiness;

import java.time.Duration;

/** Durations the way the runbook speaks of them: "45 s", "22 min", "26 h", "40 d". */
public final class Durations {

  private Durations() {}

  public static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + " s";
    }
    if (s < 2 * 3600) {
      return Math.round(s / 60.0) + " min";
    }
    if (s < 2 * 86400) {
      return Math.round(s / 3600.0) + " h";
    }
    return Math.round(s / 86400.0) + " d";
  }
}
