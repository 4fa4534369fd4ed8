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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

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
  final int commitIntervalMs = Integer.getInteger("benchmark.commit-interval-ms", 20);
  final int latencyIncidents = Integer.getInteger("benchmark.latency-incidents", 20);

  @Test
  void measureStepOverheadAgainstTheRawHopAndThroughput() throws Exception {
    assumeThat(Boolean.getBoolean("benchmark")).as("run with -Dbenchmark=true").isTrue();
    OrchestratorRestartIT.createTopics(brokers);
    List<Double> raw = rawHop(500);
    List<Double> transactional = transactionalHop(500);

    ContractActionCatalog actions = new ContractActionCatalog(ContractCatalog.shared(), OrchestratorDriver.routes());
    KafkaStreams streams = OrchestratorRestartIT.start("orchestrator-bench-" + UUID.randomUUID(), brokers, actions, commitIntervalMs);
    List<Double> overhead = new ArrayList<>();
    String report;
    try (KafkaProducer<String, Object> producer = producer(); KafkaConsumer<String, Object> consumer = consumer()) {
      runIncidents(1, producer, consumer, new ArrayList<>()); // warm-up
      // Latency: one incident at a time, so each sample is one step's result-in → next-command-out.
      for (int i = 0; i < latencyIncidents; i++) {
        runIncidents(1, producer, consumer, overhead);
      }
      // Throughput: all incidents at once.
      long started = System.nanoTime();
      long commands = runIncidents(incidents, producer, consumer, new ArrayList<>());
      double seconds = (System.nanoTime() - started) / 1e9;
      report = String.format(
          "raw hop ms: p50=%.2f p99=%.2f | transactional hop ms: p50=%.2f p99=%.2f | step overhead ms: p50=%.2f p99=%.2f (n=%d)"
              + " | ratio p50 step/raw=%.2f step/transactional=%.2f | %d concurrent incidents in %.1f s: %.1f incidents/s,"
              + " %.1f commands/s (commit.interval.ms=%d)",
          pct(raw, 50), pct(raw, 99), pct(transactional, 50), pct(transactional, 99), pct(overhead, 50), pct(overhead, 99),
          overhead.size(), pct(overhead, 50) / pct(raw, 50), pct(overhead, 50) / pct(transactional, 50),
          incidents, seconds, incidents / seconds, commands / seconds, commitIntervalMs);
    }
    streams.close(Duration.ofSeconds(10));
    System.out.println("BENCHMARK " + report);
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
          driver.pipe(Topics.INCIDENTS_DETECTED, "fp-" + id, OrchestratorDriver.detection(id, "fp-" + id,
              Scenario.TABLE_CORRUPTION, Severity.P2, "entities", start.minusSeconds(60), start));
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
        report.append(String.format(" %d incidents: p50=%.3f ms p99=%.3f ms (n=%d);", stored, pct(samples, 50), pct(samples, 99),
            samples.size()));
      }
    }
    System.out.println("BENCHMARK " + report);
  }

  /** Opens {@code count} incidents and plays every handler until all are closed; returns the commands seen. */
  private long runIncidents(int count, KafkaProducer<String, Object> producer, KafkaConsumer<String, Object> consumer,
                            List<Double> overhead) {
    Map<String, Long> lastResultNanos = new HashMap<>();
    Set<String> mine = new HashSet<>();
    Set<String> closed = new HashSet<>();
    Set<String> answered = new HashSet<>();
    long commands = 0;
    for (int i = 0; i < count; i++) {
      String id = "bench-" + UUID.randomUUID();
      mine.add(id);
      Instant now = Instant.now();
      producer.send(new ProducerRecord<>(Topics.INCIDENTS_DETECTED, "fp-" + id, OrchestratorDriver.detection(id, "fp-" + id,
          Scenario.TABLE_CORRUPTION, Severity.P2, "entities", now.minusSeconds(60), now)));
    }
    producer.flush();
    long deadline = System.currentTimeMillis() + 600_000;
    while (closed.size() < count && System.currentTimeMillis() < deadline) {
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
        EventMetadata m = EventPublisher.metadataOf(value);
        if (m.getStepId().startsWith("escalation") || !answered.add(m.getIdempotencyKey())) {
          continue;
        }
        Long sent = lastResultNanos.remove(record.key());
        if (sent != null) {
          overhead.add((arrived - sent) / 1e6);
        }
        producer.send(new ProducerRecord<>(Topics.COMMAND_RESULTS, record.key(), OrchestratorRestartIT.success(value)));
        producer.flush();
        lastResultNanos.put(record.key(), System.nanoTime());
      }
    }
    return commands;
  }

  /** produce → consume → produce → consume, acks=all, one at a time. */
  private List<Double> rawHop(int samples) throws Exception {
    String a = "bench.raw.a." + UUID.randomUUID();
    String b = "bench.raw.b." + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
      admin.createTopics(List.of(new NewTopic(a, 1, (short) 1), new NewTopic(b, 1, (short) 1))).all().get();
    }
    List<Double> out = new ArrayList<>();
    try (KafkaProducer<String, byte[]> p = rawProducer(); KafkaConsumer<String, byte[]> echoIn = rawConsumer(a);
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
      admin.createTopics(List.of(new NewTopic(a, 1, (short) 1), new NewTopic(b, 1, (short) 1))).all().get();
    }
    List<Double> out = new ArrayList<>();
    KafkaProducer<String, byte[]> tx = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-tx-" + UUID.randomUUID(), ProducerConfig.LINGER_MS_CONFIG, 0),
        new StringSerializer(), new ByteArraySerializer());
    KafkaConsumer<String, byte[]> echoIn = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "bench-tx-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1), new StringDeserializer(), new ByteArrayDeserializer());
    KafkaConsumer<String, byte[]> back = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1),
        new StringDeserializer(), new ByteArrayDeserializer());
    echoIn.subscribe(List.of(a));
    back.subscribe(List.of(b));
    try (KafkaProducer<String, byte[]> p = rawProducer(); tx; echoIn; back) {
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
          Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> offsets = new HashMap<>();
          for (var r : records) {
            tx.send(new ProducerRecord<>(b, r.key(), r.value()));
            offsets.put(new org.apache.kafka.common.TopicPartition(r.topic(), r.partition()),
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
    return sorted.isEmpty() ? Double.NaN : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private KafkaProducer<String, Object> producer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new AvroEventSerializer());
  }

  private KafkaProducer<String, byte[]> rawProducer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
  }

  private KafkaConsumer<String, byte[]> rawConsumer(String topic) {
    KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1), new StringDeserializer(), new ByteArrayDeserializer());
    c.subscribe(List.of(topic));
    return c;
  }

  private KafkaConsumer<String, Object> consumer() {
    KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
        ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 1,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new AvroEventDeserializer());
    consumer.subscribe(OrchestratorRoutes.commandTopicsAndTimeline());
    return consumer;
  }
}
