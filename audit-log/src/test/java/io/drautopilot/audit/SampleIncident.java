package io.drautopilot.audit;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.restore.CircuitBreakerState;
import io.drautopilot.contracts.restore.FunctionConfigurationUpdated;
import io.drautopilot.contracts.restore.SetCircuitBreakerCommand;
import io.drautopilot.contracts.restore.SetCircuitBreakerResult;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.contracts.timeline.StepSucceeded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One small incident as the orchestrator and the handlers write it: its timeline and the records around it. */
final class SampleIncident {

  static final String INCIDENT = "inc-7f3a";
  static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

  private SampleIncident() {}

  static EventMetadata metadata(String eventId, int secondsAfterStart) {
    return EventMetadata.newBuilder()
        .setEventId(eventId)
        .setIncidentId(INCIDENT)
        .setCorrelationId("corr-1")
        .setOccurredAt(T0.plusSeconds(secondsAfterStart))
        .setProducer("orchestrator-service")
        .setRunbookId("table-corruption")
        .setRunbookVersion(3)
        .build();
  }

  /** Keys inserted out of order on purpose: Avro leaves map order to the writer. */
  static Map<String, String> unorderedMap(String... keyValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = keyValues.length - 2; i >= 0; i -= 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  /** The timeline before its close, unchained. */
  static List<SpecificRecord> timelineBeforeClose() {
    List<SpecificRecord> records = new ArrayList<>();
    records.add(
        IncidentOpened.newBuilder()
            .setMetadata(metadata("ev-open", 1))
            .setFingerprint("fp-entities-corruption")
            .setScenario(Scenario.TABLE_CORRUPTION)
            .setSeverity(Severity.P2)
            .setRegion("us-east-1")
            .setAffectedResources(List.of("tyler-entities"))
            .setSymptoms(
                List.of(
                    Evidence.newBuilder()
                        .setSignal("integrity")
                        .setDetail("412 items fail PK rule")
                        .setObservedAt(T0)
                        .setSubjects(
                            unorderedMap("table", "tyler-entities", "rule", "PK", "count", "412"))
                        .build()))
            .setImpactStartedAt(T0.minusSeconds(60))
            .setDetectedAt(T0)
            .setDetectorEventId("ev-detected")
            .build());
    records.add(
        StepStarted.newBuilder()
            .setMetadata(metadata("ev-step-1", 2))
            .setAction("restore.setCircuitBreaker")
            .setCommandEventId("ev-cmd-1")
            .setCommandTopic(Topics.RESTORE_COMMANDS)
            .setParameters(
                unorderedMap(
                    "functionName", "tyler-graphql", "state", "OPEN", "region", "us-east-1"))
            .build());
    records.add(
        StepSucceeded.newBuilder()
            .setMetadata(metadata("ev-step-1-ok", 4))
            .setAction("restore.setCircuitBreaker")
            .setOutputs(unorderedMap("previousState", "CLOSED", "state", "OPEN"))
            .setDurationMillis(1800)
            .build());
    records.add(
        IncidentResolved.newBuilder()
            .setMetadata(metadata("ev-resolved", 900))
            .setOutcome("RECOVERED")
            .setResolvedAt(T0.plusSeconds(900))
            .setMeasuredRtoSeconds(960L)
            .setMeasuredRpoSeconds(120L)
            .build());
    return records;
  }

  static IncidentClosed close() {
    return IncidentClosed.newBuilder()
        .setMetadata(metadata("ev-closed", 960))
        .setClosedBy("alice@example.com")
        .setReason("recovered and verified")
        .setFingerprint("fp-entities-corruption")
        .build();
  }

  /** The whole timeline, chained and signed as the orchestrator writes it. */
  static List<SpecificRecord> chainedTimeline(ChainSigner signer) {
    List<SpecificRecord> records = timelineBeforeClose();
    String previous = HashChain.GENESIS;
    for (SpecificRecord record : records) {
      previous = HashChain.link(record, previous).getHash();
    }
    IncidentClosed closed = close();
    HashChain.close(closed, previous, signer);
    records.add(closed);
    return records;
  }

  static List<byte[]> encode(List<? extends SpecificRecord> records) {
    return records.stream().map(EventCodec.shared()::encode).toList();
  }

  /** Every record about the incident, from every topic, in log order. */
  static List<LogRecord> wholeLog(ChainSigner signer) {
    List<SpecificRecord> timeline = chainedTimeline(signer);
    List<LogRecord> log = new ArrayList<>();
    log.add(
        LogRecord.of(
            Topics.INCIDENTS_DETECTED,
            IncidentDetected.newBuilder()
                .setMetadata(metadata("ev-detected", 0))
                .setFingerprint("fp-entities-corruption")
                .setScenario(Scenario.TABLE_CORRUPTION)
                .setSeverity(Severity.P2)
                .setRegion("us-east-1")
                .setAffectedResources(List.of("tyler-entities"))
                .setSymptoms(List.of())
                .setImpactStartedAt(T0.minusSeconds(60))
                .setDetectedAt(T0)
                .setDetectorId("integrity-probe")
                .build()));
    log.add(LogRecord.of(Topics.INCIDENT_TIMELINE, timeline.get(0)));
    log.add(
        LogRecord.of(
            Topics.RESTORE_COMMANDS,
            SetCircuitBreakerCommand.newBuilder()
                .setMetadata(metadata("ev-cmd-1", 2))
                .setFunctionName("tyler-graphql")
                .setVariableName("CIRCUIT_BREAKER")
                .setState(CircuitBreakerState.OPEN)
                .setRegion("us-east-1")
                .build()));
    log.add(LogRecord.of(Topics.INCIDENT_TIMELINE, timeline.get(1)));
    log.add(
        LogRecord.of(
            Topics.COMMAND_RESULTS,
            SetCircuitBreakerResult.newBuilder()
                .setMetadata(metadata("ev-result-1", 3))
                .setOutcome(
                    FunctionConfigurationUpdated.newBuilder()
                        .setFunctionName("tyler-graphql")
                        .setChangedVariables(unorderedMap("CIRCUIT_BREAKER", "OPEN"))
                        .setPreviousValues(unorderedMap("CIRCUIT_BREAKER", "CLOSED"))
                        .build())
                .build()));
    for (SpecificRecord record : timeline.subList(2, timeline.size())) {
      log.add(LogRecord.of(Topics.INCIDENT_TIMELINE, record));
    }
    return log;
  }
}
