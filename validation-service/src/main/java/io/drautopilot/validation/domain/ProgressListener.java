package io.drautopilot.validation.domain;

/** Told how far a long action got; implementations throttle (it may be called for every item). */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener NONE = (done, total, message) -> { };

  /**
   * @param itemsDone items processed so far
   * @param itemsTotal expected total, or null when unknown
   */
  void progress(long itemsDone, Long itemsTotal, String message);
}
