package io.drautopilot.detector.adapter.probe;

import io.drautopilot.detector.domain.DetectionService;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.detector.domain.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs every probe once per interval, then evaluates the whole round at once: failures seen in one round are
 * correlated together (a region going down shows all its tables failing in the same round).
 */
public class ProbeScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ProbeScheduler.class);

  private final List<Probe> probes;
  private final DetectionService detection;
  private final Clock clock;
  private final Duration interval;
  private final Duration initialDelay;
  private final Duration confirmInterval;
  private ScheduledExecutorService executor;
  private final ExecutorService workers;
  private final ProbeHealth probeHealth;

  public ProbeScheduler(List<Probe> probes, DetectionService detection, Clock clock, Duration interval,
                        Duration initialDelay, Duration confirmInterval, ProbeHealth probeHealth) {
    this.probeHealth = probeHealth;
    this.confirmInterval = confirmInterval;
    this.probes = List.copyOf(probes);
    this.detection = detection;
    this.clock = clock;
    this.interval = interval;
    this.initialDelay = initialDelay;
    this.workers = Executors.newFixedThreadPool(Math.max(1, probes.size()), r -> {
      Thread t = new Thread(r, "detector-probe-worker");
      t.setDaemon(true);
      return t;
    });
  }

  /** One round: every probe (in parallel, so a round lasts as long as its slowest probe), then one evaluation. */
  public void runRound() {
    Instant now = clock.instant();
    List<Future<List<Observation>>> running = new ArrayList<>();
    for (Probe probe : probes) {
      running.add(workers.submit(() -> probe.probe(now)));
    }
    List<Observation> observations = new ArrayList<>();
    for (int i = 0; i < probes.size(); i++) {
      try {
        observations.addAll(running.get(i).get());
        probeHealth.seeing(probes.get(i).name(), "*");
      } catch (ExecutionException e) {
        log.warn("probe {} failed to run: {}", probes.get(i).name(), e.getCause().toString());
        probeHealth.blind(probes.get(i).name(), "*", e.getCause().toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running.forEach(f -> f.cancel(true));
        return;
      }
    }
    detection.process(observations);
  }

  @Override
  public synchronized void start() {
    if (executor != null || probes.isEmpty()) {
      return;
    }
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "detector-probes");
      t.setDaemon(true);
      return t;
    });
    executor.schedule(this::roundAndReschedule, initialDelay.toMillis(), TimeUnit.MILLISECONDS);
    log.info("probing with {} every {}", probes.stream().map(Probe::name).toList(), interval);
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
      log.warn("probe round took {} (interval {}): probes are too slow for the interval", took, interval);
    }
    synchronized (this) {
      if (executor != null) {
        executor.schedule(this::roundAndReschedule, Math.max(0, next.toMillis()), TimeUnit.MILLISECONDS);
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
