package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.messaging.serde.AvroEventDeserializer;
import io.drautopilot.messaging.serde.AvroEventSerializer;
import io.drautopilot.orchestrator.config.OrchestratorProperties;
import io.drautopilot.orchestrator.engine.EngineSettings;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import io.drautopilot.orchestrator.runbook.RunbookLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Recorded, not asserted: per-step orchestration overhead (result in → next command out) against
 * the raw produce→consume→produce→consume hop and the same hop made transactional (exactly-once
 * read-process-write) on the same broker, throughput with many concurrent incidents, and what a clock
 * tick costs with few and many stored incidents. Runs only with -Dbenchmark=true; see docs/benchmarks.md
 * ("Orchestrator step overhead and tick cost").
 */
class OrchestratorBenchmarkIT {

  final String brokers = System.getProperty("spring.embedded.kafka.brokers");
  final int incidents = Integer.getInteger("benchmark.incidents", 1000);

  /** The service's own Streams defaults ({@code dr.orchestrator.streams.*} with none set). */
  static final OrchestratorProperties.Streams DEFAULTS =
      new Binder().bindOrCreate("dr.orchestrator.streams", OrchestratorProperties.Streams.class);

  /** The service's own defaults unless overridden, so the figures are those of the orchestrator as deployed. */
  final int commitIntervalMs =
      Integer.getInteger(
          "benchmark.commit-interval-ms", (int) DEFAULTS.commitInterval().toMillis());

  final int streamThreads =
      Integer.getInteger("benchmark.stream-threads", DEFAULTS.numStreamThreads());

  /**
   * Step samples taken like the hops' (50 warm-up rounds, then 500 samples): about 9 steps per
   * incident, so 6 incidents to warm up and 55 measured. Until 2026-12-04 the step had 1 warm-up
   * incident and 20 measured (about 185 samples), so its p50 leaned on steps taken while the
   * orchestrator's code was still being compiled, against hops measured warm.
   */
  final int latencyIncidents = Integer.getInteger("benchmark.latency-incidents", 55);

  final int warmUpIncidents = Integer.getInteger("benchmark.warm-up-incidents", 6);

  /** The earlier harness: one broker round trip per answer (-Dbenchmark.flush-each-answer=true), to compare. */
  final boolean flushEachAnswer = Boolean.getBoolean("benchmark.flush-each-answer");

  @Test
  void measureStepOverheadAgainstTheRawHopAndThroughput() throws Exception {
    assumeThat(Boolean.getBoolean("benchmark")).as("run with -Dbenchmark=true").isTrue();
    OrchestratorRestartIT.createTopics(brokers);
    List<Double> raw = rawHop(500);
    List<Double> transactional = transactionalHop(500);

    ContractActionCatalog actions =
        new ContractActionCatalog(ContractCatalog.shared(), OrchestratorDriver.routes());
    KafkaStreams streams = startOrchestrator(actions);
    List<Double> overhead = new ArrayList<>();
    StepParts parts = new StepParts();
    String report;
    String longestGaps;
    try (KafkaProducer<String, Object> producer = producer();
        KafkaConsumer<String, Object> consumer = consumer()) {
      for (int i = 0; i < warmUpIncidents; i++) {
        runIncidents(1, producer, consumer, new ArrayList<>(), new StepParts());
      }
      // Latency: one incident at a time, so each sample is one step's result-in → next-command-out.
      Map<String, Double> before = commitTotals(streams);
      for (int i = 0; i < latencyIncidents; i++) {
        runIncidents(1, producer, consumer, overhead, parts);
      }
      Map<String, Double> commitsWhileIdle = minus(commitTotals(streams), before);
      // Throughput: all incidents at once.
      before = commitTotals(streams);
      long started = System.nanoTime();
      StepParts underLoad = new StepParts();
      long commands = runIncidents(incidents, producer, consumer, new ArrayList<>(), underLoad);
      longestGaps = underLoad.longestGaps(8);
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<String, Double> commitsUnderLoad = minus(commitTotals(streams), before);
      report =
          String.format(
              "raw hop ms: p50=%.2f p99=%.2f | transactional hop ms: p50=%.2f p99=%.2f | step overhead ms: p50=%.2f p99=%.2f (n=%d)"
                  + " | ratio p50 step/raw=%.2f step/transactional=%.2f | %d concurrent incidents in %.1f s: %.1f incidents/s,"
                  + " %.1f commands/s (commit.interval.ms=%d, stream threads=%d%s)"
                  + " | step parts p50 ms: result acked→orchestrator polled %.2f, polled→command sent %.2f, sent→readable %.2f"
                  + " | commits one at a time: %s | commits under load: %s",
              pct(raw, 50),
              pct(raw, 99),
              pct(transactional, 50),
              pct(transactional, 99),
              pct(overhead, 50),
              pct(overhead, 99),
              overhead.size(),
              pct(overhead, 50) / pct(raw, 50),
              pct(overhead, 50) / pct(transactional, 50),
              incidents,
              seconds,
              incidents / seconds,
              commands / seconds,
              commitIntervalMs,
              streamThreads,
              overrides(),
              pct(parts.split(StepParts.Step::toPoll), 50),
              pct(parts.split(StepParts.Step::toSend), 50),
              pct(parts.split(StepParts.Step::toRead), 50),
              commitReport(commitsWhileIdle),
              commitReport(commitsUnderLoad));
    }
    streams.close(Duration.ofSeconds(10));
    System.out.println("BENCHMARK " + report);
    System.out.println("BENCHMARK slowest steps: " + parts.slowest(6));
    System.out.println("BENCHMARK under load, longest waits between two commands: " + longestGaps);
    System.out.println("BENCHMARK broker features: " + brokerFeatures());
  }

  /** The broker's finalized feature levels (transaction.version decides how a transaction's partitions are added). */
  private String brokerFeatures() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
      return admin.describeFeatures().featureMetadata().get().finalizedFeatures().toString();
    }
  }

  /**
   * What one clock tick costs with 10 and with {@code benchmark.tick-incidents} (10,000) open incidents of
   * which none is due: the tick should cost what is due, not a walk over every stored incident. In the
   * topology test driver (no broker), so only the processor's own work is timed.
   */
  @Test
  void measureTickCostAgainstStoredIncidents() {
    assumeThat(Boolean.getBoolean("benchmark")).as("run with -Dbenchmark=true").isTrue();
    int many = Integer.getInteger("benchmark.tick-incidents", 10_000);
    int ticks = Integer.getInteger("benchmark.ticks", 20);
    StringBuilder report = new StringBuilder("tick cost, none due:");
    for (int stored : List.of(10, many)) {
      Instant start = Instant.parse("2026-01-05T10:00:00Z");
      try (OrchestratorDriver driver = new OrchestratorDriver(start, TimelineChain.unsigned())) {
        for (int i = 0; i < stored; i++) {
          String id = "tick-" + i;
          driver.pipe(
              Topics.INCIDENTS_DETECTED,
              "fp-" + id,
              OrchestratorDriver.detection(
                  id,
                  "fp-" + id,
                  Scenario.TABLE_CORRUPTION,
                  Severity.P2,
                  "entities",
                  start.minusSeconds(60),
                  start));
          if (i % 1000 == 0) {
            driver.drain();
          }
        }
        driver.drain();
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < ticks + 3; i++) {
          long t0 = System.nanoTime();
          driver.advance(Duration.ofMillis(10)); // far from every step timeout and escalation level
          driver.drain();
          if (i >= 3) {
            samples.add((System.nanoTime() - t0) / 1e6);
          }
        }
        report.append(
            String.format(
                " %d incidents: p50=%.3f ms p99=%.3f ms (n=%d);",
                stored, pct(samples, 50), pct(samples, 99), samples.size()));
      }
    }
    System.out.println("BENCHMARK " + report);
  }

  /** Opens {@code count} incidents and plays every handler until all are closed; returns the commands seen. */
  private long runIncidents(
      int count,
      KafkaProducer<String, Object> producer,
      KafkaConsumer<String, Object> consumer,
      List<Double> overhead,
      StepParts parts) {
    Map<String, Long> lastResultNanos = new HashMap<>();
    Set<String> mine = new HashSet<>();
    Set<String> closed = new HashSet<>();
    Set<String> answered = new HashSet<>();
    long commands = 0;
    long lastCommand = System.nanoTime();
    for (int i = 0; i < count; i++) {
      String id = "bench-" + UUID.randomUUID();
      mine.add(id);
      Instant now = Instant.now();
      producer.send(
          new ProducerRecord<>(
              Topics.INCIDENTS_DETECTED,
              "fp-" + id,
              OrchestratorDriver.detection(
                  id,
                  "fp-" + id,
                  Scenario.TABLE_CORRUPTION,
                  Severity.P2,
                  "entities",
                  now.minusSeconds(60),
                  now)));
    }
    producer.flush();
    long deadline = System.currentTimeMillis() + 600_000;
    while (closed.size() < count && System.currentTimeMillis() < deadline) {
      // A handler answers each command by itself; the answers of one poll are flushed together, so
      // the
      // harness does not wait for one broker round trip per answer (it would measure itself, not
      // the orchestrator).
      List<String> sent = new ArrayList<>();
      for (var record : consumer.poll(Duration.ofMillis(100))) {
        if (!mine.contains(record.key())) {
          continue;
        }
        IndexedRecord value = (IndexedRecord) record.value();
        if (record.topic().equals(Topics.INCIDENT_TIMELINE)) {
          if (value.getSchema().getName().equals("IncidentClosed")) {
            closed.add(record.key());
          }
          continue;
        }
        long arrived = System.nanoTime();
        commands++;
        parts.gap((arrived - lastCommand) / 1e6);
        lastCommand = arrived;
        EventMetadata m = EventPublisher.metadataOf(value);
        if (m.getStepId().startsWith("escalation") || !answered.add(m.getIdempotencyKey())) {
          continue;
        }
        Long acked = lastResultNanos.remove(record.key());
        if (acked != null) {
          overhead.add((arrived - acked) / 1e6);
          parts.add(
              m.getStepId(),
              acked,
              StepClock.polled.get(record.key()),
              StepClock.commandSent.get(record.key()),
              arrived);
        }
        producer.send(
            new ProducerRecord<>(
                Topics.COMMAND_RESULTS, record.key(), OrchestratorRestartIT.success(value)));
        sent.add(record.key());
        if (flushEachAnswer) {
          producer.flush();
          lastResultNanos.put(record.key(), System.nanoTime());
          sent.clear();
        }
      }
      if (!sent.isEmpty()) {
        producer.flush();
        long now = System.nanoTime();
        sent.forEach(key -> lastResultNanos.put(key, now));
      }
    }
    return commands;
  }

  /**
   * The orchestrator as the service starts it ({@code OrchestratorConfiguration}): exactly-once v2, its commit
   * interval, early-commit spacing and stream threads and {@link OrchestratorTopology#latencySettings()}; any {@code -Dbenchmark.streams.<key>=<value>}
   * is added as a Kafka Streams setting, to try one lever at a time. The step clock's interceptors see when a result
   * reaches the orchestrator and when its next command is handed to the producer.
   */
  private KafkaStreams startOrchestrator(ContractActionCatalog actions) throws Exception {
    RunbookEngine engine =
        new RunbookEngine(
            RunbookFiles.load(
                new RunbookLoader(actions, Map.of(), 1.0), RunbookFiles.read("runbooks", null)),
            EngineSettings.defaults());
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "orchestrator-bench-" + UUID.randomUUID());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(
        StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("orchestrator-bench").toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streamThreads);
    p.putAll(OrchestratorTopology.latencySettings());
    p.put(OrchestratorTopology.EARLY_COMMIT_SPACING_MS, DEFAULTS.earlyCommitSpacing().toMillis());
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG),
        StepClock.In.class.getName());
    p.put(
        StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG),
        StepClock.Out.class.getName());
    p.putAll(overrideSettings());
    KafkaStreams streams =
        new KafkaStreams(OrchestratorTopology.build(engine, new AvroMapping(actions)), p);
    streams.start();
    return streams;
  }

  private static Map<String, String> overrideSettings() {
    Map<String, String> settings = new java.util.TreeMap<>();
    System.getProperties().stringPropertyNames().stream()
        .filter(k -> k.startsWith("benchmark.streams."))
        .forEach(
            k -> settings.put(k.substring("benchmark.streams.".length()), System.getProperty(k)));
    return settings;
  }

  private static String overrides() {
    return overrideSettings().entrySet().stream()
        .map(e -> ", " + e.getKey() + "=" + e.getValue())
        .reduce("", String::concat);
  }

  /** Commits, and the time the orchestrator's threads spent in them, from its own metrics (totals since start). */
  private static Map<String, Double> commitTotals(KafkaStreams streams) {
    Map<String, Double> totals = new HashMap<>();
    streams
        .metrics()
        .forEach(
            (name, metric) -> {
              String key =
                  switch (name.group() + "/" + name.name()) {
                    case "stream-thread-metrics/commit-total" -> "commits";
                    case "stream-thread-metrics/process-total" -> "records";
                    case "producer-metrics/txn-commit-time-ns-total" -> "commitTransaction";
                    case "producer-metrics/txn-send-offsets-time-ns-total" -> "sendOffsets";
                    case "producer-metrics/flush-time-ns-total" -> "flush";
                    default -> null;
                  };
              if (key != null && metric.metricValue() instanceof Number n) {
                totals.merge(key, n.doubleValue(), Double::sum);
              }
            });
    return totals;
  }

  private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
    Map<String, Double> delta = new HashMap<>();
    after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0.0)));
    return delta;
  }

  private static String commitReport(Map<String, Double> d) {
    double commits = Math.max(1, d.getOrDefault("commits", 0.0));
    return String.format(
        "%.0f task commits, %.1f records per task commit, per task commit: flush %.2f ms,"
            + " sendOffsets %.2f ms, commitTransaction %.2f ms",
        d.getOrDefault("commits", 0.0),
        d.getOrDefault("records", 0.0) / commits,
        d.getOrDefault("flush", 0.0) / 1e6 / commits,
        d.getOrDefault("sendOffsets", 0.0) / 1e6 / commits,
        d.getOrDefault("commitTransaction", 0.0) / 1e6 / commits);
  }

  /** One step split where the orchestrator's interceptors saw it. */
  static final class StepParts {
    /** Every step measured; its parts are -1 when the orchestrator's clock did not see them. */
    final List<Step> steps = new ArrayList<>();

    final List<Double> gaps = new ArrayList<>();

    /** Milliseconds since the previous command arrived: a stall under load shows as a long one. */
    void gap(double ms) {
      gaps.add(ms);
    }

    String longestGaps(int n) {
      return gaps.stream()
          .sorted(java.util.Comparator.reverseOrder())
          .limit(n)
          .map(g -> String.format("%.0f", g))
          .collect(java.util.stream.Collectors.joining(", ", "", " ms"));
    }

    /** One step's time and its parts, in milliseconds. */
    record Step(String step, double total, double toPoll, double toSend, double toRead) {
      boolean split() {
        return toPoll != -1;
      }

      @Override
      public String toString() {
        return String.format(
            "%s %.1f ms (to poll %.1f, to send %.1f, to readable %.1f)",
            step, total, toPoll, toSend, toRead);
      }
    }

    void add(String step, long acked, Long polled, Long sent, long read) {
      double total = (read - acked) / 1e6;
      if (polled != null && sent != null && polled >= acked - 50_000_000L && sent >= polled) {
        steps.add(
            new Step(
                step, total, (polled - acked) / 1e6, (sent - polled) / 1e6, (read - sent) / 1e6));
      } else {
        steps.add(new Step(step, total, -1, -1, -1));
      }
    }

    /** One part of every step whose parts were seen. */
    List<Double> split(java.util.function.ToDoubleFunction<Step> part) {
      return steps.stream().filter(Step::split).map(part::applyAsDouble).toList();
    }

    String slowest(int n) {
      return steps.stream()
          .sorted(java.util.Comparator.comparingDouble(Step::total).reversed())
          .limit(n)
          .map(Step::toString)
          .collect(java.util.stream.Collectors.joining("; "));
    }
  }

  /**
   * When a result reached the orchestrator's consumer and when the next command of that incident went to its
   * producer (before the transaction commits), by incident id. Interceptors of the orchestrator's own clients.
   */
  public static final class StepClock {
    static final Map<String, Long> polled = new ConcurrentHashMap<>();
    static final Map<String, Long> commandSent = new ConcurrentHashMap<>();
    static final Set<String> commandTopics = Set.copyOf(OrchestratorRoutes.commandTopics());

    public static final class In implements ConsumerInterceptor<byte[], byte[]> {
      @Override
      public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        long now = System.nanoTime();
        for (var r : records.records(Topics.COMMAND_RESULTS)) {
          if (r.key() != null) {
            polled.put(new String(r.key(), StandardCharsets.UTF_8), now);
          }
        }
        return records;
      }

      @Override
      public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

      @Override
      public void close() {}

      @Override
      public void configure(Map<String, ?> configs) {}
    }

    public static final class Out implements ProducerInterceptor<byte[], byte[]> {
      @Override
      public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
        if (record.key() != null && commandTopics.contains(record.topic())) {
          commandSent.put(new String(record.key(), StandardCharsets.UTF_8), System.nanoTime());
        }
        return record;
      }

      @Override
      public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

      @Override
      public void close() {}

      @Override
      public void configure(Map<String, ?> configs) {}
    }
  }

  /** produce → consume → produce → consume, acks=all, one at a time. */
  private List<Double> rawHop(int samples) throws Exception {
    String a = "bench.raw.a." + UUID.randomUUID();
    String b = "bench.raw.b." + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
      admin
          .createTopics(List.of(new NewTopic(a, 1, (short) 1), new NewTopic(b, 1, (short) 1)))
          .all()
          .get();
    }
    List<Double> out = new ArrayList<>();
    try (KafkaProducer<String, byte[]> p = rawProducer();
        KafkaConsumer<String, byte[]> echoIn = rawConsumer(a);
        KafkaConsumer<String, byte[]> back = rawConsumer(b)) {
      for (int i = 0; i < samples + 50; i++) {
        long t0 = System.nanoTime();
        p.send(new ProducerRecord<>(a, "k", new byte[200]));
        boolean echoed = false;
        while (!echoed) {
          for (var r : echoIn.poll(Duration.ofMillis(50))) {
            p.send(new ProducerRecord<>(b, r.key(), r.value()));
            echoed = true;
          }
        }
        boolean returned = false;
        while (!returned) {
          returned = !back.poll(Duration.ofMillis(50)).isEmpty();
        }
        if (i >= 50) {
          out.add((System.nanoTime() - t0) / 1e6);
        }
      }
    }
    return out;
  }

  /**
   * The exactly-once hop the orchestrator's step is made of, without the orchestrator: produce →
   * consume → (in one transaction: produce and the consumed offset, {@code sendOffsetsToTransaction},
   * commit) → consume with {@code read_committed}, one at a time.
   */
  private List<Double> transactionalHop(int samples) throws Exception {
    String a = "bench.tx.a." + UUID.randomUUID();
    String b = "bench.tx.b." + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
      admin
          .createTopics(List.of(new NewTopic(a, 1, (short) 1), new NewTopic(b, 1, (short) 1)))
          .all()
          .get();
    }
    List<Double> out = new ArrayList<>();
    KafkaProducer<String, byte[]> tx =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                "bench-tx-" + UUID.randomUUID(),
                ProducerConfig.LINGER_MS_CONFIG,
                0),
            new StringSerializer(),
            new ByteArraySerializer());
    KafkaConsumer<String, byte[]> echoIn =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-tx-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                1),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    KafkaConsumer<String, byte[]> back =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                1),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    echoIn.subscribe(List.of(a));
    back.subscribe(List.of(b));
    try (KafkaProducer<String, byte[]> p = rawProducer();
        tx;
        echoIn;
        back) {
      tx.initTransactions();
      for (int i = 0; i < samples + 50; i++) {
        long t0 = System.nanoTime();
        p.send(new ProducerRecord<>(a, "k", new byte[200]));
        boolean echoed = false;
        while (!echoed) {
          var records = echoIn.poll(Duration.ofMillis(50));
          if (records.isEmpty()) {
            continue;
          }
          tx.beginTransaction();
          Map<
                  org.apache.kafka.common.TopicPartition,
                  org.apache.kafka.clients.consumer.OffsetAndMetadata>
              offsets = new HashMap<>();
          for (var r : records) {
            tx.send(new ProducerRecord<>(b, r.key(), r.value()));
            offsets.put(
                new org.apache.kafka.common.TopicPartition(r.topic(), r.partition()),
                new org.apache.kafka.clients.consumer.OffsetAndMetadata(r.offset() + 1));
          }
          tx.sendOffsetsToTransaction(offsets, echoIn.groupMetadata());
          tx.commitTransaction();
          echoed = true;
        }
        boolean returned = false;
        while (!returned) {
          returned = !back.poll(Duration.ofMillis(50)).isEmpty();
        }
        if (i >= 50) {
          out.add((System.nanoTime() - t0) / 1e6);
        }
      }
    }
    return out;
  }

  static double pct(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.isEmpty()
        ? Double.NaN
        : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private KafkaProducer<String, Object> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            brokers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            0),
        new StringSerializer(),
        new AvroEventSerializer());
  }

  private KafkaProducer<String, byte[]> rawProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            brokers,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            0),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private KafkaConsumer<String, byte[]> rawConsumer(String topic) {
    KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                1),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    c.subscribe(List.of(topic));
    return c;
  }

  private KafkaConsumer<String, Object> consumer() {
    KafkaConsumer<String, Object> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                1,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new AvroEventDeserializer());
    consumer.subscribe(OrchestratorRoutes.commandTopicsAndTimeline());
    return consumer;
  }
}
