package io.drautopilot.detector.adapter.probe;

import io.drautopilot.detector.domain.DetectionService;
import io.drautopilot.detector.domain.Observation;
import io.drautopilot.detector.domain.Probe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
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
  private ScheduledExecutorService executor;

  public ProbeScheduler(List<Probe> probes, DetectionService detection, Clock clock, Duration interval,
                        Duration initialDelay) {
    this.probes = List.copyOf(probes);
    this.detection = detection;
    this.clock = clock;
    this.interval = interval;
    this.initialDelay = initialDelay;
  }

  /** One round: every probe, then one evaluation. */
  public void runRound() {
    Instant now = clock.instant();
    List<Observation> observations = new ArrayList<>();
    for (Probe probe : probes) {
      try {
        observations.addAll(probe.probe(now));
      } catch (RuntimeException e) {
        log.warn("probe {} failed to run: {}", probe.name(), e.toString());
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
    executor.scheduleAtFixedRate(() -> {
      try {
        runRound();
      } catch (RuntimeException e) {
        log.error("probe round failed", e);
      }
    }, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    log.info("probing with {} every {}", probes.stream().map(Probe::name).toList(), interval);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
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
