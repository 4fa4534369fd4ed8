package io.drautopilot.detector.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.incident.IncidentConditionCleared;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.detector.domain.Incident;
import io.drautopilot.detector.domain.IncidentDetector;
import io.drautopilot.detector.domain.MaintenanceRuns;
import io.drautopilot.detector.domain.RunbookScenario;
import io.drautopilot.detector.domain.RunbookSeverity;
import io.drautopilot.detector.domain.Symptom;
import io.drautopilot.messaging.Readers;
import io.drautopilot.messaging.serde.AvroEventDeserializer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Continues, after a restart, the problems this detector had open: reads {@code dr.incidents.detected} (keyed by
 * fingerprint, kept for ever) up to its end before the probes and webhooks start, keeps the last record of each
 * fingerprint, and hands the ones that are still open (an {@code IncidentDetected} not followed by an
 * {@code IncidentConditionCleared}) to the detector with their incident ids. The detection log is the durable store:
 * no second copy that could disagree with what was published. Maintenance runs are not problems and are skipped.
 *
 * <p>Reading takes as long as the detection log is long (one record per raise, upgrade, widening or clear); if the
 * broker cannot be read within the timeout the detector starts with nothing open, as before, and says so.
 */
public class OpenProblemsLoader implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OpenProblemsLoader.class);

  private final String bootstrapServers;
  private final IncidentDetector detector;
  private final Clock clock;
  private final Duration grace;
  private final Duration timeout;
  private volatile boolean running;

  public OpenProblemsLoader(
      String bootstrapServers,
      IncidentDetector detector,
      Clock clock,
      Duration grace,
      Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.detector = detector;
    this.clock = clock;
    this.grace = grace;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
    try {
      Map<String, Incident> open = read();
      detector.restore(open.values(), clock.instant().plus(grace));
      log.info(
          "continuing {} open problem(s) from {}: {}",
          open.size(),
          Topics.INCIDENTS_DETECTED,
          open.keySet());
    } catch (RuntimeException e) {
      log.warn(
          "could not read the open problems from {} ({}): starting with none; an ongoing problem will be raised "
              + "again under a new incident id",
          Topics.INCIDENTS_DETECTED,
          e.toString());
    }
  }

  /** The open problems by fingerprint, as the log says now. */
  Map<String, Incident> read() {
    Map<String, Object> config =
        Map.of(
            "bootstrap.servers",
            bootstrapServers,
            "group.id",
            "detector-restore-" + UUID.randomUUID(),
            "enable.auto.commit",
            "false",
            "isolation.level",
            "read_committed",
            "default.api.timeout.ms",
            (int) timeout.toMillis());
    Map<String, Incident> open = new LinkedHashMap<>();
    AvroEventDeserializer avro = new AvroEventDeserializer();
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.INCIDENTS_DETECTED, timeout).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Instant deadline = Instant.now().plus(timeout);
      while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "the detection log was not read to its end within " + timeout);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          Object value;
          try {
            value = r.value() == null ? null : avro.deserialize(r.topic(), r.value());
          } catch (RuntimeException undecodable) {
            // Dead-lettered by whoever consumes it; nothing to continue here.
            continue;
          }
          if (value instanceof IncidentDetected d && !isMaintenanceRun(d)) {
            open.put(d.getFingerprint(), toIncident(d));
          } else if (value instanceof IncidentConditionCleared c) {
            open.remove(c.getFingerprint());
          }
        }
      }
    } finally {
      // read to its end at start-up: a plain close would hold the start for fetch.max.wait.ms
      Readers.close(consumer);
    }
    return open;
  }

  private static boolean isMaintenanceRun(IncidentDetected d) {
    return d.getSymptoms().stream()
        .anyMatch(
            e ->
                e.getSignal().equals(MaintenanceRuns.SCHEDULED_SIGNAL)
                    || e.getSignal().equals(MaintenanceRuns.ON_DEMAND_SIGNAL));
  }

  static Incident toIncident(IncidentDetected d) {
    return new Incident(
        d.getMetadata().getIncidentId(),
        d.getFingerprint(),
        RunbookScenario.valueOf(d.getScenario().name()),
        RunbookSeverity.valueOf(d.getSeverity().name()),
        d.getRegion(),
        d.getAffectedResources(),
        d.getSymptoms().stream().map(OpenProblemsLoader::symptom).toList(),
        d.getImpactStartedAt(),
        d.getDetectedAt());
  }

  private static Symptom symptom(Evidence e) {
    return new Symptom(
        e.getSignal(),
        e.getResource(),
        e.getDetail(),
        e.getObservedAt(),
        e.getValue(),
        e.getSubjects() == null ? Map.of() : Map.copyOf(e.getSubjects()));
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Before the probes (Integer.MAX_VALUE - 100) and the web server start deciding anything.
    return Integer.MAX_VALUE - 200;
  }
}
