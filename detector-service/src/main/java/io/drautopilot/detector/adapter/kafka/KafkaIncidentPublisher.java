package io.drautopilot.detector.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentConditionCleared;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.detector.domain.Decision;
import io.drautopilot.detector.domain.Incident;
import io.drautopilot.detector.domain.IncidentPublisher;
import io.drautopilot.detector.domain.Symptom;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;

/**
 * Publishes decisions on {@code dr.incidents.detected}, keyed by fingerprint so every event of one problem stays in
 * order. A raise and its upgrades carry the same incident id (the orchestrator joins and upgrades); the incident id
 * is also the correlation id of the recovery run it starts.
 */
public class KafkaIncidentPublisher implements IncidentPublisher {

  private final EventPublisher publisher;
  private final EventMetadataFactory metadata;
  private final String detectorId;

  public KafkaIncidentPublisher(
      EventPublisher publisher, EventMetadataFactory metadata, String detectorId) {
    this.publisher = publisher;
    this.metadata = metadata;
    this.detectorId = detectorId;
  }

  @Override
  public void publish(Decision decision) {
    Incident i = decision.incident();
    if (decision instanceof Decision.Cleared cleared) {
      publisher.publish(
          Topics.INCIDENTS_DETECTED,
          i.fingerprint(),
          IncidentConditionCleared.newBuilder()
              .setMetadata(metadata.newChain(i.incidentId(), i.incidentId()))
              .setFingerprint(i.fingerprint())
              .setRegion(i.region())
              .setClearedAt(cleared.clearedAt())
              .setDetectorId(detectorId)
              .build());
    } else {
      publisher.publish(Topics.INCIDENTS_DETECTED, i.fingerprint(), toEvent(i));
    }
  }

  IncidentDetected toEvent(Incident i) {
    return IncidentDetected.newBuilder()
        .setMetadata(metadata.newChain(i.incidentId(), i.incidentId()))
        .setFingerprint(i.fingerprint())
        .setScenario(Scenario.valueOf(i.scenario().name()))
        .setSeverity(Severity.valueOf(i.severity().name()))
        .setRegion(i.region())
        .setAffectedResources(i.affectedResources())
        .setSymptoms(i.symptoms().stream().map(KafkaIncidentPublisher::evidence).toList())
        .setImpactStartedAt(i.impactStartedAt())
        .setDetectedAt(i.detectedAt())
        .setDetectorId(detectorId)
        .build();
  }

  private static Evidence evidence(Symptom s) {
    return Evidence.newBuilder()
        .setSignal(s.signal())
        .setResource(s.resource())
        .setDetail(s.detail() == null ? "" : s.detail())
        .setObservedAt(s.observedAt())
        .setValue(s.value())
        .setSubjects(s.subjects())
        .build();
  }
}
