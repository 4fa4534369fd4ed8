package io.drautopilot.detector.adapter.probe;

import io.drautopilot.detector.domain.DetectionService;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.detector.domain.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs every probe once per interval, then evaluates the whole round at once: failures seen in one round are
 * correlated together (a region going down shows all its tables failing in the same round).
 *
 * <p>Every part of every probe (one per table, or per region, see {@link Probe#parts()}) runs concurrently and gets
 * {@code timeout} from the start of the round, so a round lasts about as long as its slowest call, whatever the
 * number of tables, and never much longer than the timeout. A part that does not finish in time contributes nothing to
 * the round (it says nothing about the tables) but is reported: counted, named in the {@code probes} health component
 * and, if it goes on, blind (see {@link ProbeHealth}).
 */
public class ProbeScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

  private final List<Probe> probes;
  private final List<Probe.Part> parts;
  private final DetectionService detection;
  private final Clock clock;
  private final Duration interval;
  private final Duration initialDelay;
  private final Duration confirmInterval;
  private final Duration timeout;
  private ScheduledExecutorService executor;
  private final ExecutorService workers;
  private final ProbeHealth probeHealth;

  /**
   * Each part's run in progress, set until its code has returned (a cancelled future is "done" while its thread may
   * still be in the call): one still running from an earlier round is not started twice.
   */
  private final List<AtomicBoolean> busy;

  public ProbeScheduler(
      List<Probe> probes,
      DetectionService detection,
      Clock clock,
      Duration interval,
      Duration initialDelay,
      Duration confirmInterval,
      ProbeHealth probeHealth) {
    this(
        probes,
        detection,
        clock,
        interval,
        initialDelay,
        confirmInterval,
        defaultTimeout(interval),
        probeHealth);
  }

  /** @param timeout how long each probe part may take in a round */
  public ProbeScheduler(
      List<Probe> probes,
      DetectionService detection,
      Clock clock,
      Duration interval,
      Duration initialDelay,
      Duration confirmInterval,
      Duration timeout,
      ProbeHealth probeHealth) {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the probe timeout must be positive, was " + timeout);
    }
    this.probeHealth = probeHealth;
    this.confirmInterval = confirmInterval;
    this.probes = List.copyOf(probes);
    this.parts = this.probes.stream().flatMap(p -> p.parts().stream()).toList();
    this.busy = parts.stream().map(p -> new AtomicBoolean()).toList();
    this.detection = detection;
    this.clock = clock;
    this.interval = interval;
    this.initialDelay = initialDelay;
    this.timeout = timeout;
    // One thread per part: they wait on the network, and a part queued behind another would eat
    // into its timeout.
    this.workers =
        Executors.newFixedThreadPool(
            Math.max(1, parts.size()),
            r -> {
              Thread t = new Thread(r, "detector-probe-worker");
              t.setDaemon(true);
              return t;
            });
  }

  /** Three quarters of the interval: the round, its evaluation and the scheduling fit within the interval. */
  public static Duration defaultTimeout(Duration interval) {
    return interval.multipliedBy(3).dividedBy(4);
  }

  public Duration timeout() {
    return timeout;
  }

  /** True when no part of an earlier round is still running. */
  boolean idle() {
    return busy.stream().noneMatch(AtomicBoolean::get);
  }

  /** One round: every probe part in parallel, each within the timeout, then one evaluation of what they saw. */
  public void runRound() {
    Instant now = clock.instant();
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Future<List<Observation>>> running = new ArrayList<>(parts.size());
    List<AtomicBoolean> starts = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      AtomicBoolean partBusy = busy.get(i);
      if (!partBusy.compareAndSet(false, true)) {
        running.add(null);
        starts.add(null);
        continue;
      }
      Probe.Part part = parts.get(i);
      AtomicBoolean started = new AtomicBoolean();
      starts.add(started);
      running.add(
          workers.submit(
              () -> {
                started.set(true);
                try {
                  return part.run(now);
                } finally {
                  partBusy.set(false);
                }
              }));
    }
    List<Observation> observations = new ArrayList<>();
    // Per probe and region: the tables whose part did not finish in time, and whether any part
    // threw.
    Map<String, List<String>> late = new LinkedHashMap<>();
    Map<String, String> crashed = new LinkedHashMap<>();
    Map<String, Probe.Part> keys = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      Probe.Part part = parts.get(i);
      String key = part.probe() + "/" + part.region();
      keys.putIfAbsent(key, part);
      Future<List<Observation>> run = running.get(i);
      try {
        if (run == null) {
          late.computeIfAbsent(key, k -> new ArrayList<>())
              .add(describe(part) + " (still running from an earlier round)");
          continue;
        }
        observations.addAll(
            run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (TimeoutException e) {
        // Not interrupted: an interrupted SDK call aborts its connection mid-request; the call ends
        // on its own client
        // timeout, and until then the part is not started again.
        run.cancel(false);
        if (!starts.get(i).get()) {
          // Cancelled before it ran, so it never will: nothing of it is left running.
          busy.get(i).set(false);
        }
        late.computeIfAbsent(key, k -> new ArrayList<>()).add(describe(part));
      } catch (ExecutionException e) {
        log.warn(
            "probe {} in {} failed to run: {}",
            part.probe(),
            part.region(),
            e.getCause().toString());
        crashed.put(key, e.getCause().toString());
      } catch (CancellationException e) {
        late.computeIfAbsent(key, k -> new ArrayList<>()).add(describe(part));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.stream().filter(java.util.Objects::nonNull).forEach(f -> f.cancel(true));
        return;
      }
    }
    keys.forEach(
        (key, part) -> {
          if (late.containsKey(key)) {
            probeHealth.timedOut(
                part.probe(),
                part.region(),
                "timed out after " + timeout + ": " + String.join(", ", late.get(key)));
          } else if (crashed.containsKey(key)) {
            probeHealth.crashed(part.probe(), part.region(), crashed.get(key));
          } else {
            probeHealth.finished(part.probe(), part.region());
          }
        });
    detection.process(observations);
  }

  private static String describe(Probe.Part part) {
    return part.resource() != null
        ? part.resource()
        : part.region().equals("*") ? "all targets" : "the region";
  }

  @Override
  public synchronized void start() {
    if (executor != null || probes.isEmpty()) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "detector-probes");
              t.setDaemon(true);
              return t;
            });
    executor.schedule(this::roundAndReschedule, initialDelay.toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "probing with {} ({} parts) every {}, each part within {}",
        probes.stream().map(Probe::name).toList(),
        parts.size(),
        interval,
        timeout);
  }

  /**
   * Runs a round, then schedules the next: after the probe interval, or sooner when a check has just started failing,
   * so flap damping confirms a real fault within one interval instead of N.
   */
  private void roundAndReschedule() {
    long started = System.nanoTime();
    try {
      runRound();
    } catch (RuntimeException e) {
      log.error("probe round failed", e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    Duration next = detection.awaitingConfirmation() ? confirmInterval : interval.minus(took);
    if (took.compareTo(interval) > 0) {
      log.warn(
          "probe round took {} (interval {}): probes are too slow for the interval",
          took,
          interval);
    }
    synchronized (this) {
      if (executor != null) {
        executor.schedule(
            this::roundAndReschedule, Math.max(0, next.toMillis()), TimeUnit.MILLISECONDS);
      }
    }
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
      workers.shutdownNow();
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }

  @Override
  public int getPhase() {
    // After the Kafka producer is ready, before the web server stops taking alerts.
    return Integer.MAX_VALUE - 100;
  }
}
