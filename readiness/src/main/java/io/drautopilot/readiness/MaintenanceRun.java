package io.drautopilot.readiness;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A finished monthly backup verification or quarterly drill of a table.
 *
 * @param recovered the run's resolution was RECOVERED
 * @param measuredRto the drill's measured recovery time, when it recorded one
 * @param eventIds the events it comes from (the opening and the resolution)
 */
public record MaintenanceRun(
    String incidentId,
    Instant endedAt,
    boolean recovered,
    Optional<Duration> measuredRto,
    List<String> eventIds) {

  public MaintenanceRun {
    eventIds = List.copyOf(eventIds);
  }
}
