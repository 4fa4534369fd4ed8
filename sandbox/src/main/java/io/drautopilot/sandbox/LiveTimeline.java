package io.drautopilot.sandbox;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.messaging.Readers;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the log while the drill runs: prints each event of the drill's incidents as it happens
 * (timeline, command results, progress, notifications) and keeps them for the final verdict.
 */
final class LiveTimeline implements AutoCloseable {

  static final Set<String> TOPICS =
      Set.of(
          Topics.INCIDENTS_DETECTED,
          Topics.INCIDENT_TIMELINE,
          Topics.COMMAND_RESULTS,
          Topics.COMMAND_PROGRESS,
          Topics.NOTIFICATION_DELIVERIES);

  private final KafkaConsumer<String, byte[]> consumer;
  private final PrintStream out;
  private final Instant started;
  private final Predicate<String> shown;
  private final List<IndexedRecord> events = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  LiveTimeline(
      String bootstrapServers, PrintStream out, Instant started, Predicate<String> shownIncidents) {
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "sandbox-timeline-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.out = out;
    this.started = started;
    this.shown = shownIncidents;
    this.thread = new Thread(this::run, "sandbox-timeline");
    this.thread.setDaemon(true);
    consumer.subscribe(TOPICS);
    thread.start();
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          IndexedRecord event;
          try {
            event = (IndexedRecord) EventCodec.shared().decode(r.value());
          } catch (RuntimeException e) {
            continue; // dead-lettered by the services; not part of the story
          }
          events.add(event);
          EventMetadata m = TimelineLine.metadata(event);
          if (m != null && shown.test(m.getIncidentId())) {
            print(m, event);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      // its group is its own and ends with the drill: no leave to wait for, and no answer to the
      // close of its fetch session (see Readers)
      Readers.close(consumer);
    }
  }

  private synchronized void print(EventMetadata m, IndexedRecord event) {
    double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
    out.printf(
        "[+%6.1fs] %s  %s%n", seconds, shortId(m.getIncidentId()), TimelineLine.format(event));
  }

  static String shortId(String incidentId) {
    return incidentId.length() > 13
        ? incidentId.substring(0, 13)
        : String.format("%-13s", incidentId);
  }

  List<IndexedRecord> events() {
    return new ArrayList<>(events);
  }

  List<IndexedRecord> eventsOf(String incidentId) {
    return events.stream()
        .filter(
            e -> {
              EventMetadata m = TimelineLine.metadata(e);
              return m != null && incidentId.equals(m.getIncidentId());
            })
        .toList();
  }

  /** The first incident opened by the orchestrator after the fault, if any. */
  Optional<String> firstIncident(Predicate<IndexedRecord> opened) {
    return events.stream()
        .filter(opened)
        .map(e -> TimelineLine.metadata(e).getIncidentId())
        .findFirst();
  }

  /** Waits until {@code incidentId} is closed; false on timeout. */
  boolean awaitClosed(
      java.util.function.Supplier<Optional<String>> incident,
      Duration timeout,
      java.util.function.Consumer<String> whileOpen)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextAction = 0;
    while (System.nanoTime() < deadline) {
      Optional<String> id = incident.get();
      if (id.isPresent()
          && eventsOf(id.get()).stream().anyMatch(e -> e instanceof IncidentClosed)) {
        return true;
      }
      if (id.isPresent() && System.nanoTime() > nextAction) {
        whileOpen.accept(id.get());
        nextAction = System.nanoTime() + Duration.ofMillis(500).toNanos();
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
