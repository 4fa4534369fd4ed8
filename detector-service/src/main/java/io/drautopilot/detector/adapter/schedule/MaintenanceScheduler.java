package io.drautopilot.detector.adapter.schedule;

import io.drautopilot.detector.domain.Incident;
import io.drautopilot.detector.domain.MaintenanceProcedure;
import io.drautopilot.detector.domain.MaintenanceRuns;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.support.CronExpression;

/**
 * Starts the maintenance procedures on their cron schedules. Every {@code checkInterval} it looks for cron times
 * passed since the last look and starts one run per procedure for the latest of them, stamped with the cron time
 * (not the time it noticed). Reading the clock instead of sleeping until a cron time keeps it testable and
 * right across clock adjustments; a run whose publication fails is looked for again at the next check.
 * Cron times that passed while the detector was down are not caught up.
 */
public class MaintenanceScheduler implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MaintenanceScheduler.class);

  /** One procedure's schedule: a Spring cron expression (second minute hour day-of-month month day-of-week). */
  public record Schedule(MaintenanceProcedure procedure, String expression, CronExpression cron) {

    public static Schedule parse(MaintenanceProcedure procedure, String expression) {
      try {
        return new Schedule(procedure, expression.trim(), CronExpression.parse(expression.trim()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "invalid cron expression '"
                + expression
                + "' for "
                + procedure.id()
                + ": "
                + e.getMessage(),
            e);
      }
    }
  }

  private final List<Schedule> schedules;
  private final MaintenanceRuns runs;
  private final Clock clock;
  private final ZoneId zone;
  private final Duration checkInterval;
  private final Map<MaintenanceProcedure, Instant> checkedUpTo =
      new EnumMap<>(MaintenanceProcedure.class);
  private ScheduledExecutorService executor;

  public MaintenanceScheduler(
      List<Schedule> schedules,
      MaintenanceRuns runs,
      Clock clock,
      ZoneId zone,
      Duration checkInterval) {
    this.schedules = List.copyOf(schedules);
    this.runs = runs;
    this.clock = clock;
    this.zone = zone;
    this.checkInterval = checkInterval;
    resetTo(clock.instant());
  }

  /** Starts the runs that became due since the last check (the latest per procedure) and returns them. */
  public synchronized List<Incident> runDue() {
    Instant now = clock.instant();
    List<Incident> started = new ArrayList<>();
    for (Schedule s : schedules) {
      Instant from = checkedUpTo.get(s.procedure());
      Instant due = null;
      int missed = 0;
      for (ZonedDateTime next = s.cron().next(from.atZone(zone));
          next != null && !next.toInstant().isAfter(now);
          next = s.cron().next(next)) {
        missed += due == null ? 0 : 1;
        due = next.toInstant();
      }
      if (due == null) {
        checkedUpTo.put(s.procedure(), now);
        continue;
      }
      if (missed > 0) {
        log.warn(
            "{}: {} earlier run(s) since {} are not started, only the latest ({})",
            s.procedure().id(),
            missed,
            from,
            due);
      }
      try {
        started.add(runs.startScheduled(s.procedure(), due, s.expression() + " " + zone.getId()));
        checkedUpTo.put(s.procedure(), now);
      } catch (RuntimeException e) {
        log.warn(
            "could not start the {} due at {}, retrying at the next check: {}",
            s.procedure().id(),
            due,
            e.getMessage());
      }
    }
    return started;
  }

  /** The next cron time of a procedure after the last check; empty when it is not scheduled. */
  public synchronized Optional<Instant> nextRun(MaintenanceProcedure procedure) {
    return schedules.stream()
        .filter(s -> s.procedure() == procedure)
        .findFirst()
        .map(s -> s.cron().next(checkedUpTo.get(procedure).atZone(zone)))
        .map(ZonedDateTime::toInstant);
  }

  private void resetTo(Instant instant) {
    schedules.forEach(s -> checkedUpTo.put(s.procedure(), instant));
  }

  private void check() {
    try {
      runDue();
    } catch (RuntimeException e) {
      log.error("maintenance schedule check failed", e);
    }
  }

  @Override
  public synchronized void start() {
    if (executor != null || schedules.isEmpty()) {
      return;
    }
    resetTo(clock.instant());
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "detector-maintenance");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(
        this::check, checkInterval.toMillis(), checkInterval.toMillis(), TimeUnit.MILLISECONDS);
    schedules.forEach(
        s ->
            log.info(
                "{} scheduled '{}' ({}), next run {}, against {}",
                s.procedure().id(),
                s.expression(),
                zone.getId(),
                nextRun(s.procedure()).orElse(null),
                runs.defaultTarget(s.procedure()).orElse(null)));
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
    // Like the probes: after the Kafka producer is ready.
    return Integer.MAX_VALUE - 100;
  }
}
