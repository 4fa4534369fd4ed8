package io.drautopilot.validation.domain;

import io.drautopilot.messaging.command.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The seed's performance test, done properly: N requests at concurrency C against one target,
 * latency percentiles (nearest rank, over every request, failed ones included: a slow timeout is
 * part of what users feel) and the error rate, judged against thresholds. Or, as the seed's
 * {@code --duration 300 --concurrency 50}, C workers for a duration, reporting progress as it runs,
 * optionally after a warm-up whose requests are sent but not measured.
 */
public class LoadRunner {

  /** One request; throwing counts as an error. */
  @FunctionalInterface
  public interface Probe {
    void call(int requestIndex) throws Exception;
  }

  /** How often a duration run reports how far it is: a tenth of the run, at most every 5 s. */
  static Duration progressEvery(Duration duration) {
    Duration tenth = duration.dividedBy(10);
    return tenth.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : tenth;
  }

  public PerformanceReport run(
      int requests, int concurrency, Probe probe, long p99ThresholdMillis, double maxErrorRate)
      throws InterruptedException {
    return run(
        requests,
        null,
        Duration.ZERO,
        concurrency,
        probe,
        p99ThresholdMillis,
        maxErrorRate,
        ProgressListener.NONE,
        Clock.systemUTC());
  }

  /**
   * @param requests the number of requests; with a {@code duration}, the most that are sent (a cap that
   *     bounds the latencies held), the run ending at whichever comes first
   * @param duration keep the load on this long, or null to stop after {@code requests}
   * @param warmUp send requests this long first without measuring them (each caller's connection and
   *     the first calls through cold code on both sides), then measure; zero for none
   */
  public PerformanceReport run(
      int requests,
      Duration duration,
      Duration warmUp,
      int concurrency,
      Probe probe,
      long p99ThresholdMillis,
      double maxErrorRate,
      ProgressListener progress,
      Clock clock)
      throws InterruptedException {
    int cap = Math.max(1, requests);
    int c = Math.max(1, duration == null ? Math.min(concurrency, cap) : concurrency);
    long[] latencies = new long[cap];
    Instant measuredFrom = clock.instant().plus(warmUp);
    boolean warmingUp = !warmUp.isZero();
    Instant end = duration == null ? null : measuredFrom.plus(duration);
    Duration every = duration == null ? null : progressEvery(duration);
    AtomicReference<Instant> nextReport =
        new AtomicReference<>(every == null ? null : measuredFrom.plus(every));
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger warmUps = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            c,
            r -> {
              Thread t = new Thread(r, "load");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < c; w++) {
        workers.add(
            pool.submit(
                () -> {
                  boolean warming = warmingUp;
                  while (true) {
                    Instant now = warming || end != null ? clock.instant() : null;
                    if (warming && now.isBefore(measuredFrom)) {
                      try {
                        probe.call(warmUps.getAndIncrement());
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      } catch (Exception e) {
                        // not measured: a warm-up request's outcome is no part of the verdict
                      }
                      continue;
                    }
                    warming = false;
                    if (end != null) {
                      if (!now.isBefore(end)) {
                        return;
                      }
                      Instant due = nextReport.get();
                      // one worker reports per period; the others carry on
                      if (!now.isBefore(due) && nextReport.compareAndSet(due, now.plus(every))) {
                        progress.progress(
                            finished.get(),
                            null,
                            String.format(
                                "%d requests, %d errors, %d s of %d s",
                                finished.get(),
                                errors.get(),
                                Duration.between(measuredFrom, now).toSeconds(),
                                duration.toSeconds()));
                      }
                    }
                    // taken only once the time is checked, so every index taken is a request sent
                    int i = next.getAndIncrement();
                    if (i >= cap) {
                      return;
                    }
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
                    finished.incrementAndGet();
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
    int n = Math.max(1, Math.min(finished.get(), cap));
    // requests are numbered in order, so the first n slots hold every one that ran
    long[] sorted = Arrays.copyOf(latencies, n);
    Arrays.sort(sorted);
    double p50 = percentileMillis(sorted, 0.50);
    double p95 = percentileMillis(sorted, 0.95);
    double p99 = percentileMillis(sorted, 0.99);
    double errorRate = errors.get() / (double) n;
    boolean passed = p99 <= p99ThresholdMillis && errorRate <= maxErrorRate;
    return new PerformanceReport(passed, n, p50, p95, p99, errorRate, warmUps.get());
  }

  static double percentileMillis(long[] sortedNanos, double p) {
    int rank = (int) Math.ceil(p * sortedNanos.length);
    return sortedNanos[Math.max(0, rank - 1)] / 1_000_000.0;
  }
}
