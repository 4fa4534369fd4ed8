package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.incident.IncidentConditionCleared;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.timeline.IncidentClosed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One problem, one incident: detections arrive keyed by fingerprint; a fingerprint with an open
 * incident routes the signal to that incident, otherwise the detection's own incident id opens a new
 * one. The index entry is released when the orchestrator's own IncidentClosed comes back from the
 * timeline. Output is keyed by incident id.
 */
class FingerprintProcessor implements Processor<String, Object, String, Object> {

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, String> openByFingerprint;
  private EarlyCommit earlyCommit;

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.openByFingerprint = context.getStateStore(OrchestratorTopology.FINGERPRINT_STORE);
    // a signal reaches the engine through a repartition topic, readable once this task has
    // committed
    this.earlyCommit = EarlyCommit.of(context);
  }

  @Override
  public void process(Record<String, Object> record) {
    Object value = record.value();
    if (value instanceof IncidentDetected d) {
      String open = openByFingerprint.get(d.getFingerprint());
      String incidentId = open != null ? open : d.getMetadata().getIncidentId();
      if (open == null) {
        openByFingerprint.put(d.getFingerprint(), incidentId);
      }
      context.forward(record.withKey(incidentId));
      earlyCommit.outputsReady();
    } else if (value instanceof IncidentConditionCleared c) {
      String open = openByFingerprint.get(c.getFingerprint());
      if (open != null) {
        context.forward(record.withKey(open));
        earlyCommit.outputsReady();
      }
    } else if (value instanceof IncidentClosed c) {
      if (c.getMetadata().getIncidentId().equals(openByFingerprint.get(c.getFingerprint()))) {
        openByFingerprint.delete(c.getFingerprint());
      }
    }
  }
}
