package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Input;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Sent;
import io.drautopilot.orchestrator.engine.EngineSettings;
import io.drautopilot.orchestrator.engine.IncidentState;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import io.drautopilot.orchestrator.runbook.RunbookLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upgrade from JSON state: an orchestrator of this version whose incident store holds an open
 * incident as the previous version stored it (JSON) continues that incident exactly as if it had
 * stored it itself, and stores it as the Avro record from then on.
 */
class LegacyJsonStateUpgradeTest {

  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final String INCIDENT = "inc-legacy-json";

  /** Jackson's JSON of the engine's class: what the store's JSON serde wrote. */
  static final JsonMapper PREVIOUS_VERSION = JsonMapper.builder().build();

  @Test
  void shouldContinueAnIncidentStoredAsJsonAndStoreItAsAvroOnItsNextUpdate() {
    // Given an incident opened and waiting for its first step's result, and what this version
    // does with that result when it stored the incident itself
    byte[] json;
    Input result;
    List<String> expectedOutputs;
    IncidentState expectedState;
    try (OrchestratorDriver reference = new OrchestratorDriver(T0)) {
      reference.detect(
          OrchestratorDriver.detection(
              INCIDENT,
              "fp-legacy-json",
              Scenario.TABLE_CORRUPTION,
              Severity.P1,
              "entities",
              T0.minusSeconds(60),
              T0));
      json = PREVIOUS_VERSION.writeValueAsBytes(reference.incident(INCIDENT));
      // a runbook step's command (not a notice), whose success starts the next steps
      String firstStep =
          reference.timeline().stream()
              .filter(t -> t.type().equals("StepStarted"))
              .map(t -> t.metadata().getStepId())
              .filter(step -> reference.commandSteps().contains(step + "#1"))
              .findFirst()
              .orElseThrow();
      int before = reference.all().size();
      reference.succeed(firstStep);
      List<Input> inputs = reference.recordedInputs();
      result = inputs.get(inputs.size() - 1);
      expectedOutputs = describe(reference.all().subList(before, reference.all().size()));
      expectedState = reference.incident(INCIDENT);
    }
    assertThat(json[0]).isEqualTo((byte) '{');
    assertThat(expectedOutputs).as("the result leads to further commands").isNotEmpty();

    // and an orchestrator whose store holds that incident as JSON
    try (Orchestrator upgraded = new Orchestrator()) {
      upgraded.rawStore().put(key(), json);

      // When the result arrives
      upgraded.pipe(result);

      // Then it continues the incident as if it had stored it itself
      assertThat(upgraded.outputs()).containsExactlyElementsOf(expectedOutputs);
      assertThat(upgraded.incident()).usingRecursiveComparison().isEqualTo(expectedState);
      // and has stored it as the Avro record
      byte[] stored = upgraded.rawStore().get(key());
      assertThat(stored[0]).isEqualTo((byte) 0xC3);
      assertThat(stored[1]).isEqualTo((byte) 0x01);
      assertThat(EventCodec.shared().decode(stored))
          .isInstanceOf(io.drautopilot.contracts.state.IncidentStateRecord.class);
    }
  }

  static Bytes key() {
    return Bytes.wrap(INCIDENT.getBytes(StandardCharsets.UTF_8));
  }

  /** Topic, type and event id of each output: what makes them the same outputs (ids are name-based). */
  static List<String> describe(List<Sent> sent) {
    return sent.stream()
        .map(s -> s.topic() + " " + s.type() + " " + s.metadata().getEventId())
        .toList();
  }

  /** The topology as {@link OrchestratorDriver} builds it, with access to the store's bytes. */
  static final class Orchestrator implements AutoCloseable {
    final TopologyTestDriver driver;
    final List<String> outputTopics;

    Orchestrator() {
      ContractActionCatalog actions =
          new ContractActionCatalog(ContractCatalog.shared(), OrchestratorDriver.routes());
      RunbookEngine engine =
          new RunbookEngine(
              RunbookFiles.load(
                  new RunbookLoader(actions, Map.of(), 1.0), RunbookFiles.read("runbooks", null)),
              EngineSettings.defaults(),
              RunbookFiles.protectedResources(null));
      Properties props = new Properties();
      props.put(StreamsConfig.APPLICATION_ID_CONFIG, "orchestrator-upgrade-test");
      props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
      props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      props.put(
          StreamsConfig.STATE_DIR_CONFIG,
          System.getProperty("java.io.tmpdir") + "/orchestrator-upgrade-" + UUID.randomUUID());
      driver =
          new TopologyTestDriver(
              OrchestratorTopology.build(
                  engine,
                  new AvroMapping(actions),
                  OrchestratorTopology.DEFAULT_CLOSED_RETENTION,
                  TimelineChain.unsigned()),
              props,
              T0);
      LinkedHashSet<String> topics = new LinkedHashSet<>(OrchestratorDriver.routes().values());
      topics.add(Topics.INCIDENT_TIMELINE);
      outputTopics = new ArrayList<>(topics);
    }

    /** The incident store below its serde: the bytes as the changelog holds them. */
    @SuppressWarnings("unchecked")
    KeyValueStore<Bytes, byte[]> rawStore() {
      StateStore store = driver.getKeyValueStore(OrchestratorTopology.INCIDENT_STORE);
      while (store instanceof WrappedStateStore<?, ?, ?> wrapped) {
        store = wrapped.wrapped();
      }
      return (KeyValueStore<Bytes, byte[]>) store;
    }

    IncidentState incident() {
      KeyValueStore<String, IncidentState> store =
          driver.getKeyValueStore(OrchestratorTopology.INCIDENT_STORE);
      return store.get(INCIDENT);
    }

    void pipe(Input in) {
      driver
          .createInputTopic(in.topic(), new StringSerializer(), new ByteArraySerializer())
          .pipeInput(in.key(), in.value(), in.at());
    }

    List<String> outputs() {
      List<Sent> sent = new ArrayList<>();
      for (String topic : outputTopics) {
        driver
            .createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
            .readKeyValuesToList()
            .forEach(
                kv ->
                    sent.add(
                        new Sent(
                            topic, kv.key, (IndexedRecord) EventCodec.shared().decode(kv.value))));
      }
      return describe(sent);
    }

    @Override
    public void close() {
      driver.close();
    }
  }
}
