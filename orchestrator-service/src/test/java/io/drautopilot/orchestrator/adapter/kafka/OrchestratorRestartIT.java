package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.messaging.serde.AvroEventDeserializer;
import io.drautopilot.messaging.serde.AvroEventSerializer;
import io.drautopilot.orchestrator.engine.EngineSettings;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import io.drautopilot.orchestrator.runbook.RunbookLoader;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * Over the real (embedded) broker: the orchestrator is stopped in the middle of an incident, right
 * after a result reached it, and a new instance with empty local state takes over. The incident
 * completes, and no command is ever emitted twice (read_committed, as every handler reads).
 */
class OrchestratorRestartIT {

  final String brokers = System.getProperty("spring.embedded.kafka.brokers");
  final String appId = "orchestrator-restart-" + UUID.randomUUID();
  final ContractActionCatalog actions =
      new ContractActionCatalog(ContractCatalog.shared(), OrchestratorDriver.routes());

  @Test
  void shouldCompleteTheIncidentWithoutEmittingAnyCommandTwiceWhenRestartedMidIncident()
      throws Exception {
    createTopics();
    List<IndexedRecord> commands = new ArrayList<>();
    List<String> timeline = new ArrayList<>();
    try (KafkaProducer<String, Object> producer = producer();
        KafkaConsumer<String, Object> consumer = consumer()) {
      KafkaStreams first = start();
      Instant t0 = Instant.now();
      producer
          .send(
              new ProducerRecord<>(
                  Topics.INCIDENTS_DETECTED,
                  "fp-restart",
                  OrchestratorDriver.detection(
                      "inc-restart",
                      "fp-restart",
                      Scenario.TABLE_CORRUPTION,
                      Severity.P1,
                      "entities",
                      t0.minusSeconds(60),
                      t0)))
          .get();

      Set<String> answered = new HashSet<>();
      KafkaStreams current = first;
      boolean restarted = false;
      long deadline = System.currentTimeMillis() + 90_000;
      while (!timeline.contains("IncidentClosed") && System.currentTimeMillis() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          IndexedRecord value = (IndexedRecord) record.value();
          if (!"inc-restart".equals(record.key())) {
            continue; // other tests' incidents share this broker
          }
          if (record.topic().equals(Topics.INCIDENT_TIMELINE)) {
            timeline.add(value.getSchema().getName());
            continue;
          }
          commands.add(value);
          EventMetadata m = EventPublisher.metadataOf(value);
          if (m.getStepId().startsWith("escalation") || !answered.add(m.getIdempotencyKey())) {
            continue;
          }
          producer
              .send(new ProducerRecord<>(Topics.COMMAND_RESULTS, m.getIncidentId(), success(value)))
              .get();
          if (!restarted && m.getStepId().equals("find-restore-point")) {
            // Stopped right after the result was written: it may or may not have been processed.
            current.close(Duration.ZERO);
            current = start();
            restarted = true;
          }
        }
      }
      current.close(Duration.ofSeconds(10));
      assertThat(restarted).isTrue();
    }

    assertThat(timeline).contains("IncidentResolved", "IncidentClosed");
    List<String> keys =
        commands.stream().map(c -> EventPublisher.metadataOf(c).getIdempotencyKey()).toList();
    assertThat(keys).doesNotHaveDuplicates();
    assertThat(keys)
        .contains(
            "inc-restart/import-snapshot/1",
            "inc-restart/cut-over/1",
            "inc-restart/generate-report/1");
  }

  static IndexedRecord success(IndexedRecord command) {
    EventMetadata cause = EventPublisher.metadataOf(command);
    Schema resultSchema =
        ContractCatalog.shared()
            .latestBySimpleName(command.getSchema().getName().replace("Command", "Result"))
            .orElseThrow();
    Schema success =
        resultSchema.getField("outcome").schema().getTypes().stream()
            .filter(t -> !t.getName().equals("CommandFailure"))
            .findFirst()
            .orElseThrow();
    GenericRecordBuilder outcome = new GenericRecordBuilder(success);
    Map<String, String> given =
        AllRunbooksHappyPathTest.outputsFor(new OrchestratorDriver.Sent("", "", command));
    for (Schema.Field f : success.getFields()) {
      if (given.containsKey(f.name())) {
        outcome.set(f, ParameterConverter.convert(f.schema(), given.get(f.name())));
      } else if (!f.hasDefaultValue()) {
        outcome.set(f, OrchestratorDriver.dummy(f.schema()));
      }
    }
    EventMetadata m =
        EventMetadata.newBuilder(cause)
            .setEventId(UUID.randomUUID().toString())
            .setCausationId(cause.getEventId())
            .setOccurredAt(Instant.now())
            .setProducer("handler-it")
            .build();
    return new GenericRecordBuilder(resultSchema)
        .set("metadata", m)
        .set("outcome", outcome.build())
        .build();
  }

  private KafkaStreams start() throws Exception {
    return start(appId, brokers, actions, 100);
  }

  static KafkaStreams start(
      String appId, String brokers, ContractActionCatalog actions, int commitIntervalMs)
      throws Exception {
    RunbookEngine engine =
        new RunbookEngine(
            RunbookFiles.load(
                new RunbookLoader(actions, Map.of(), 1.0), RunbookFiles.read("runbooks", null)),
            EngineSettings.defaults());
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // A fresh state directory every time: the new instance must rebuild state from the changelog.
    p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("orchestrator-it").toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    p.putAll(OrchestratorTopology.latencySettings());
    p.put(
        OrchestratorTopology.EARLY_COMMIT_SPACING_MS,
        OrchestratorBenchmarkIT.DEFAULTS.earlyCommitSpacing().toMillis());
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // The stopped instance never says goodbye; let the group notice soon instead of after 45 s.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
    KafkaStreams streams =
        new KafkaStreams(OrchestratorTopology.build(engine, new AvroMapping(actions)), p);
    streams.start();
    return streams;
  }

  private void createTopics() throws Exception {
    createTopics(brokers);
  }

  static void createTopics(String brokers) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", brokers))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          Topics.ALL.stream()
              .filter(t -> !existing.contains(t.name()))
              .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1))
              .toList();
      admin.createTopics(missing).all().get();
    }
  }

  private KafkaProducer<String, Object> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(),
        new AvroEventSerializer());
  }

  private KafkaConsumer<String, Object> consumer() {
    KafkaConsumer<String, Object> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "it-" + appId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new AvroEventDeserializer());
    consumer.subscribe(OrchestratorRoutes.commandTopicsAndTimeline());
    return consumer;
  }
}
