package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.clock.ClockTicked;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.operator.AcknowledgementSubmitted;
import io.drautopilot.contracts.operator.ApprovalDecision;
import io.drautopilot.contracts.operator.ApprovalSubmitted;
import io.drautopilot.contracts.operator.CancellationRequested;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.engine.EngineSettings;
import io.drautopilot.orchestrator.engine.IncidentState;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import io.drautopilot.orchestrator.runbook.RunbookLoader;
import io.drautopilot.orchestrator.runbook.RunbookRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The orchestrator topology in a {@link TopologyTestDriver}, with the handlers played by the test:
 * read the commands it sends, answer them with results, approve, acknowledge, let time pass.
 * Every input piped is also recorded, so a test can replay them into a fresh orchestrator.
 */
public class OrchestratorDriver implements AutoCloseable {

  public record Sent(String topic, String key, IndexedRecord value) {
    public String type() {
      return value.getSchema().getName();
    }

    public EventMetadata metadata() {
      return EventPublisher.metadataOf(value);
    }

    public Object get(String field) {
      return value.get(value.getSchema().getField(field).pos());
    }
  }

  public record Input(String topic, String key, byte[] value, Instant at) {}

  private final TopologyTestDriver driver;
  private final Map<String, TestInputTopic<String, byte[]>> inputs = new HashMap<>();
  private final Map<String, TestOutputTopic<String, byte[]>> outputs = new LinkedHashMap<>();
  private final List<Input> recorded = new ArrayList<>();
  private final List<Sent> sent = new ArrayList<>();
  private Instant now;

  /** The routes as the service has them: the built-in handlers plus those its application.yml adds. */
  public static Map<String, String> routes() {
    return OrchestratorRoutes.configured();
  }

  public OrchestratorDriver(Instant start) {
    this(start, routes(), Map.of(), EngineSettings.defaults());
  }

  public OrchestratorDriver(
      Instant start,
      Map<String, String> routes,
      Map<String, String> variables,
      EngineSettings settings) {
    this(start, routes, variables, settings, null);
  }

  public OrchestratorDriver(
      Instant start,
      Map<String, String> routes,
      Map<String, String> variables,
      EngineSettings settings,
      Path extraRunbooks) {
    this(start, routes, variables, settings, "runbooks", extraRunbooks);
  }

  /** An orchestrator that signs each incident's chain head at close with {@code chain}'s key. */
  public OrchestratorDriver(Instant start, TimelineChain chain) {
    this(start, routes(), Map.of(), EngineSettings.defaults(), "runbooks", null, chain);
  }

  public OrchestratorDriver(
      Instant start,
      Map<String, String> routes,
      Map<String, String> variables,
      EngineSettings settings,
      String runbookLocation,
      Path extraRunbooks) {
    this(
        start,
        routes,
        variables,
        settings,
        runbookLocation,
        extraRunbooks,
        TimelineChain.unsigned());
  }

  public OrchestratorDriver(
      Instant start,
      Map<String, String> routes,
      Map<String, String> variables,
      EngineSettings settings,
      String runbookLocation,
      Path extraRunbooks,
      TimelineChain chain) {
    this.now = start;
    ContractActionCatalog actions = new ContractActionCatalog(ContractCatalog.shared(), routes);
    RunbookRegistry registry =
        RunbookFiles.load(
            new RunbookLoader(actions, variables, 1.0),
            RunbookFiles.read(runbookLocation, extraRunbooks));
    // The built-in catalogue of protected tables, as the service loads it.
    RunbookEngine engine =
        new RunbookEngine(registry, settings, RunbookFiles.protectedResources(null));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "orchestrator-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        System.getProperty("java.io.tmpdir") + "/orchestrator-ttd-" + UUID.randomUUID());
    driver =
        new TopologyTestDriver(
            OrchestratorTopology.build(
                engine,
                new AvroMapping(actions),
                OrchestratorTopology.DEFAULT_CLOSED_RETENTION,
                chain),
            props,
            start);
    for (String topic :
        List.of(
            Topics.INCIDENTS_DETECTED,
            Topics.COMMAND_RESULTS,
            Topics.OPERATOR_ACTIONS,
            Topics.CLOCK_TICKS)) {
      inputs.put(
          topic, driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()));
    }
    List<String> outTopics = new ArrayList<>(routes.values());
    outTopics.add(Topics.INCIDENT_TIMELINE);
    for (String topic : outTopics) {
      outputs.put(
          topic,
          driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()));
    }
  }

  public Instant now() {
    return now;
  }

  /** Pipes raw bytes (a recorded input, or garbage to prove it is skipped). */
  public void pipe(String topic, String key, byte[] value, Instant at) {
    recorded.add(new Input(topic, key, value, at));
    inputs.get(topic).pipeInput(key, value, at);
  }

  public void pipe(String topic, String key, IndexedRecord value) {
    pipe(topic, key, EventCodec.shared().encode(value), now);
  }

  public List<Input> recordedInputs() {
    return List.copyOf(recorded);
  }

  /** Everything emitted so far (commands and timeline), in emission order per topic. */
  public List<Sent> drain() {
    List<Sent> fresh = new ArrayList<>();
    outputs.forEach(
        (topic, out) ->
            out.readKeyValuesToList()
                .forEach(
                    kv ->
                        fresh.add(
                            new Sent(
                                topic,
                                kv.key,
                                (IndexedRecord) EventCodec.shared().decode(kv.value)))));
    sent.addAll(fresh);
    return fresh;
  }

  public List<Sent> all() {
    drain();
    return List.copyOf(sent);
  }

  public List<Sent> commands() {
    return all().stream().filter(s -> !s.topic().equals(Topics.INCIDENT_TIMELINE)).toList();
  }

  public List<Sent> timeline() {
    return all().stream().filter(s -> s.topic().equals(Topics.INCIDENT_TIMELINE)).toList();
  }

  public List<String> timelineTypes() {
    return timeline().stream().map(Sent::type).toList();
  }

  /** The last command sent for a step (any attempt). */
  public Sent command(String stepId) {
    return commands().stream()
        .filter(c -> stepId.equals(c.metadata().getStepId()))
        .reduce((a, b) -> b)
        .orElseThrow(
            () ->
                new AssertionError("no command for step " + stepId + "; sent: " + commandSteps()));
  }

  public List<String> commandSteps() {
    return commands().stream()
        .map(c -> c.metadata().getStepId() + "#" + c.metadata().getAttempt())
        .toList();
  }

  public IncidentState incident(String incidentId) {
    KeyValueStore<String, IncidentState> store =
        driver.getKeyValueStore(OrchestratorTopology.INCIDENT_STORE);
    return store.get(incidentId);
  }

  public static IncidentDetected detection(
      String incidentId,
      String fingerprint,
      Scenario scenario,
      Severity severity,
      String table,
      Instant impactStartedAt,
      Instant detectedAt) {
    return IncidentDetected.newBuilder()
        .setMetadata(meta(incidentId, detectedAt))
        .setFingerprint(fingerprint)
        .setScenario(scenario)
        .setSeverity(severity)
        .setRegion("us-east-1")
        .setAffectedResources(List.of(table))
        .setSymptoms(List.of())
        .setImpactStartedAt(impactStartedAt)
        .setDetectedAt(detectedAt)
        .setDetectorId("detector-test")
        .build();
  }

  static EventMetadata meta(String incidentId, Instant at) {
    return EventMetadata.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setIncidentId(incidentId)
        .setCorrelationId(incidentId)
        .setOccurredAt(at)
        .setProducer("test")
        .build();
  }

  public void detect(IncidentDetected d) {
    pipe(Topics.INCIDENTS_DETECTED, d.getFingerprint(), d);
  }

  /** Answers the step's last command with its success record; fields given as strings, the rest filled in. */
  public void succeed(String stepId, Map<String, String> fields) {
    Sent command = command(stepId);
    String resultName = command.type().replaceAll("Command$", "Result");
    Schema resultSchema = ContractCatalog.shared().latestBySimpleName(resultName).orElseThrow();
    Schema success =
        resultSchema.getField("outcome").schema().getTypes().stream()
            .filter(t -> !t.getName().equals("CommandFailure"))
            .findFirst()
            .orElseThrow();
    reply(command, resultSchema, filled(success, fields));
  }

  public void succeed(String stepId) {
    succeed(stepId, Map.of());
  }

  /** Answers with success stamped {@code at} (a handler's clock, which need not agree with the ticks). */
  public void succeedAt(Instant at, String stepId, Map<String, String> fields) {
    Instant saved = now;
    now = at;
    try {
      succeed(stepId, fields);
    } finally {
      now = saved;
    }
  }

  /**
   * Answers every command still waiting for its result with a success (fields filled in), again until none waits:
   * the steps a test does not name, such as a handler's steps added to the runbook later, so the incident can end.
   */
  public List<String> answerOutstanding() {
    List<String> answered = new ArrayList<>();
    for (int round = 0; round < 100; round++) {
      java.util.Set<String> answeredEventIds = new java.util.HashSet<>();
      for (Input in : recorded) {
        if (in.topic().equals(Topics.COMMAND_RESULTS)) {
          String cause =
              EventPublisher.metadataOf((IndexedRecord) EventCodec.shared().decode(in.value()))
                  .getCausationId();
          answeredEventIds.add(cause);
        }
      }
      List<Sent> waiting =
          commands().stream()
              .filter(c -> !answeredEventIds.contains(c.metadata().getEventId()))
              .toList();
      if (waiting.isEmpty()) {
        return answered;
      }
      for (Sent c : waiting) {
        succeed(c.metadata().getStepId());
        answered.add(c.metadata().getStepId());
      }
    }
    throw new AssertionError("commands still waiting after 100 rounds of answers: " + answered);
  }

  public void fail(String stepId, String code, boolean retryable) {
    Sent command = command(stepId);
    Schema resultSchema =
        ContractCatalog.shared()
            .latestBySimpleName(command.type().replaceAll("Command$", "Result"))
            .orElseThrow();
    Schema failure =
        resultSchema.getField("outcome").schema().getTypes().stream()
            .filter(t -> t.getName().equals("CommandFailure"))
            .findFirst()
            .orElseThrow();
    reply(
        command,
        resultSchema,
        new GenericRecordBuilder(failure)
            .set("code", code)
            .set("message", code + " in test")
            .set("retryable", retryable)
            .build());
  }

  private void reply(Sent command, Schema resultSchema, Object outcome) {
    EventMetadata cause = command.metadata();
    EventMetadata m =
        EventMetadata.newBuilder(cause)
            .setEventId(UUID.randomUUID().toString())
            .setCausationId(cause.getEventId())
            .setOccurredAt(now)
            .setProducer("handler-test")
            .build();
    IndexedRecord result =
        new GenericRecordBuilder(resultSchema).set("metadata", m).set("outcome", outcome).build();
    pipe(Topics.COMMAND_RESULTS, cause.getIncidentId(), result);
  }

  private static Object filled(Schema schema, Map<String, String> given) {
    GenericRecordBuilder b = new GenericRecordBuilder(schema);
    for (Schema.Field f : schema.getFields()) {
      if (given.containsKey(f.name())) {
        b.set(f, ParameterConverter.convert(f.schema(), given.get(f.name())));
      } else if (!f.hasDefaultValue()) {
        b.set(f, dummy(f.schema()));
      }
    }
    return b.build();
  }

  static Object dummy(Schema s) {
    return switch (s.getType()) {
      case STRING -> "x";
      case INT -> 0;
      case LONG -> s.getLogicalType() != null ? Instant.EPOCH : (Object) 0L;
      case DOUBLE -> 0.0;
      case BOOLEAN -> true;
      case ENUM -> ParameterConverter.convert(s, s.getEnumSymbols().get(0));
      case ARRAY -> new org.apache.avro.generic.GenericData.Array<>(s, List.of());
      case MAP -> Map.of();
      case RECORD -> filled(s, Map.of());
      case UNION -> null;
      default -> throw new IllegalArgumentException("no dummy for " + s);
    };
  }

  public void approve(
      String incidentId, String stepId, String approver, String role, boolean approve) {
    pipe(
        Topics.OPERATOR_ACTIONS,
        incidentId,
        ApprovalSubmitted.newBuilder()
            .setMetadata(meta(incidentId, now))
            .setStepId(stepId)
            .setApprover(approver)
            .setRoles(List.of(role))
            .setDecision(approve ? ApprovalDecision.APPROVE : ApprovalDecision.REJECT)
            .setComment(approve ? null : "too risky")
            .build());
  }

  public void acknowledge(String incidentId, String who) {
    pipe(
        Topics.OPERATOR_ACTIONS,
        incidentId,
        AcknowledgementSubmitted.newBuilder()
            .setMetadata(meta(incidentId, now))
            .setAcknowledgedBy(who)
            .build());
  }

  public void cancel(String incidentId, String who) {
    pipe(
        Topics.OPERATOR_ACTIONS,
        incidentId,
        CancellationRequested.newBuilder()
            .setMetadata(meta(incidentId, now))
            .setRequestedBy(who)
            .setReason("false alarm")
            .build());
  }

  /** Lets time pass: one tick (the test driver runs every partition in one task, so one tick reaches all). */
  public void advance(Duration d) {
    now = now.plus(d);
    ClockTicked tick =
        ClockTicked.newBuilder().setMetadata(meta("clock", now)).setTickedAt(now).build();
    pipe(Topics.CLOCK_TICKS, "0", tick);
  }

  /** Only moves the test's clock (results and approvals are stamped with it); no tick is sent. */
  public void elapse(Duration d) {
    now = now.plus(d);
  }

  @Override
  public void close() {
    driver.close();
  }
}
