package io.drautopilot.notifier.domain.report;

import java.time.Instant;
import java.util.List;

/**
 * The recovery path a {@code ChooseRecoveryPath} step chose, as its result recorded it: the path, the
 * restore point, why, and every path weighed with its forecast, so the report shows what the choice
 * rested on.
 *
 * @param kind the chosen restore point's kind (PITR, AWS_BACKUP, LOGICAL_SNAPSHOT)
 * @param dataLossSeconds the incident's impact start minus the chosen restore point's time
 * @param forecastBasis where the chosen path's forecast comes from, e.g. {@code history (3 runs)}
 */
public record RecoveryPathChoice(
    String path,
    String kind,
    Instant restorePointTime,
    String reason,
    boolean meetsRpo,
    long rpoTargetSeconds,
    long dataLossSeconds,
    long forecastP50Seconds,
    long forecastP90Seconds,
    String forecastBasis,
    List<Candidate> candidates) {

  /**
   * One path weighed.
   *
   * @param restorePointTime null when no restore point was found for it
   * @param dataLossSeconds null when no restore point was found for it
   * @param notes why it is not available or misses the RPO target
   */
  public record Candidate(
      String path,
      String kind,
      boolean available,
      Instant restorePointTime,
      Long dataLossSeconds,
      boolean meetsRpo,
      long forecastP50Seconds,
      long forecastP90Seconds,
      String forecastBasis,
      List<String> notes) {}
}
