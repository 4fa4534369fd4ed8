package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.clock.ClockTicked;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.orchestrator.engine.Effect;
import io.drautopilot.orchestrator.engine.EngineSettings;
import io.drautopilot.orchestrator.engine.IncidentState;
import io.drautopilot.orchestrator.engine.Inputs;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import io.drautopilot.orchestrator.runbook.RunbookLoader;
import io.drautopilot.orchestrator.runbook.RunbookRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/** A clock tick costs what is due: incidents whose timers have not come are not read by it. */
class TickCostTest {

  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  /** The engine, counting the incidents a tick is applied to. */
  static final class CountingEngine extends RunbookEngine {
    final List<String> ticked = new ArrayList<>();

    CountingEngine(RunbookRegistry runbooks) {
      super(runbooks, EngineSettings.defaults(), RunbookFiles.protectedResources(null));
    }

    @Override
    public List<Effect> onTick(IncidentState s, Inputs.Tick t) {
      ticked.add(s.incidentId);
      return super.onTick(s, t);
    }
  }

  @Test
  void shouldApplyATickOnlyToTheIncidentWhoseTimerHasCome() {
    ContractActionCatalog actions =
        new ContractActionCatalog(ContractCatalog.shared(), OrchestratorDriver.routes());
    CountingEngine engine =
        new CountingEngine(
            RunbookFiles.load(
                new RunbookLoader(actions, Map.of(), 1.0), RunbookFiles.read("runbooks", null)));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "orchestrator-tick-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        System.getProperty("java.io.tmpdir") + "/orchestrator-ttd-" + UUID.randomUUID());
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            OrchestratorTopology.build(engine, new AvroMapping(actions)), props, T0)) {
      TestInputTopic<String, byte[]> detections =
          driver.createInputTopic(
              Topics.INCIDENTS_DETECTED, new StringSerializer(), new ByteArraySerializer());
      TestInputTopic<String, byte[]> ticks =
          driver.createInputTopic(
              Topics.CLOCK_TICKS, new StringSerializer(), new ByteArraySerializer());
      // given one incident opened an hour ago (its first step timed out, its matrix due) and 1,000
      // just opened
      Instant hourAgo = T0.minus(Duration.ofHours(1));
      detections.pipeInput(
          "fp-due",
          encode(
              OrchestratorDriver.detection(
                  "due",
                  "fp-due",
                  Scenario.TABLE_CORRUPTION,
                  Severity.P2,
                  "entities",
                  hourAgo.minusSeconds(60),
                  hourAgo)),
          hourAgo);
      for (int i = 0; i < 1_000; i++) {
        String id = "idle-" + i;
        detections.pipeInput(
            "fp-" + id,
            encode(
                OrchestratorDriver.detection(
                    id,
                    "fp-" + id,
                    Scenario.TABLE_CORRUPTION,
                    Severity.P2,
                    "entities",
                    T0.minusSeconds(60),
                    T0)),
            T0);
      }
      assertThat(engine.ticked).isEmpty();

      // when the clock ticks a second later
      Instant now = T0.plusSeconds(1);
      ticks.pipeInput(
          "0",
          encode(
              ClockTicked.newBuilder()
                  .setMetadata(OrchestratorDriver.meta("clock", now))
                  .setTickedAt(now)
                  .build()),
          now);

      // then only the due incident was given the tick
      assertThat(engine.ticked).containsExactly("due");
    }
  }

  @Test
  void shouldFindNothingToDoForATickBeforeTheIncidentsNextTimer() {
    ContractActionCatalog actions =
        new ContractActionCatalog(ContractCatalog.shared(), OrchestratorDriver.routes());
    RunbookEngine engine =
        new CountingEngine(
            RunbookFiles.load(
                new RunbookLoader(actions, Map.of(), 1.0), RunbookFiles.read("runbooks", null)));
    // given an open incident (its first step running, its escalation matrix counting)
    IncidentState s = new IncidentState();
    engine.open(
        s,
        AvroMapping.detection(
            OrchestratorDriver.detection(
                "inc-1",
                "fp-1",
                Scenario.TABLE_CORRUPTION,
                Severity.P2,
                "entities",
                T0.minusSeconds(60),
                T0)));
    List<Effect> fired = new ArrayList<>();
    for (int round = 0; round < 6 && engine.nextTimer(s).isPresent(); round++) {
      Instant timer = engine.nextTimer(s).orElseThrow();
      // when time passes up to just before its next timer, then to it
      List<Effect> early =
          engine.onTick(s, new Inputs.Tick("early-" + round, timer.minusMillis(1)));
      fired.addAll(engine.onTick(s, new Inputs.Tick("due-" + round, timer)));

      // then nothing happened before it
      assertThat(early).as("tick 1 ms before %s", timer).isEmpty();
    }
    // and the timers were the ones that act (timeouts, retries, escalations)
    assertThat(fired).isNotEmpty();
  }

  private static byte[] encode(IndexedRecord value) {
    return EventCodec.shared().encode(value);
  }
}
