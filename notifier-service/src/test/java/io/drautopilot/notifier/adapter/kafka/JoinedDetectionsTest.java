package io.drautopilot.notifier.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.audit.LogRecord;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.timeline.IncidentSignalJoined;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second signal joins an open incident under the detector's own incident id (and the fingerprint as
 * its key); the incident's timeline names it by event id. The incident's records, which the archive
 * and the report are made of, include it.
 */
class JoinedDetectionsTest {

  static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

  @TempDir java.nio.file.Path stateDir;

  @Test
  void shouldGiveTheDetectionThatJoinedTheIncidentAmongTheIncidentsRecords() {
    IncidentLogProjection projection =
        new IncidentLogProjection(
            List.of(Topics.INCIDENTS_DETECTED, Topics.INCIDENT_TIMELINE), settings(), null);
    IncidentDetected first = detection("inc-1", "ev-first", 0);
    IncidentDetected second = detection("det-2", "ev-second", 30);
    IncidentDetected unrelated = detection("det-3", "ev-unrelated", 40);
    IncidentSignalJoined joined =
        IncidentSignalJoined.newBuilder()
            .setMetadata(metadata("inc-1", "ev-joined", 31))
            .setDetectorEventId("ev-second")
            .setSeverity(Severity.P2)
            .setSymptoms(List.of())
            .build();

    try (TopologyTestDriver driver =
        new TopologyTestDriver(projection.topology(), settings(), T0)) {
      TestInputTopic<String, byte[]> detected = input(driver, Topics.INCIDENTS_DETECTED);
      TestInputTopic<String, byte[]> timeline = input(driver, Topics.INCIDENT_TIMELINE);
      detected.pipeInput("fp-1", encode(first));
      detected.pipeInput("fp-1", encode(second));
      detected.pipeInput("fp-1", encode(unrelated));
      timeline.pipeInput("inc-1", encode(joined));

      List<LogRecord> records =
          IncidentLogProjection.records(
              driver.getKeyValueStore(IncidentLogProjection.STORE), "inc-1");
      List<LogRecord> ofTheDetector =
          IncidentLogProjection.records(
              driver.getKeyValueStore(IncidentLogProjection.STORE), "det-2");

      assertThat(records)
          .extracting(LogRecord::topic)
          .containsExactly(
              Topics.INCIDENTS_DETECTED, Topics.INCIDENTS_DETECTED, Topics.INCIDENT_TIMELINE);
      assertThat(records.get(0).value()).isEqualTo(encode(first));
      assertThat(records.get(1).value()).isEqualTo(encode(second));
      assertThat(ofTheDetector).hasSize(1);
    }
  }

  private Properties settings() {
    return IncidentLogProjection.settings(
        "notifier-log-test", "t", "unused:9092", stateDir.toString(), Duration.ofMillis(100), 1);
  }

  private static TestInputTopic<String, byte[]> input(TopologyTestDriver driver, String topic) {
    return driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer());
  }

  private static byte[] encode(SpecificRecord record) {
    return EventCodec.shared().encode(record);
  }

  static EventMetadata metadata(String incident, String eventId, int seconds) {
    return EventMetadata.newBuilder()
        .setEventId(eventId)
        .setIncidentId(incident)
        .setCorrelationId(incident)
        .setOccurredAt(T0.plusSeconds(seconds))
        .setProducer("test")
        .build();
  }

  static IncidentDetected detection(String incident, String eventId, int seconds) {
    return IncidentDetected.newBuilder()
        .setMetadata(metadata(incident, eventId, seconds))
        .setFingerprint("fp-1")
        .setScenario(Scenario.PERFORMANCE_DEGRADATION)
        .setSeverity(Severity.P2)
        .setRegion("us-east-1")
        .setAffectedResources(List.of("tyler-entities"))
        .setSymptoms(List.of())
        .setImpactStartedAt(T0)
        .setDetectedAt(T0.plusSeconds(seconds))
        .setDetectorId("test")
        .build();
  }
}
