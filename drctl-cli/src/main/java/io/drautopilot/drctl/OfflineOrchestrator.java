package io.drautopilot.drctl;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.orchestrator.adapter.kafka.AvroMapping;
import io.drautopilot.orchestrator.adapter.kafka.ContractActionCatalog;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorTopology;
import io.drautopilot.orchestrator.adapter.kafka.TimelineChain;
import io.drautopilot.orchestrator.engine.EngineSettings;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import io.drautopilot.orchestrator.runbook.ProtectedResources;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import io.drautopilot.orchestrator.runbook.RunbookLoader;
import io.drautopilot.orchestrator.runbook.RunbookRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The orchestrator's own topology and engine, run offline in a {@link TopologyTestDriver}: inputs
 * are piped in by hand and what it would have sent is read back. Nothing touches a broker.
 */
public final class OfflineOrchestrator implements AutoCloseable {

  /** The topics the orchestrator consumes. */
  public static final List<String> INPUT_TOPICS =
      List.of(
          Topics.INCIDENTS_DETECTED,
          Topics.COMMAND_RESULTS,
          Topics.OPERATOR_ACTIONS,
          Topics.CLOCK_TICKS);

  public record Sent(String topic, String key, byte[] value) {}

  private final TopologyTestDriver driver;
  private final Path stateDir;
  private final Map<String, TestInputTopic<String, byte[]>> inputs = new LinkedHashMap<>();
  private final Map<String, TestOutputTopic<String, byte[]>> outputs = new LinkedHashMap<>();

  /** The built-in runbooks, or with {@code runbooks} a directory of runbooks that replace or add to them. */
  public OfflineOrchestrator(Instant start, TimelineChain chain, Path runbooks) {
    this(start, chain, RunbookFiles.read("runbooks", runbooks));
  }

  /** With exactly these runbook files (built-in ones, and any that replace them by id), and the built-in protected tables. */
  public OfflineOrchestrator(
      Instant start, TimelineChain chain, List<RunbookFiles.RunbookFile> runbookFiles) {
    this(start, chain, runbookFiles, RunbookFiles.protectedResources(null));
  }

  /**
   * With these runbook files and this catalogue of protected tables: the per-table steps take their names, functions and
   * variables from it, as in the running orchestrator, so the commands they send are the same.
   */
  public OfflineOrchestrator(
      Instant start,
      TimelineChain chain,
      List<RunbookFiles.RunbookFile> runbookFiles,
      ProtectedResources protectedResources) {
    this(start, chain, runbookFiles, protectedResources, Map.of());
  }

  /**
   * And with the environment's runbook variables (the orchestrator's {@code dr.orchestrator.variables}), which replace
   * the runbooks' defaults as they do in the running orchestrator.
   */
  public OfflineOrchestrator(
      Instant start,
      TimelineChain chain,
      List<RunbookFiles.RunbookFile> runbookFiles,
      ProtectedResources protectedResources,
      Map<String, String> variables) {
    Map<String, String> routes = new LinkedHashMap<>(ContractActionCatalog.defaultRoutes());
    routes.put("containment", Topics.CONTAINMENT_COMMANDS);
    ContractActionCatalog actions = new ContractActionCatalog(ContractCatalog.shared(), routes);
    RunbookRegistry registry =
        RunbookFiles.load(new RunbookLoader(actions, variables, 1.0), runbookFiles);
    RunbookEngine engine =
        new RunbookEngine(registry, EngineSettings.defaults(), protectedResources);
    try {
      stateDir = Files.createTempDirectory("drctl-replay");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "drctl-offline");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver =
        new TopologyTestDriver(
            OrchestratorTopology.build(
                engine,
                new AvroMapping(actions),
                OrchestratorTopology.DEFAULT_CLOSED_RETENTION,
                chain),
            props,
            start);
    for (String topic : INPUT_TOPICS) {
      inputs.put(
          topic, driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()));
    }
    List<String> out = new ArrayList<>(new java.util.LinkedHashSet<>(routes.values()));
    out.add(Topics.INCIDENT_TIMELINE);
    for (String topic : out) {
      outputs.put(
          topic,
          driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()));
    }
  }

  public void pipe(String topic, String key, byte[] value, Instant at) {
    TestInputTopic<String, byte[]> input = inputs.get(topic);
    if (input == null) {
      throw new IllegalArgumentException("the orchestrator does not consume " + topic);
    }
    input.pipeInput(key, value, at);
  }

  /** What it sent since the last call, per topic in the order sent. */
  public List<Sent> drain() {
    List<Sent> sent = new ArrayList<>();
    outputs.forEach(
        (topic, out) ->
            out.readKeyValuesToList().forEach(kv -> sent.add(new Sent(topic, kv.key, kv.value))));
    return sent;
  }

  public List<String> outputTopics() {
    return List.copyOf(outputs.keySet());
  }

  @Override
  public void close() {
    driver.close();
    try (Stream<Path> files = Files.walk(stateDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is not worth failing the command for
    }
  }
}
