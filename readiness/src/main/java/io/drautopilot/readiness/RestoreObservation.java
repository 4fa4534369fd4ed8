package io.drautopilot.readiness;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One measured restore (or import, or failover) of a table by one path.
 *
 * @param table the protected table the run recovered (its source, not the recovery table's name)
 * @param path how it was recovered
 * @param itemCount items in the restored table, or {@code -1} when the result did not say
 * @param sizeBytes bytes in the restored table, or {@code -1} when unknown
 * @param duration from the action's start to the table being usable
 * @param measuredAt when the run ended
 * @param sourceEventId the event that reported it (the command result's event id)
 * @param source the kind of run
 */
public record RestoreObservation(
    String table,
    RecoveryPath path,
    long itemCount,
    long sizeBytes,
    Duration duration,
    Instant measuredAt,
    String sourceEventId,
    ObservationSource source) {

  public RestoreObservation {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(measuredAt, "measuredAt");
    Objects.requireNonNull(sourceEventId, "sourceEventId");
    Objects.requireNonNull(source, "source");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration " + duration + " in " + sourceEventId);
    }
  }

  public TableSize size() {
    return new TableSize(itemCount, sizeBytes);
  }
}
