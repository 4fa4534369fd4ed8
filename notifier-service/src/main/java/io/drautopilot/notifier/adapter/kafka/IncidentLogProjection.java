package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.audit.LogRecord;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.notifier.domain.report.MonthlyAvailability;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every record about each incident (detections, commands, progress, results, approvals, deliveries,
 * timeline), kept as written so a report can be rendered and its chain verified on request, and the
 * incident archived when it closes: a Kafka Streams application with one persistent store, changelogged to a compacted
 * topic ({@code <application-id>-events-changelog}).
 *
 * <p>A restart resumes from the committed offsets with the local store as it was, so restart time does
 * not grow with history; a lost local store is rebuilt from the changelog, not by re-reading the topics.
 *
 * <p>It only observes topics other consumers own (the command topics belong to their handlers, the
 * timeline and results to the orchestrator). The source reads raw bytes, so decoding cannot fail in
 * the consumer; a record it cannot decode or map is skipped, logged and counted
 * ({@code dr.records.skipped}), never dead-lettered: the owning consumer dead-letters it once.
 *
 * <p>Store key: incident id, topic, partition, offset. So an incident's records are one range scan, in
 * each topic's log order, and a record processed twice (after a crash) overwrites itself.
 */
public class IncidentLogProjection implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(IncidentLogProjection.class);

  public static final String STORE = "events";

  static final String CONSUMER = "incident-log-projection";
  private static final char SEP = '\u0000';

  private final List<String> topics;
  private final Properties properties;
  private final MeterRegistry meters;

  /** Records this instance has processed since it started (not restored ones). */
  private final AtomicLong recordsRead = new AtomicLong();

  private final Consumer<String> onIncidentClosed;
  private volatile KafkaStreams streams;

  /**
   * @param properties Kafka Streams settings (see {@link #settings})
   */
  public IncidentLogProjection(List<String> topics, Properties properties, MeterRegistry meters) {
    this(topics, properties, meters, incidentId -> {});
  }

  /**
   * @param onIncidentClosed told the incident id when the incident's {@code IncidentClosed} is read, on
   *     the projection's thread (hand the work off; the record is already in the store)
   */
  public IncidentLogProjection(
      List<String> topics,
      Properties properties,
      MeterRegistry meters,
      Consumer<String> onIncidentClosed) {
    this.topics = List.copyOf(topics);
    this.properties = properties;
    this.meters = meters;
    this.onIncidentClosed = onIncidentClosed;
  }

  /** The settings the projection needs, with the given identity and location. */
  public static Properties settings(
      String applicationId,
      String instanceId,
      String bootstrapServers,
      String stateDir,
      Duration commitInterval,
      int replicationFactor) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    // Static membership: a restarted instance takes its partitions back at once instead of waiting
    // for
    // its previous self's session to time out (and a graceful stop leaves the group, see stop()).
    p.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
        applicationId + "-" + instanceId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    // At-least-once is enough: a record processed twice writes the same key with the same bytes.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) commitInterval.toMillis());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    p.put(StreamsConfig.POLL_MS_CONFIG, 10L);
    p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    // Only committed records: a handler's aborted transaction is not part of the incident.
    p.put(StreamsConfig.consumerPrefix("isolation.level"), "read_committed");
    return p;
  }

  Topology topology() {
    Topology topology = new Topology();
    topology.addSource(
        "log",
        Serdes.String().deserializer(),
        Serdes.ByteArray().deserializer(),
        topics.toArray(String[]::new));
    topology.addProcessor("project", () -> new Project(), "log");
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray()),
        "project");
    return topology;
  }

  private final class Project implements Processor<String, byte[], Void, Void> {
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      recordsRead.incrementAndGet();
      RecordMetadata at = context.recordMetadata().orElseThrow();
      if (record.value() == null) {
        return;
      }
      Object decoded;
      String incidentId;
      try {
        decoded = EventCodec.shared().decode(record.value());
        // mapped here too, so a record the report could not read is skipped now, not at every
        // report
        AvroIncidentEvents.map(decoded);
        incidentId = incidentOf(decoded);
      } catch (RuntimeException e) {
        skipped(at, e);
        return;
      }
      if (incidentId == null) {
        return; // not about an incident (e.g. a clock tick)
      }
      String key = key(incidentId, at);
      store.put(key, record.value());
      if (decoded instanceof IncidentDetected d) {
        // a detection that joins an open incident keeps the detector's own incident id: the
        // incident's timeline names it by event id, so records() finds it through this entry
        store.put(detectionKey(d.getMetadata().getEventId()), key.getBytes(StandardCharsets.UTF_8));
      }
      if (decoded instanceof IncidentClosed && Topics.INCIDENT_TIMELINE.equals(at.topic())) {
        onIncidentClosed.accept(incidentId);
      }
    }
  }

  private static String incidentOf(Object decoded) {
    if (!(decoded instanceof IndexedRecord r) || r.getSchema().getField("metadata") == null) {
      return null;
    }
    return EventPublisher.metadataOf(r).getIncidentId();
  }

  private void skipped(RecordMetadata at, RuntimeException e) {
    log.warn(
        "incident log: skipped {}-{}@{} (left to the topic's own consumer to dead-letter): {}",
        at.topic(),
        at.partition(),
        at.offset(),
        e.toString());
    if (meters != null) {
      meters
          .counter(
              "dr.records.skipped",
              "topic",
              at.topic(),
              "consumer",
              CONSUMER,
              "reason",
              e.getClass().getSimpleName())
          .increment();
    }
  }

  static String key(String incidentId, RecordMetadata at) {
    return incidentId
        + SEP
        + at.topic()
        + SEP
        + String.format(Locale.ROOT, "%05d", at.partition())
        + SEP
        + String.format(Locale.ROOT, "%019d", at.offset());
  }

  @Override
  public synchronized void start() {
    if (streams != null) {
      return;
    }
    recordsRead.set(0);
    streams = new KafkaStreams(topology(), properties);
    streams.setUncaughtExceptionHandler(
        e -> {
          log.error(
              "incident log projection thread failed; replacing it (the store and offsets resume)",
              e);
          return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
    streams.start();
  }

  /**
   * How long a stop waits for the projection's threads and for the broker to take its leave from
   * the group: milliseconds when the broker answers; when it does not, the leave is retried until
   * this passes, and the group forgets the member after its session timeout anyway.
   */
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  @Override
  public synchronized void stop() {
    if (streams != null) {
      streams.close(new KafkaStreams.CloseOptions().timeout(CLOSE_TIMEOUT).leaveGroup(true));
      streams = null;
    }
  }

  @Override
  public boolean isRunning() {
    return streams != null;
  }

  /** Records processed since this instance started; records restored from the changelog are not counted. */
  public long recordsRead() {
    return recordsRead.get();
  }

  public Optional<KafkaStreams.State> state() {
    return Optional.ofNullable(streams).map(KafkaStreams::state);
  }

  /**
   * The incident's events, each event id once (a redelivered command's result is published again with
   * the same id); empty if none.
   *
   * @throws IncidentLogUnavailableException while the store is not queryable (starting, rebalancing)
   */
  public List<Object> events(String incidentId) {
    return IncidentLogReports.events(records(incidentId));
  }

  /**
   * Every record about the incident as it was written (detections, commands, progress, results,
   * approvals, notifications, timeline), each topic in log order; empty if none.
   *
   * @throws IncidentLogUnavailableException while the store is not queryable (starting, rebalancing)
   */
  public List<LogRecord> records(String incidentId) {
    try {
      return records(store(), incidentId);
    } catch (InvalidStateStoreException e) {
      throw new IncidentLogUnavailableException(
          "the incident log store is not queryable now ("
              + state().map(Enum::name).orElse("stopped")
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * The incident's records in the store: its own (one range scan, each topic in log order) and the
   * detections its timeline names that carry another incident id (a second signal joined the open
   * incident under the detector's own id), placed among its detections in log order.
   */
  static List<LogRecord> records(ReadOnlyKeyValueStore<String, byte[]> store, String incidentId) {
    // by (topic, partition, offset): the key without its incident id
    TreeMap<String, LogRecord> ordered = new TreeMap<>();
    Set<String> named = new HashSet<>();
    Set<String> detections = new HashSet<>();
    try (KeyValueIterator<String, byte[]> it =
        store.range(incidentId + SEP, incidentId + (char) (SEP + 1))) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        String topic = topicOf(entry.key);
        ordered.put(entry.key.substring(incidentId.length()), new LogRecord(topic, entry.value));
        if (Topics.INCIDENT_TIMELINE.equals(topic)) {
          detectorEventId(entry.value).ifPresent(named::add);
        } else if (Topics.INCIDENTS_DETECTED.equals(topic)) {
          detections.add(
              EventPublisher.metadataOf(
                      EventCodec.shared().decode(entry.value, IncidentDetected.class))
                  .getEventId());
        }
      }
    }
    named.removeAll(detections);
    for (String eventId : named) {
      byte[] where = store.get(detectionKey(eventId));
      if (where == null) {
        continue; // not read yet, or before this projection kept the index
      }
      String key = new String(where, StandardCharsets.UTF_8);
      byte[] value = store.get(key);
      if (value != null) {
        ordered.put(key.substring(key.indexOf(SEP)), new LogRecord(topicOf(key), value));
      }
    }
    return List.copyOf(ordered.values());
  }

  /** The detection a timeline record names (IncidentOpened, IncidentSignalJoined), if any. */
  private static Optional<String> detectorEventId(byte[] value) {
    Object decoded = EventCodec.shared().decode(value);
    if (decoded instanceof IndexedRecord r) {
      org.apache.avro.Schema.Field field = r.getSchema().getField("detectorEventId");
      if (field != null && r.get(field.pos()) != null) {
        return Optional.of(r.get(field.pos()).toString());
      }
    }
    return Optional.empty();
  }

  /** Index entry: a detection's event id to its store key. Starts with SEP, so no incident's range holds it. */
  static String detectionKey(String eventId) {
    return SEP + "detection" + SEP + eventId;
  }

  /**
   * Every incident's impact window (impact start to its recovery, or to its closing when the recovery
   * failed; no end while open; maintenance runs left out), for the monthly
   * availability: a scan of the timeline records only (IncidentOpened, IncidentResolved), not of every
   * command and result. An incident whose opening has not been read is left out.
   *
   * @throws IncidentLogUnavailableException while the store is not queryable (starting, rebalancing)
   */
  public List<MonthlyAvailability.ImpactWindow> impactWindows() {
    ImpactWindows windows = new ImpactWindows();
    try (KeyValueIterator<String, byte[]> it = store().all()) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        if (Topics.INCIDENT_TIMELINE.equals(topicOf(entry.key))) {
          windows.add(EventCodec.shared().decode(entry.value));
        }
      }
    } catch (InvalidStateStoreException e) {
      throw new IncidentLogUnavailableException(
          "the incident log store is not queryable now ("
              + state().map(Enum::name).orElse("stopped")
              + "): "
              + e.getMessage(),
          e);
    }
    return windows.windows();
  }

  private static String topicOf(String key) {
    int from = key.indexOf(SEP) + 1;
    return key.substring(from, key.indexOf(SEP, from));
  }

  private ReadOnlyKeyValueStore<String, byte[]> store() {
    KafkaStreams s = streams;
    if (s == null) {
      throw new IncidentLogUnavailableException("the incident log projection is not running", null);
    }
    return s.store(
        StoreQueryParameters.fromNameAndType(
            STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
  }

  /**
   * Waits until the timeline entry that started this command has been read. The orchestrator writes
   * it with the command, after everything before it in the incident's timeline partition, so from
   * then on the projection holds the incident's history up to the request. False on timeout (a
   * command sent by hand has no such entry): the report is then rendered from what has been read.
   * A store that is not queryable yet counts as not read.
   */
  public boolean awaitCommandStarted(String incidentId, String commandEventId, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      try {
        if (events(incidentId).stream()
            .anyMatch(
                e -> e instanceof StepStarted s && commandEventId.equals(s.getCommandEventId()))) {
          return true;
        }
      } catch (IncidentLogUnavailableException e) {
        log.debug("waiting for the incident log store: {}", e.getMessage());
      }
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      Thread.sleep(50);
    }
  }

  /** The store cannot be read now (the projection is starting, restoring or rebalancing); try again. */
  public static class IncidentLogUnavailableException extends RuntimeException {
    public IncidentLogUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
