package io.drautopilot.restore.domain;

/**
 * Told how a long action is going; called often, so an implementation throttles (the Kafka adapter
 * publishes at most one {@code CommandProgressed} per interval).
 */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener NONE = (done, total, itemsPerSecond, message) -> { };

  /**
   * @param done items (or steps) done so far
   * @param total expected total, or null when unknown
   * @param itemsPerSecond rate over this run, or null
   */
  void progress(long done, Long total, Double itemsPerSecond, String message);

  static Double percent(long done, Long total) {
    return total == null || total <= 0 ? null : Math.min(100.0, 100.0 * done / total);
  }
}
