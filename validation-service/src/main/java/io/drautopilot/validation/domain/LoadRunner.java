package io.drautopilot.validation.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed's performance test, done properly: N requests at concurrency C against one target,
 * latency percentiles (nearest rank, over every request, failed ones included: a slow timeout is
 * part of what users feel) and the error rate, judged against thresholds.
 */
public class LoadRunner {

  /** One request; throwing counts as an error. */
  @FunctionalInterface
  public interface Probe {
    void call(int requestIndex) throws Exception;
  }

  public PerformanceReport run(int requests, int concurrency, Probe probe, long p99ThresholdMillis, double maxErrorRate)
      throws InterruptedException {
    int n = Math.max(1, requests);
    int c = Math.max(1, Math.min(concurrency, n));
    long[] latencies = new long[n];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(c, r -> {
      Thread t = new Thread(r, "load");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < c; w++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            long t0 = System.nanoTime();
            try {
              probe.call(i);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            } catch (Exception e) {
              errors.incrementAndGet();
            }
            latencies[i] = System.nanoTime() - t0;
          }
        }));
      }
      for (Future<?> f : workers) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    double p50 = percentileMillis(sorted, 0.50);
    double p95 = percentileMillis(sorted, 0.95);
    double p99 = percentileMillis(sorted, 0.99);
    double errorRate = errors.get() / (double) n;
    boolean passed = p99 <= p99ThresholdMillis && errorRate <= maxErrorRate;
    return new PerformanceReport(passed, n, p50, p95, p99, errorRate);
  }

  static double percentileMillis(long[] sortedNanos, double p) {
    int rank = (int) Math.ceil(p * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1_000_000.0;
  }
}
