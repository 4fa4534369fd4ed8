package io.drautopilot.containment.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.containment.ContainPrincipalCommand;
import io.drautopilot.contracts.containment.DeactivateAccessKeysCommand;
import io.drautopilot.contracts.containment.EnableVpcFlowLogsCommand;
import io.drautopilot.contracts.containment.ExportAuditEventsCommand;
import io.drautopilot.contracts.containment.PrincipalType;
import io.drautopilot.contracts.containment.RotateSecretCommand;
import io.drautopilot.contracts.containment.ScheduleKeyDeletionCommand;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.operator.ApprovalDecision;
import io.drautopilot.contracts.operator.ApprovalSubmitted;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.OrchestratorApplication;
import io.drautopilot.orchestrator.adapter.kafka.AvroMapping;
import io.drautopilot.orchestrator.adapter.kafka.ContractActionCatalog;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorTopology;
import io.drautopilot.orchestrator.config.OrchestratorProperties;
import io.drautopilot.orchestrator.engine.EngineSettings;
import io.drautopilot.orchestrator.engine.RunbookEngine;
import io.drautopilot.orchestrator.runbook.RunbookFiles;
import io.drautopilot.orchestrator.runbook.RunbookLoader;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.UrlResource;

/**
 * Scenario 3 as the orchestrator runs it: its own topology, its built-in runbooks and the routes of its
 * own {@code application.yml}, wired the way its configuration wires them. Nothing of containment is
 * in the orchestrator's code: the commands are found by name in the contract catalog and routed by the
 * {@code dr.orchestrator.routes.containment} property.
 */
class SecurityBreachRunbookTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final Instant IMPACT = T0.minus(Duration.ofMinutes(20));
  static final String INCIDENT = "inc-breach";

  final List<IndexedRecord> commands = new ArrayList<>();
  final List<IndexedRecord> timeline = new ArrayList<>();
  TopologyTestDriver driver;
  Map<String, TestInputTopic<String, byte[]>> inputs = new LinkedHashMap<>();
  Map<String, TestOutputTopic<String, byte[]>> outputs = new LinkedHashMap<>();
  Instant now = T0;

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void shouldEmitTheContainmentCommandsOnTheContainmentTopicRoutedOnlyByConfiguration()
      throws IOException {
    // given the orchestrator as configured by its own application.yml
    OrchestratorProperties props = orchestratorConfiguration();
    assertThat(props.routes()).containsEntry("containment", Topics.CONTAINMENT_COMMANDS);
    startOrchestrator(props);

    // when a breach is detected and two security officers approve the containment
    pipe(Topics.INCIDENTS_DETECTED, "fp-breach", detection());
    answerEverything();
    // monitoring and evidence start at once; nothing disruptive before two approvals
    assertThat(containment())
        .extracting(c -> c.getSchema().getName())
        .containsExactlyInAnyOrder("EnableVpcFlowLogsCommand", "ExportAuditEventsCommand");
    approve("contain-principal", "alice");
    answerEverything();
    assertThat(containment())
        .doesNotHaveAnyElementsOfTypes(
            ContainPrincipalCommand.class,
            DeactivateAccessKeysCommand.class,
            RotateSecretCommand.class);
    approve("contain-principal", "bob");
    approve("isolate-data-access", "alice");
    approve("isolate-data-access", "bob");
    answerEverything();

    // then every containment action went to dr.commands.containment as its typed command
    ContainPrincipalCommand contain = only(ContainPrincipalCommand.class);
    assertThat(contain.getPrincipalType()).isEqualTo(PrincipalType.USER);
    assertThat(contain.getPrincipalName()).isEqualTo("COMPROMISED_USER");
    assertThat(contain.getPolicyArn()).isEqualTo("arn:aws:iam::aws:policy/AWSDenyAll");
    assertThat(only(DeactivateAccessKeysCommand.class).getUserName()).isEqualTo("COMPROMISED_USER");
    EnableVpcFlowLogsCommand flowLogs = only(EnableVpcFlowLogsCommand.class);
    assertThat(flowLogs.getVpcId()).isEqualTo("vpc-12345678");
    assertThat(flowLogs.getLogGroupName()).isEqualTo("/aws/vpc/flowlogs");
    assertThat(flowLogs.getRegion()).isEqualTo("us-east-1");
    ExportAuditEventsCommand export = only(ExportAuditEventsCommand.class);
    assertThat(export.getLogGroupName()).isEqualTo("/aws/cloudtrail");
    assertThat(export.getStartTime()).isEqualTo(IMPACT);
    assertThat(export.getEndTime()).isEqualTo(T0);
    assertThat(export.getFilterPattern())
        .isEqualTo("{ ($.eventName = GetItem) || ($.eventName = Query) || ($.eventName = Scan) }");
    assertThat(only(RotateSecretCommand.class).getSecretId())
        .isEqualTo("candlefish-employee-setup-lean/database-credentials");
    assertThat(commands)
        .filteredOn(
            c -> c.getSchema().getNamespace().equals("io.drautopilot.contracts.containment"))
        .allSatisfy(
            c ->
                assertThat(EventPublisher.metadataOf(c).getRunbookId())
                    .isEqualTo("security-breach"));

    // and the key deletion waits for its own two-person gate
    assertThat(containment()).doesNotHaveAnyElementsOfTypes(ScheduleKeyDeletionCommand.class);
    approve("schedule-key-deletion", "alice");
    approve("schedule-key-deletion", "alice");
    answerEverything();
    assertThat(containment())
        .as("one person approving twice is one approval")
        .doesNotHaveAnyElementsOfTypes(ScheduleKeyDeletionCommand.class);
    approve("schedule-key-deletion", "bob");
    answerEverything();
    ScheduleKeyDeletionCommand deletion = only(ScheduleKeyDeletionCommand.class);
    assertThat(deletion.getKeyId()).isEqualTo("COMPROMISED_KEY_ID");
    assertThat(deletion.getPendingWindowInDays()).isEqualTo(7);
  }

  /** The orchestrator's own application.yml, bound as its configuration binds it. */
  static OrchestratorProperties orchestratorConfiguration() throws IOException {
    return orchestratorConfiguration(Map.of());
  }

  /** The orchestrator's own application.yml with these properties set over it, as an environment would. */
  static OrchestratorProperties orchestratorConfiguration(Map<String, Object> overrides)
      throws IOException {
    String codeSource =
        OrchestratorApplication.class
            .getProtectionDomain()
            .getCodeSource()
            .getLocation()
            .toString();
    URL own = null;
    for (URL candidate :
        Collections.list(
            OrchestratorApplication.class.getClassLoader().getResources("application.yml"))) {
      String url = candidate.toString();
      if (url.startsWith(codeSource) || url.startsWith("jar:" + codeSource)) {
        own = candidate;
      }
    }
    assertThat(own).as("orchestrator-service's application.yml on the test classpath").isNotNull();
    List<PropertySource<?>> sources =
        new YamlPropertySourceLoader().load("orchestrator", new UrlResource(own));
    org.springframework.core.env.StandardEnvironment env =
        new org.springframework.core.env.StandardEnvironment();
    env.getPropertySources()
        .addFirst(new org.springframework.core.env.MapPropertySource("overrides", overrides));
    sources.forEach(env.getPropertySources()::addLast);
    return Binder.get(env).bindOrCreate("dr.orchestrator", OrchestratorProperties.class);
  }

  @Test
  void shouldContainThePrincipalTheDetectionNamesRatherThanTheRunbooksPlaceholder()
      throws IOException {
    startOrchestrator(orchestratorConfiguration());

    // the CloudTrail probe saw a Scan burst by an assumed role
    IncidentDetected detected = detection();
    detected.setSymptoms(
        List.of(
            io.drautopilot.contracts.common.Evidence.newBuilder()
                .setSignal("cloudtrail-breach:suspicious-access")
                .setResource("candlefish-employee-setup-lean-prod-entities")
                .setDetail(
                    "1200 Scans by arn:aws:sts::123456789012:assumed-role/etl-exporter/i-0abc")
                .setObservedAt(T0)
                .setSubjects(
                    Map.of(
                        "principalType",
                        "ROLE",
                        "principalName",
                        "etl-exporter",
                        "principalArn",
                        "arn:aws:sts::123456789012:assumed-role/etl-exporter/i-0abc"))
                .build()));
    pipe(Topics.INCIDENTS_DETECTED, "fp-breach", detected);
    answerEverything();
    approve("contain-principal", "alice");
    approve("contain-principal", "bob");
    answerEverything();

    ContainPrincipalCommand contain = only(ContainPrincipalCommand.class);
    assertThat(contain.getPrincipalType()).isEqualTo(PrincipalType.ROLE);
    assertThat(contain.getPrincipalName()).isEqualTo("etl-exporter");
    // a role has no access keys: the step's condition reads the same subject
    assertThat(containment()).doesNotHaveAnyElementsOfTypes(DeactivateAccessKeysCommand.class);
  }

  @Test
  void shouldOfferTheSeedsAllUsersKeysRevocationBehindItsOwnTwoPersonGate() throws IOException {
    // given the option switched on for this environment
    OrchestratorProperties props =
        orchestratorConfiguration(Map.of("dr.orchestrator.variables[revokeAllUsersKeys]", "true"));
    startOrchestrator(props);

    // when the principal is contained
    pipe(Topics.INCIDENTS_DETECTED, "fp-breach", detection());
    answerEverything();
    approve("contain-principal", "alice");
    approve("contain-principal", "bob");
    answerEverything();

    // then the compromised user's keys go at once, everyone's only after two more approvals
    assertThat(containment())
        .filteredOn(DeactivateAccessKeysCommand.class::isInstance)
        .extracting(c -> ((DeactivateAccessKeysCommand) c).getAllUsers())
        .containsExactly(false);
    approve("deactivate-all-access-keys", "alice");
    answerEverything();
    assertThat(containment()).filteredOn(DeactivateAccessKeysCommand.class::isInstance).hasSize(1);
    approve("deactivate-all-access-keys", "bob");
    answerEverything();
    assertThat(containment())
        .filteredOn(DeactivateAccessKeysCommand.class::isInstance)
        .extracting(c -> ((DeactivateAccessKeysCommand) c).getAllUsers())
        .containsExactly(false, true);
  }

  @Test
  void shouldNotRevokeEveryonesKeysByDefault() throws IOException {
    startOrchestrator(orchestratorConfiguration());

    pipe(Topics.INCIDENTS_DETECTED, "fp-breach", detection());
    answerEverything();
    approve("contain-principal", "alice");
    approve("contain-principal", "bob");
    approve("deactivate-all-access-keys", "alice");
    approve("deactivate-all-access-keys", "bob");
    answerEverything();

    assertThat(only(DeactivateAccessKeysCommand.class).getAllUsers()).isFalse();
  }

  void startOrchestrator(OrchestratorProperties props) {
    // the same wiring as OrchestratorConfiguration: built-in routes, then the configured ones
    Map<String, String> routes = new LinkedHashMap<>(ContractActionCatalog.defaultRoutes());
    routes.putAll(props.routes());
    ContractActionCatalog actions = new ContractActionCatalog(ContractCatalog.shared(), routes);
    RunbookEngine engine =
        new RunbookEngine(
            RunbookFiles.load(
                new RunbookLoader(actions, props.variables(), 1.0),
                RunbookFiles.read("runbooks", null)),
            EngineSettings.defaults());
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "security-breach-runbook-test");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(
        StreamsConfig.STATE_DIR_CONFIG,
        System.getProperty("java.io.tmpdir") + "/containment-ttd-" + UUID.randomUUID());
    driver =
        new TopologyTestDriver(OrchestratorTopology.build(engine, new AvroMapping(actions)), p, T0);
    for (String topic :
        List.of(Topics.INCIDENTS_DETECTED, Topics.COMMAND_RESULTS, Topics.OPERATOR_ACTIONS)) {
      inputs.put(
          topic, driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()));
    }
    for (String topic : new LinkedHashSet<>(routes.values())) {
      outputs.put(
          topic,
          driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()));
    }
    outputs.put(
        Topics.INCIDENT_TIMELINE,
        driver.createOutputTopic(
            Topics.INCIDENT_TIMELINE, new StringDeserializer(), new ByteArrayDeserializer()));
  }

  void pipe(String topic, String key, IndexedRecord value) {
    inputs.get(topic).pipeInput(key, EventCodec.shared().encode(value), now);
  }

  /** Plays every handler: each new command is answered with its success outcome. */
  void answerEverything() {
    Set<String> answered = new HashSet<>();
    for (int round = 0; round < 20; round++) {
      now = now.plusSeconds(5);
      List<IndexedRecord> fresh = new ArrayList<>();
      outputs.forEach(
          (topic, out) ->
              out.readKeyValuesToList()
                  .forEach(
                      kv -> {
                        IndexedRecord r = (IndexedRecord) EventCodec.shared().decode(kv.value);
                        (topic.equals(Topics.INCIDENT_TIMELINE) ? timeline : fresh).add(r);
                        if (!topic.equals(Topics.INCIDENT_TIMELINE)) {
                          commands.add(r);
                          assertThat(topic)
                              .as(r.getSchema().getName() + " topic")
                              .isEqualTo(expectedTopic(r));
                        }
                      }));
      if (fresh.isEmpty()) {
        return;
      }
      fresh.stream()
          .filter(c -> answered.add(EventPublisher.metadataOf(c).getEventId()))
          .forEach(this::succeed);
    }
  }

  static String expectedTopic(IndexedRecord command) {
    String ns = command.getSchema().getNamespace();
    return switch (ns.substring(ns.lastIndexOf('.') + 1)) {
      case "containment" -> Topics.CONTAINMENT_COMMANDS;
      case "restore" -> "dr.commands.restore";
      case "validation" -> "dr.commands.validation";
      default -> "dr.commands.notifier";
    };
  }

  void succeed(IndexedRecord command) {
    Schema resultSchema =
        ContractCatalog.shared()
            .latestBySimpleName(command.getSchema().getName().replaceAll("Command$", "Result"))
            .orElseThrow();
    Schema success =
        resultSchema.getField("outcome").schema().getTypes().stream()
            .filter(t -> !t.getName().equals("CommandFailure"))
            .findFirst()
            .orElseThrow();
    EventMetadata cause = EventPublisher.metadataOf(command);
    EventMetadata m =
        EventMetadata.newBuilder(cause)
            .setEventId(UUID.randomUUID().toString())
            .setCausationId(cause.getEventId())
            .setOccurredAt(now)
            .setProducer("handler-test")
            .build();
    pipe(
        Topics.COMMAND_RESULTS,
        cause.getIncidentId(),
        new GenericRecordBuilder(resultSchema)
            .set("metadata", m)
            .set("outcome", filled(success))
            .build());
  }

  static Object filled(Schema s) {
    return switch (s.getType()) {
      case RECORD -> {
        GenericRecordBuilder b = new GenericRecordBuilder(s);
        s.getFields().stream()
            .filter(f -> !f.hasDefaultValue())
            .forEach(f -> b.set(f, filled(f.schema())));
        yield b.build();
      }
      case STRING -> "x";
      case INT -> 0;
      case LONG -> s.getLogicalType() != null ? Instant.EPOCH : (Object) 0L;
      case DOUBLE -> 0.0;
      case BOOLEAN -> true;
      case ENUM -> new GenericData.EnumSymbol(s, s.getEnumSymbols().get(0));
      case ARRAY -> new GenericData.Array<>(s, List.of());
      case MAP -> Map.of();
      case UNION -> null;
      default -> throw new IllegalArgumentException("no value for " + s);
    };
  }

  void approve(String stepId, String approver) {
    pipe(
        Topics.OPERATOR_ACTIONS,
        INCIDENT,
        ApprovalSubmitted.newBuilder()
            .setMetadata(
                EventMetadata.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setIncidentId(INCIDENT)
                    .setCorrelationId(INCIDENT)
                    .setOccurredAt(now)
                    .setProducer("test")
                    .build())
            .setStepId(stepId)
            .setApprover(approver)
            .setRoles(List.of("security-officer"))
            .setDecision(ApprovalDecision.APPROVE)
            .build());
  }

  IncidentDetected detection() {
    return IncidentDetected.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setIncidentId(INCIDENT)
                .setCorrelationId(INCIDENT)
                .setOccurredAt(T0)
                .setProducer("test")
                .build())
        .setFingerprint("fp-breach")
        .setScenario(Scenario.SECURITY_BREACH)
        .setSeverity(Severity.P1)
        .setRegion("us-east-1")
        .setAffectedResources(List.of("candlefish-employee-setup-lean-prod-entities"))
        .setSymptoms(List.of())
        .setImpactStartedAt(IMPACT)
        .setDetectedAt(T0)
        .setDetectorId("detector-test")
        .build();
  }

  List<IndexedRecord> containment() {
    return commands.stream()
        .filter(c -> c.getSchema().getNamespace().equals("io.drautopilot.contracts.containment"))
        .toList();
  }

  <T> T only(Class<T> type) {
    List<T> found = containment().stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as(type.getSimpleName() + " sent once").hasSize(1);
    return found.get(0);
  }
}
