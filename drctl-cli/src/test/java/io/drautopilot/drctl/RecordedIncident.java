package io.drautopilot.drctl;

import io.drautopilot.audit.ChainSigner;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.clock.ClockTicked;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.schema.ContractCatalog;
import io.drautopilot.orchestrator.adapter.kafka.TimelineChain;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.generic.IndexedRecord;

/**
 * A real incident's log, made by the orchestrator's own topology (offline) with a signing key:
 * a detection, every command answered with success, clock ticks, until the incident closes. Every
 * record, input or output, in the order it happened, with its time.
 */
final class RecordedIncident {

  record Record(String topic, String key, byte[] value, Instant at) {}

  final String incidentId;
  final List<Record> log = new ArrayList<>();
  final String publicKeyBase64;
  private Instant now;

  private RecordedIncident(String incidentId, Instant start) {
    this.incidentId = incidentId;
    this.now = start;
    try {
      KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      publicKeyBase64 = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
      signer = ChainSigner.of(pair.getPrivate());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private final ChainSigner signer;

  /** Scenario 4 (performance degradation) run to its close. */
  static RecordedIncident performanceDegradation(String incidentId, Instant start) {
    return performanceDegradation(incidentId, start, List.of(), null);
  }

  /**
   * Scenario 4 run to its close, its detection with {@code symptoms}; with {@code joining}, a second detection of the
   * same problem (the detector's own incident id, the same fingerprint) 3 s after the first, which joins the incident.
   */
  static RecordedIncident performanceDegradation(
      String incidentId, Instant start, List<Evidence> symptoms, List<Evidence> joining) {
    return performanceDegradation(incidentId, start, symptoms, joining, java.util.Map.of());
  }

  /** The same, by an orchestrator given these runbook variables ({@code dr.orchestrator.variables}). */
  static RecordedIncident performanceDegradation(
      String incidentId,
      Instant start,
      List<Evidence> symptoms,
      List<Evidence> joining,
      java.util.Map<String, String> variables) {
    RecordedIncident r = new RecordedIncident(incidentId, start);
    r.run(symptoms, joining, variables);
    return r;
  }

  private IncidentDetected detection(String incident, List<Evidence> symptoms) {
    return IncidentDetected.newBuilder()
        .setMetadata(meta(incident))
        .setFingerprint("fp-" + incidentId)
        .setScenario(Scenario.PERFORMANCE_DEGRADATION)
        .setSeverity(Severity.P3)
        .setRegion("us-east-1")
        .setAffectedResources(List.of("candlefish-employee-setup-lean-prod-entities"))
        .setSymptoms(symptoms)
        .setImpactStartedAt(now.minusSeconds(120))
        .setDetectedAt(now)
        .setDetectorId("detector-test")
        .build();
  }

  private void run(
      List<Evidence> symptoms, List<Evidence> joining, java.util.Map<String, String> variables) {
    try (OfflineOrchestrator orchestrator =
        new OfflineOrchestrator(
            now,
            new TimelineChain(signer),
            io.drautopilot.orchestrator.runbook.RunbookFiles.read("runbooks", null),
            io.drautopilot.orchestrator.runbook.RunbookFiles.protectedResources(null),
            variables)) {
      input(
          orchestrator,
          Topics.INCIDENTS_DETECTED,
          "fp-" + incidentId,
          EventCodec.shared().encode(detection(incidentId, symptoms)));
      if (joining != null) {
        now = now.plusSeconds(3);
        input(
            orchestrator,
            Topics.INCIDENTS_DETECTED,
            "fp-" + incidentId,
            EventCodec.shared().encode(detection("det-" + UUID.randomUUID(), joining)));
      }
      Set<String> answered = new HashSet<>();
      boolean closed = false;
      for (int round = 0; round < 40 && !closed; round++) {
        now = now.plusSeconds(5);
        ClockTicked tick =
            ClockTicked.newBuilder().setMetadata(meta("clock")).setTickedAt(now).build();
        input(orchestrator, Topics.CLOCK_TICKS, "0", EventCodec.shared().encode(tick));
        for (OfflineOrchestrator.Sent s : drain(orchestrator)) {
          IndexedRecord r = IncidentRecords.decode(s.value());
          if (s.topic().equals(Topics.INCIDENT_TIMELINE)) {
            closed |= r.getSchema().getName().equals("IncidentClosed");
          } else if (answered.add(
              String.valueOf(IncidentRecords.metadata(r).get("idempotencyKey")))) {
            now = now.plusSeconds(1);
            input(
                orchestrator,
                Topics.COMMAND_RESULTS,
                incidentId,
                EventCodec.shared().encode(success(r)));
          }
        }
      }
      drain(orchestrator);
      if (!closed) {
        throw new IllegalStateException("the incident did not close");
      }
    }
  }

  private void input(OfflineOrchestrator orchestrator, String topic, String key, byte[] value) {
    log.add(new Record(topic, key, value, now));
    orchestrator.pipe(topic, key, value, now);
  }

  private List<OfflineOrchestrator.Sent> drain(OfflineOrchestrator orchestrator) {
    List<OfflineOrchestrator.Sent> sent = orchestrator.drain();
    sent.forEach(s -> log.add(new Record(s.topic(), s.key(), s.value(), now)));
    return sent;
  }

  /** Writes the log to the broker as the services wrote it: keyed, at each record's time. */
  RecordedIncident writeTo(String brokers) {
    try (org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer =
        new org.apache.kafka.clients.producer.KafkaProducer<>(
            Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      for (Record r : log) {
        producer.send(
            new org.apache.kafka.clients.producer.ProducerRecord<>(
                r.topic(), null, r.at().toEpochMilli(), r.key(), r.value()));
      }
      producer.flush();
    }
    return this;
  }

  /** The log as a kept drill exports it: per topic, partition 0, offsets from 0, each record at its time. */
  List<DrillLog.Record> drillLog() {
    Map<String, Long> offsets = new java.util.HashMap<>();
    return log.stream()
        .map(
            r ->
                new DrillLog.Record(
                    r.topic(),
                    0,
                    offsets.merge(r.topic(), 1L, Long::sum) - 1,
                    r.at().toEpochMilli(),
                    r.key(),
                    Map.of("dr-trace", "t-1"),
                    r.value()))
        .toList();
  }

  /** The chain's public key as the drill publishes it. */
  String publicKeyPem() {
    return "-----BEGIN PUBLIC KEY-----\n" + publicKeyBase64 + "\n-----END PUBLIC KEY-----\n";
  }

  List<Record> records(String topic) {
    return log.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  private EventMetadata meta(String incident) {
    return EventMetadata.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setIncidentId(incident)
        .setCorrelationId(incident)
        .setOccurredAt(now)
        .setProducer("test")
        .build();
  }

  private IndexedRecord success(IndexedRecord command) {
    return succeeded(command, now);
  }

  /** The command's result as its handler reports success at {@code now}: the success branch, its fields filled. */
  static IndexedRecord succeeded(IndexedRecord command, Instant now) {
    EventMetadata cause =
        (EventMetadata) command.get(command.getSchema().getField("metadata").pos());
    Schema resultSchema =
        ContractCatalog.shared()
            .latestBySimpleName(command.getSchema().getName().replaceAll("Command$", "Result"))
            .orElseThrow();
    Schema success =
        resultSchema.getField("outcome").schema().getTypes().stream()
            .filter(t -> !t.getName().equals("CommandFailure"))
            .findFirst()
            .orElseThrow();
    EventMetadata m =
        EventMetadata.newBuilder(cause)
            .setEventId(UUID.randomUUID().toString())
            .setCausationId(cause.getEventId())
            .setOccurredAt(now)
            .setProducer("handler-test")
            .setChain(null)
            .build();
    return new GenericRecordBuilder(resultSchema)
        .set("metadata", m)
        .set("outcome", filled(success))
        .build();
  }

  private static Object filled(Schema schema) {
    GenericRecordBuilder b = new GenericRecordBuilder(schema);
    for (Schema.Field f : schema.getFields()) {
      if (!f.hasDefaultValue()) {
        b.set(f, dummy(f.schema()));
      }
    }
    return b.build();
  }

  private static Object dummy(Schema s) {
    return switch (s.getType()) {
      case STRING -> "x";
      case INT -> 0;
      case LONG -> s.getLogicalType() != null ? Instant.EPOCH : (Object) 0L;
      case DOUBLE -> 0.0;
      case BOOLEAN -> true;
      case ENUM -> new GenericData.EnumSymbol(s, s.getEnumSymbols().get(0));
      case ARRAY -> new GenericData.Array<>(s, List.of());
      case MAP -> Map.of();
      case RECORD -> filled(s);
      case UNION -> null;
      default -> throw new IllegalArgumentException("no dummy for " + s);
    };
  }
}
