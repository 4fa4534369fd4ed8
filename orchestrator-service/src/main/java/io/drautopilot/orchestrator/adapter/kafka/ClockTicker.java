package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.clock.ClockTicked;
import io.drautopilot.messaging.EventMetadataFactory;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Time as an input: publishes ClockTicked to every partition of dr.clock.ticks each interval. The
 * engine fires timers only on ticks read from the log, so a replay fires them identically. Several
 * instances may tick; the engine never lets time run backwards.
 */
public class ClockTicker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ClockTicker.class);

  private final KafkaTemplate<String, Object> template;
  private final EventMetadataFactory metadata;
  private final Duration interval;
  private ScheduledExecutorService executor;

  public ClockTicker(
      KafkaTemplate<String, Object> template, EventMetadataFactory metadata, Duration interval) {
    this.template = template;
    this.metadata = metadata;
    this.interval = interval;
  }

  void tick() {
    try {
      int partitions = template.partitionsFor(Topics.CLOCK_TICKS).size();
      for (int p = 0; p < partitions; p++) {
        ClockTicked tick =
            ClockTicked.newBuilder()
                .setMetadata(metadata.newChain("clock", "clock"))
                .setTickedAt(metadata.clock().instant())
                .build();
        template.send(new ProducerRecord<>(Topics.CLOCK_TICKS, p, String.valueOf(p), tick));
      }
    } catch (RuntimeException e) {
      log.warn("clock tick not published: {}", e.toString());
    }
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "orchestrator-clock");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleAtFixedRate(
        this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
