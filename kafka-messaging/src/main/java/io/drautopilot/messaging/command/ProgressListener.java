package io.drautopilot.messaging.command;

/**
 * Told how a long action is going. Domain code reports through it without knowing where progress goes
 * (a plain interface: no Kafka type in its signature); a handler passes {@link ProgressReporter#listener()}.
 * Called often, so an implementation throttles, as {@link ProgressReporter} does.
 */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener NONE = (done, total, itemsPerSecond, message) -> {};

  /**
   * @param done items (or steps) done so far
   * @param total expected total, or null when unknown
   * @param itemsPerSecond rate over this run, or null when not measured
   */
  void progress(long done, Long total, Double itemsPerSecond, String message);

  /** Progress with no rate. */
  default void progress(long done, Long total, String message) {
    progress(done, total, null, message);
  }

  /** Percent done, or null when the total is unknown. */
  static Double percent(long done, Long total) {
    return total == null || total <= 0 ? null : Math.min(100.0, 100.0 * done / total);
  }
}
