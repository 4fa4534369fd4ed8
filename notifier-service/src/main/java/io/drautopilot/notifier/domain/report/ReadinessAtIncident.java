package io.drautopilot.notifier.domain.report;

import java.time.Instant;
import java.util.List;

/**
 * What readiness-service last said, before the incident, about whether the targets would hold: one
 * assessment per scope (OVERALL, and each affected table). {@code assessments} is empty when none was
 * published before the incident (the report says so rather than leaving the section out).
 *
 * @param at the moment the readiness is taken at (the incident's detection)
 */
public record ReadinessAtIncident(Instant at, List<Assessment> assessments) {

  /**
   * @param forecastRtoSeconds the scope's forecast RTO (a table's chosen path at P90; for OVERALL the worst table);
   *     null when no path has a restore point
   * @param findings the findings that did not pass, each "table: detail" or "detail"
   */
  public record Assessment(
      String scope,
      Instant assessedAt,
      int score,
      int scoreThreshold,
      boolean meetsTargets,
      Long forecastRtoSeconds,
      long rtoTargetSeconds,
      Long forecastRpoSeconds,
      long rpoTargetSeconds,
      List<String> findings) {}
}
