package io.drautopilot.restore.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cutover gate: the latest validation verdict per table (fed from validation-service's results),
 * and the refusal of a cutover to a table whose latest validation did not pass.
 */
public class ValidationVerdicts {

  /** One validation outcome; {@code tableName} is null for a failed validation command. */
  public record Verdict(String eventId, String tableName, boolean passed, Instant occurredAt) {}

  private final Map<String, Verdict> latestByTable = new HashMap<>();
  private final Map<String, Verdict> byEventId = new HashMap<>();

  public synchronized void record(Verdict verdict) {
    byEventId.put(verdict.eventId(), verdict);
    if (verdict.tableName() != null) {
      latestByTable.merge(
          verdict.tableName(),
          verdict,
          (old, now) -> now.occurredAt().isBefore(old.occurredAt()) ? old : now);
    }
    notifyAll();
  }

  public synchronized Optional<Verdict> latest(String tableName) {
    return Optional.ofNullable(latestByTable.get(tableName));
  }

  /**
   * Allows the cutover or throws: the named validation (when given) must be of this table and have
   * passed, and the table's latest validation must have passed. Waits up to {@code wait} for a
   * verdict not seen yet (the result may still be on its way through Kafka).
   */
  public synchronized Verdict requirePassed(
      String tableName, String validationEventId, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!known(tableName, validationEventId) && System.nanoTime() < deadline) {
      try {
        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (validationEventId != null) {
      Verdict named = byEventId.get(validationEventId);
      if (named == null) {
        throw new RestoreRefusedException(
            "ValidationNotFound",
            "no validation result "
                + validationEventId
                + " has been seen; refusing to cut over to "
                + tableName,
            true);
      }
      if (named.tableName() != null && !named.tableName().equals(tableName)) {
        throw new RestoreRefusedException(
            "ValidationNotPassed",
            "validation "
                + validationEventId
                + " is of table "
                + named.tableName()
                + ", not "
                + tableName);
      }
      if (!named.passed()) {
        throw new RestoreRefusedException(
            "ValidationNotPassed",
            "validation "
                + validationEventId
                + " of "
                + tableName
                + " did not pass; refusing to cut over");
      }
    }
    Verdict latest = latestByTable.get(tableName);
    if (latest == null) {
      throw new RestoreRefusedException(
          "ValidationNotFound",
          "table "
              + tableName
              + " has no validation result; refusing to cut over to an unvalidated table",
          true);
    }
    if (!latest.passed()) {
      throw new RestoreRefusedException(
          "ValidationNotPassed",
          "the latest validation of "
              + tableName
              + " ("
              + latest.eventId()
              + ") did not pass; refusing to cut over");
    }
    return latest;
  }

  private boolean known(String tableName, String validationEventId) {
    return validationEventId != null
        ? byEventId.containsKey(validationEventId)
        : latestByTable.containsKey(tableName);
  }
}
