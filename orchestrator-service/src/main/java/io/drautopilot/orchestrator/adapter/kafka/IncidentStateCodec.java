package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.state.IncidentPhase;
import io.drautopilot.contracts.state.IncidentStateRecord;
import io.drautopilot.contracts.state.NamedValue;
import io.drautopilot.contracts.state.StepStateRecord;
import io.drautopilot.contracts.state.StepStatus;
import io.drautopilot.contracts.state.TimelineNote;
import io.drautopilot.orchestrator.engine.IncidentState;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
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

  /**
   * The fields stored as they are, under the same name and of the same type in the engine's state and
   * in the record; the others (collections, the phase, steps and timeline) are converted below.
   */
  private static final List<Plain> PLAIN =
      Plain.all(
          "incidentId",
          "correlationId",
          "fingerprint",
          "runbookId",
          "runbookVersion",
          "scenario",
          "severity",
          "region",
          "detectorId",
          "detectorEventId",
          "impactStartedAt",
          "conditionClearedAt",
          "conditionClearedBy",
          "detectedAt",
          "openedAt",
          "lastTime",
          "resolved",
          "outcome",
          "resolvedAt",
          "measuredRtoSeconds",
          "measuredRpoSeconds",
          "acknowledged",
          "acknowledgedBy",
          "escalationLevel",
          "escalationsRaised",
          "lastEscalatedAt",
          "failureReason",
          "reportRequested",
          "rtoAtRiskRaised",
          "notifications",
          "signals");

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
    for (Plain f : PLAIN) {
      r.put(f.position(), f.read(s));
    }
    r.setAffectedResources(listOf(s.affectedResources));
    r.setResources(s.resources == null ? null : new ArrayList<>(s.resources));
    r.setSubjects(s.subjects == null ? new LinkedHashMap<>() : new LinkedHashMap<>(s.subjects));
    r.setPhase(IncidentPhase.valueOf(s.phase.name()));
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
    for (Plain f : PLAIN) {
      f.write(s, r.get(f.position()));
    }
    s.affectedResources = new ArrayList<>(r.getAffectedResources());
    s.resources = r.getResources() == null ? null : new ArrayList<>(r.getResources());
    s.subjects = new TreeMap<>(r.getSubjects());
    s.phase = phase(r);
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

  /**
   * A field of {@link IncidentState} and the record's field of the same name at {@code position}.
   * Both sides are checked when the class loads: a field renamed or retyped on one side only fails
   * the first encode or decode (and the codec's tests) instead of storing or reading the wrong value.
   */
  private record Plain(Field field, int position) {

    static List<Plain> all(String... names) {
      List<Plain> plain = new ArrayList<>();
      for (String name : names) {
        plain.add(of(name));
      }
      return List.copyOf(plain);
    }

    private static Plain of(String name) {
      Schema.Field stored = IncidentStateRecord.getClassSchema().getField(name);
      try {
        Field field = IncidentState.class.getField(name);
        if (stored == null
            || IncidentStateRecord.class.getDeclaredField(name).getType() != field.getType()) {
          throw new IllegalStateException(
              "IncidentState." + name + " is not stored as it is in IncidentStateRecord");
        }
        return new Plain(field, stored.pos());
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(
            "IncidentState and IncidentStateRecord do not both have a field " + name, e);
      }
    }

    Object read(IncidentState s) {
      try {
        return field.get(s);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    void write(IncidentState s, Object value) {
      try {
        field.set(s, value);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
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
