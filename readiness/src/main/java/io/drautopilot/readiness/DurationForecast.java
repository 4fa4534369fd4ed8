package io.drautopilot.readiness;

import java.time.Duration;
import java.util.List;

/**
 * How long one recovery path is expected to take for one table.
 *
 * @param p50 half of the runs are expected to finish within this
 * @param p90 nine in ten runs are expected to finish within this (the figure compared with the RTO)
 * @param basis where the numbers come from, for a person: {@code "history (3 runs)"} or
 *     {@code "no history: AWS floor"}
 * @param runs how many measured runs were used (0 for the floor)
 * @param evidenceEventIds the events that reported those runs
 */
public record DurationForecast(
    RecoveryPath path,
    Duration p50,
    Duration p90,
    String basis,
    int runs,
    List<String> evidenceEventIds) {

  public static final String NO_HISTORY = "no history: AWS floor";

  public DurationForecast {
    evidenceEventIds = List.copyOf(evidenceEventIds);
  }

  public boolean fromHistory() {
    return runs > 0;
  }

  static String historyBasis(int runs) {
    return "history (" + runs + (runs == 1 ? " run)" : " runs)");
  }

  /** The basis of runs borrowed from the path of the same mechanism: {@code "history (2 runs, of snapshot import)"}. */
  static String historyBasis(int runs, RecoveryPath of) {
    return "history (" + runs + (runs == 1 ? " run" : " runs") + ", of " + of.label() + ")";
  }
}
