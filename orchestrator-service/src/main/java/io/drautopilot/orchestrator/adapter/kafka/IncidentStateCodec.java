package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.state.IncidentPhase;
import io.drautopilot.contracts.state.IncidentStateRecord;
import io.drautopilot.contracts.state.NamedValue;
import io.drautopilot.contracts.state.StepStateRecord;
import io.drautopilot.contracts.state.StepStatus;
import io.drautopilot.contracts.state.TimelineNote;
import io.drautopilot.orchestrator.engine.IncidentState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine's {@link IncidentState} as stored in the incident store: an {@link IncidentStateRecord}
 * in Avro single-object encoding, so that the stored state is under the schemas' compatibility
 * gate (a renamed or retyped field fails the build instead of silently losing state on upgrade).
 *
 * <p>State written before was JSON (its bytes begin with {@code '{'}, never with the {@code C3 01}
 * of single-object encoding): it is still read, and written back as Avro on the incident's next
 * update. Times are kept to the nanosecond, so a decoded state equals the one encoded.
 */
final class IncidentStateCodec {

  /** How state was stored before: Jackson's JSON of the engine's class, unknown properties ignored. */
  private static final JsonMapper LEGACY_JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private IncidentStateCodec() {}

  static byte[] encode(IncidentState state) {
    return EventCodec.shared().encode(toRecord(state));
  }

  static IncidentState decode(byte[] bytes) {
    if (isLegacyJson(bytes)) {
      IncidentState legacy = LEGACY_JSON.readValue(bytes, IncidentState.class);
      // JSON read the subjects back into a map in insertion order; the engine keeps them sorted.
      legacy.subjects = legacy.subjects == null ? new TreeMap<>() : new TreeMap<>(legacy.subjects);
      return legacy;
    }
    return fromRecord(EventCodec.shared().decode(bytes, IncidentStateRecord.class));
  }

  /** State stored before the Avro record: a JSON object. */
  static boolean isLegacyJson(byte[] bytes) {
    return bytes.length > 0 && bytes[0] == '{';
  }

  static IncidentStateRecord toRecord(IncidentState s) {
    IncidentStateRecord r = new IncidentStateRecord();
    r.setIncidentId(s.incidentId);
    r.setCorrelationId(s.correlationId);
    r.setFingerprint(s.fingerprint);
    r.setRunbookId(s.runbookId);
    r.setRunbookVersion(s.runbookVersion);
    r.setScenario(s.scenario);
    r.setSeverity(s.severity);
    r.setRegion(s.region);
    r.setDetectorId(s.detectorId);
    r.setDetectorEventId(s.detectorEventId);
    r.setAffectedResources(listOf(s.affectedResources));
    r.setResources(s.resources == null ? null : new ArrayList<>(s.resources));
    r.setSubjects(s.subjects == null ? new LinkedHashMap<>() : new LinkedHashMap<>(s.subjects));
    r.setImpactStartedAt(s.impactStartedAt);
    r.setConditionClearedAt(s.conditionClearedAt);
    r.setConditionClearedBy(s.conditionClearedBy);
    r.setDetectedAt(s.detectedAt);
    r.setOpenedAt(s.openedAt);
    r.setLastTime(s.lastTime);
    r.setPhase(IncidentPhase.valueOf(s.phase.name()));
    r.setResolved(s.resolved);
    r.setOutcome(s.outcome);
    r.setResolvedAt(s.resolvedAt);
    r.setMeasuredRtoSeconds(s.measuredRtoSeconds);
    r.setMeasuredRpoSeconds(s.measuredRpoSeconds);
    r.setAcknowledged(s.acknowledged);
    r.setAcknowledgedBy(s.acknowledgedBy);
    r.setEscalationLevel(s.escalationLevel);
    r.setEscalationsRaised(s.escalationsRaised);
    r.setLastEscalatedAt(s.lastEscalatedAt);
    r.setFailureReason(s.failureReason);
    r.setReportRequested(s.reportRequested);
    r.setRtoAtRiskRaised(s.rtoAtRiskRaised);
    r.setNotifications(s.notifications);
    r.setSignals(s.signals);
    r.setCompensationQueue(listOf(s.compensationQueue));
    List<StepStateRecord> steps = new ArrayList<>();
    if (s.steps != null) {
      s.steps.forEach((id, st) -> steps.add(stepRecord(s.incidentId, id, st)));
    }
    r.setSteps(steps);
    List<TimelineNote> notes = new ArrayList<>();
    if (s.timeline != null) {
      for (IncidentState.Note n : s.timeline) {
        notes.add(
            new TimelineNote(n.type(), n.at(), n.stepId(), n.attempt(), n.eventId(), n.detail()));
      }
    }
    r.setTimeline(notes);
    return r;
  }

  private static StepStateRecord stepRecord(
      String incidentId, String stepId, IncidentState.StepState st) {
    if (st == null) {
      throw new IllegalArgumentException(
          "incident " + incidentId + ": step " + stepId + " has no state");
    }
    StepStateRecord r = new StepStateRecord();
    r.setStepId(stepId);
    r.setStatus(StepStatus.valueOf(st.status.name()));
    r.setAttempt(st.attempt);
    r.setStartedAt(st.startedAt);
    r.setDeadline(st.deadline);
    r.setFinishedAt(st.finishedAt);
    r.setOutputs(entries(st.outputs));
    r.setParameters(entries(st.parameters));
    r.setApprovers(listOf(st.approvers));
    r.setFailure(st.failure);
    r.setCompensation(st.compensation);
    return r;
  }

  static IncidentState fromRecord(IncidentStateRecord r) {
    IncidentState s = new IncidentState();
    s.incidentId = r.getIncidentId();
    s.correlationId = r.getCorrelationId();
    s.fingerprint = r.getFingerprint();
    s.runbookId = r.getRunbookId();
    s.runbookVersion = r.getRunbookVersion();
    s.scenario = r.getScenario();
    s.severity = r.getSeverity();
    s.region = r.getRegion();
    s.detectorId = r.getDetectorId();
    s.detectorEventId = r.getDetectorEventId();
    s.affectedResources = new ArrayList<>(r.getAffectedResources());
    s.resources = r.getResources() == null ? null : new ArrayList<>(r.getResources());
    s.subjects = new TreeMap<>(r.getSubjects());
    s.impactStartedAt = r.getImpactStartedAt();
    s.conditionClearedAt = r.getConditionClearedAt();
    s.conditionClearedBy = r.getConditionClearedBy();
    s.detectedAt = r.getDetectedAt();
    s.openedAt = r.getOpenedAt();
    s.lastTime = r.getLastTime();
    s.phase = phase(r);
    s.resolved = r.getResolved();
    s.outcome = r.getOutcome();
    s.resolvedAt = r.getResolvedAt();
    s.measuredRtoSeconds = r.getMeasuredRtoSeconds();
    s.measuredRpoSeconds = r.getMeasuredRpoSeconds();
    s.acknowledged = r.getAcknowledged();
    s.acknowledgedBy = r.getAcknowledgedBy();
    s.escalationLevel = r.getEscalationLevel();
    s.escalationsRaised = r.getEscalationsRaised();
    s.lastEscalatedAt = r.getLastEscalatedAt();
    s.failureReason = r.getFailureReason();
    s.reportRequested = r.getReportRequested();
    s.rtoAtRiskRaised = r.getRtoAtRiskRaised();
    s.notifications = r.getNotifications();
    s.signals = r.getSignals();
    s.compensationQueue = new ArrayList<>(r.getCompensationQueue());
    s.steps = new LinkedHashMap<>();
    for (StepStateRecord st : r.getSteps()) {
      s.steps.put(st.getStepId(), stepState(r.getIncidentId(), st));
    }
    s.timeline = new ArrayList<>();
    for (TimelineNote n : r.getTimeline()) {
      s.timeline.add(
          new IncidentState.Note(
              n.getType(),
              n.getAt(),
              n.getStepId(),
              n.getAttempt(),
              n.getEventId(),
              n.getDetail()));
    }
    return s;
  }

  private static IncidentState.Phase phase(IncidentStateRecord r) {
    if (r.getPhase() == IncidentPhase.UNKNOWN) {
      // A newer orchestrator wrote a phase this one does not know: guessing one would run the
      // incident wrongly.
      throw new IllegalStateException(
          "incident "
              + r.getIncidentId()
              + ": its stored phase is unknown to this version of the orchestrator");
    }
    return IncidentState.Phase.valueOf(r.getPhase().name());
  }

  private static IncidentState.StepState stepState(String incidentId, StepStateRecord r) {
    if (r.getStatus() == StepStatus.UNKNOWN) {
      throw new IllegalStateException(
          "incident "
              + incidentId
              + ": the stored status of step "
              + r.getStepId()
              + " is unknown to this version of the orchestrator");
    }
    IncidentState.StepState st = new IncidentState.StepState();
    st.status = IncidentState.StepStatus.valueOf(r.getStatus().name());
    st.attempt = r.getAttempt();
    st.startedAt = r.getStartedAt();
    st.deadline = r.getDeadline();
    st.finishedAt = r.getFinishedAt();
    st.outputs = map(r.getOutputs());
    st.parameters = map(r.getParameters());
    st.approvers = new ArrayList<>(r.getApprovers());
    st.failure = r.getFailure();
    st.compensation = r.getCompensation();
    return st;
  }

  private static List<String> listOf(List<String> list) {
    return list == null ? new ArrayList<>() : new ArrayList<>(list);
  }

  private static List<NamedValue> entries(Map<String, String> map) {
    List<NamedValue> entries = new ArrayList<>();
    if (map != null) {
      map.forEach((name, value) -> entries.add(new NamedValue(name, value)));
    }
    return entries;
  }

  private static Map<String, String> map(List<NamedValue> entries) {
    Map<String, String> map = new LinkedHashMap<>();
    for (NamedValue e : entries) {
      map.put(e.getName(), e.getValue());
    }
    return map;
  }
}
