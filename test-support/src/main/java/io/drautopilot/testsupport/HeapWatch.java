package io.drautopilot.testsupport;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * For benchmarks: the peak of the heap in use right after collections (what is really held, not
 * garbage), sampled every 20 ms on a daemon thread from construction until {@link #stop()}.
 */
public final class HeapWatch implements AutoCloseable {

  private final LongAccumulator peak = new LongAccumulator(Math::max, 0);
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  public HeapWatch() {
    thread =
        new Thread(
            () -> {
              while (running.get()) {
                long used = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                  if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    used += pool.getCollectionUsage().getUsed();
                  }
                }
                peak.accumulate(used);
                try {
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** Collects, then starts a new peak (call right before the measured phase). */
  public void reset() {
    System.gc();
    peak.reset();
  }

  /** Bytes: the highest after-collection heap use seen since the last {@link #reset()}. */
  public long peakAfterGc() {
    return peak.get();
  }

  public void stop() {
    running.set(false);
    thread.interrupt();
  }

  @Override
  public void close() {
    stop();
  }
}
