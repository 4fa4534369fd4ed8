package io.drautopilot.sandbox;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.messaging.EventHeaders;
import io.drautopilot.messaging.Readers;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The crash drill: at a chosen step of the recovery, {@code kill -9} a service (then start it again) or restart the
 * broker. A step's disruption fires once the handler has begun acting on the step's command (its ledger says
 * STARTED), so the crash lands mid-action rather than before the command was even read.
 */
final class Disruptions implements AutoCloseable {

  /** What to disrupt ({@link #BROKER} or a service name) when the step {@code stepId} starts. */
  record Disruption(String target, String stepId) {
    static final String BROKER = "kafka";

    /** {@code service@step-id}. */
    static Disruption parse(String value) {
      int at = value.indexOf('@');
      if (at <= 0 || at == value.length() - 1) {
        throw new IllegalArgumentException(
            "--kill needs SERVICE@STEP-ID (e.g. restore-service@import-snapshot), not '"
                + value
                + "'");
      }
      String service = value.substring(0, at);
      if (!ServiceProcesses.SERVICES.contains(service)) {
        throw new IllegalArgumentException(
            "--kill: no service '" + service + "'; the services are " + ServiceProcesses.SERVICES);
      }
      return new Disruption(service, value.substring(at + 1));
    }

    @Override
    public String toString() {
      return (BROKER.equals(target) ? "restart of the Kafka broker" : "kill -9 of " + target)
          + " at step "
          + stepId;
    }
  }

  /** Carries out a disruption; returns what was done, for the drill's output. */
  interface Executor {
    String disrupt(Disruption d) throws Exception;
  }

  private static final Pattern TOPICS =
      Pattern.compile(Pattern.quote(Topics.INCIDENT_TIMELINE) + "|dr\\.commands\\.[a-z]+");

  private final List<Disruption> pending;
  private final Executor executor;
  private final PrintStream out;
  private final Instant started;
  private final Predicate<String> incidents;
  private final KafkaConsumer<String, byte[]> consumer;
  // The three records that tie a disruption to its command come from three topics, in whatever
  // order
  // the polls return them: each is remembered until the others arrive.
  private final Map<String, Disruption> byCommandEventId = new ConcurrentHashMap<>();
  private final Map<String, String> idempotencyKeyByEventId = new ConcurrentHashMap<>();
  private final Set<String> startedKeys = ConcurrentHashMap.newKeySet();
  private final Set<Disruption> fired = ConcurrentHashMap.newKeySet();
  private final List<String> done = new CopyOnWriteArrayList<>();
  private final Thread thread;
  private volatile boolean running = true;

  Disruptions(
      String bootstrapServers,
      List<Disruption> plan,
      Executor executor,
      PrintStream out,
      Instant started,
      Predicate<String> incidents) {
    this.pending = List.copyOf(plan);
    this.executor = executor;
    this.out = out;
    this.started = started;
    this.incidents = incidents;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "sandbox-disruptions-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG,
                1000),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(TOPICS);
    this.thread = new Thread(this::run, "sandbox-disruptions");
    thread.setDaemon(true);
    thread.start();
  }

  /** What was disrupted so far, in order. */
  List<String> done() {
    return List.copyOf(done);
  }

  /** Disruptions whose step never began acting. */
  List<Disruption> notFired() {
    return pending.stream().filter(d -> !fired.contains(d)).toList();
  }

  private void run() {
    try {
      while (running && fired.size() < pending.size()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          observe(r);
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      // its group is its own and ends with the drill (see LiveTimeline)
      Readers.close(consumer);
    }
  }

  private void observe(ConsumerRecord<String, byte[]> r) {
    if (Topics.COMMAND_LEDGER.equals(r.topic())) {
      Header state = r.headers().lastHeader(EventHeaders.LEDGER_STATE);
      if (r.key() != null
          && state != null
          && "STARTED".equals(new String(state.value(), StandardCharsets.UTF_8))) {
        startedKeys.add(r.key().substring(r.key().indexOf(':') + 1));
        fireWhatStarted();
      }
      return;
    }
    Object decoded;
    try {
      decoded = EventCodec.shared().decode(r.value());
    } catch (RuntimeException e) {
      return;
    }
    if (!(decoded instanceof org.apache.avro.generic.IndexedRecord event)) {
      return;
    }
    EventMetadata m = TimelineLine.metadata(event);
    if (m == null || !incidents.test(m.getIncidentId())) {
      return;
    }
    if (event instanceof StepStarted s && s.getCommandEventId() != null) {
      for (Disruption d : pending) {
        if (d.stepId().equals(m.getStepId()) && !fired.contains(d)) {
          byCommandEventId.putIfAbsent(s.getCommandEventId(), d);
        }
      }
    } else if (m.getIdempotencyKey() != null) {
      idempotencyKeyByEventId.put(m.getEventId(), m.getIdempotencyKey());
    }
    fireWhatStarted();
  }

  /** Fires each disruption whose step's command the ledger has seen start, once. */
  private void fireWhatStarted() {
    byCommandEventId.forEach(
        (commandEventId, d) -> {
          String key = idempotencyKeyByEventId.get(commandEventId);
          if (key != null && startedKeys.contains(key) && fired.add(d)) {
            fire(d);
          }
        });
  }

  /** On its own thread: the consumer here must keep reading while a service restarts (or the broker). */
  private void fire(Disruption d) {
    Thread t =
        new Thread(
            () -> {
              print(d + ": the step's command has started");
              try {
                String what = executor.disrupt(d);
                done.add(d + ": " + what);
                print(what);
              } catch (Exception e) {
                done.add(d + ": FAILED " + e.getMessage());
                print(d + " FAILED: " + e.getMessage());
              }
            },
            "sandbox-disruption");
    t.setDaemon(true);
    t.start();
  }

  private synchronized void print(String message) {
    out.printf(
        "[+%6.1fs] crash drill    %s%n",
        Duration.between(started, Instant.now()).toMillis() / 1000.0, message);
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
