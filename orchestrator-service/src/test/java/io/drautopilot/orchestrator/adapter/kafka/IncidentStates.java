package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.orchestrator.engine.IncidentState;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Incident states for the tests of how the state is stored. */
final class IncidentStates {

  private IncidentStates() {}

  /**
   * Every field of the state, its steps and its notes set to something other than its default; times
   * with nanoseconds; maps in an order that is not sorted, so a lost order shows.
   */
  static IncidentState fullyPopulated() {
    IncidentState s = new IncidentState();
    s.incidentId = "inc-7f3a";
    s.correlationId = "corr-7f3a";
    s.fingerprint = "fp:table-corruption:entities";
    s.runbookId = "table-corruption";
    s.runbookVersion = 3;
    s.scenario = "TABLE_CORRUPTION";
    s.severity = "P1";
    s.region = "eu-west-1";
    s.detectorId = "integrity-sampler";
    s.detectorEventId = "evt-detected-1";
    s.affectedResources = new ArrayList<>(List.of("entities", "events"));
    s.resources = new ArrayList<>(List.of("entities", "events"));
    s.subjects = new TreeMap<>(Map.of("principal", "arn:aws:iam::1:user/mallory", "key", "AKIA1"));
    s.impactStartedAt = Instant.parse("2026-03-01T10:00:00.123456789Z");
    s.conditionClearedAt = Instant.parse("2026-03-01T10:20:00.000000001Z");
    s.conditionClearedBy = "integrity-sampler-2";
    s.detectedAt = Instant.parse("2026-03-01T10:01:00.5Z");
    s.openedAt = Instant.parse("2026-03-01T10:01:00.500001Z");
    s.lastTime = Instant.parse("2026-03-01T10:30:00.999999999Z");
    s.phase = IncidentState.Phase.FAILED;
    s.resolved = true;
    s.outcome = "RECOVERED";
    s.resolvedAt = Instant.parse("2026-03-01T10:25:00.000123Z");
    s.measuredRtoSeconds = 1500L;
    s.measuredRpoSeconds = 42L;
    s.acknowledged = true;
    s.acknowledgedBy = "alice";
    s.escalationLevel = 2;
    s.escalationsRaised = 3;
    s.lastEscalatedAt = Instant.parse("2026-03-01T10:16:00.000000777Z");
    s.failureReason = "step cut-over: AccessDenied";
    s.reportRequested = true;
    s.rtoAtRiskRaised = true;
    s.notifications = 5;
    s.signals = 4;
    s.compensationQueue = new ArrayList<>(List.of("restore-table", "freeze-writes"));

    IncidentState.StepState restore = new IncidentState.StepState();
    restore.status = IncidentState.StepStatus.SUCCEEDED;
    restore.attempt = 2;
    restore.startedAt = Instant.parse("2026-03-01T10:02:00.000000002Z");
    restore.deadline = Instant.parse("2026-03-01T10:32:00.000000002Z");
    restore.finishedAt = Instant.parse("2026-03-01T10:12:00.987654321Z");
    restore.outputs = new LinkedHashMap<>();
    restore.outputs.put("restoredTable", "entities-restored");
    restore.outputs.put("eventId", "evt-result-2");
    restore.outputs.put("completedAt", "2026-03-01T10:12:00.987654321Z");
    restore.parameters = new LinkedHashMap<>();
    restore.parameters.put("tableName", "entities");
    restore.parameters.put("restorePoint", "2026-03-01T09:59:00Z");
    restore.approvers = new ArrayList<>(List.of("bob", "carol"));
    restore.failure = "throttled on attempt 1";
    restore.compensation = true;

    IncidentState.StepState gate = new IncidentState.StepState();
    gate.status = IncidentState.StepStatus.AWAITING_APPROVAL;
    gate.attempt = 1;
    gate.startedAt = Instant.parse("2026-03-01T10:13:00Z");
    gate.deadline = Instant.parse("2026-03-01T10:43:00.000001Z");
    gate.finishedAt = Instant.parse("2026-03-01T10:14:00Z");
    gate.outputs = new LinkedHashMap<>(Map.of("note", "waiting"));
    gate.parameters = new LinkedHashMap<>(Map.of("role", "db-lead"));
    gate.approvers = new ArrayList<>(List.of("dave"));
    gate.failure = "none yet";
    gate.compensation = true;

    // Not the alphabetical order: the engine keeps the runbook's.
    s.steps = new LinkedHashMap<>();
    s.steps.put("restore-table", restore);
    s.steps.put("approve-cut-over", gate);

    s.timeline =
        new ArrayList<>(
            List.of(
                new IncidentState.Note(
                    "StepSucceeded",
                    Instant.parse("2026-03-01T10:12:00.987654321Z"),
                    "restore-table",
                    2,
                    "evt-step-succeeded",
                    "entities restored"),
                new IncidentState.Note(
                    "ConditionCleared",
                    Instant.parse("2026-03-01T10:20:00.000000001Z"),
                    "none",
                    1,
                    "evt-cleared",
                    "detector integrity-sampler-2 no longer sees the condition")));
    return s;
  }

  /**
   * Fails when a field of the state (or of a step, or of a note) still has its default: a field added
   * to the engine's state must be set here, so that the round-trip and golden tests cover it (and the
   * codec and {@code IncidentStateRecord} must carry it).
   */
  static void assertEveryFieldSet(IncidentState s) {
    assertFieldsDiffer(s, new IncidentState(), "IncidentState");
    for (Map.Entry<String, IncidentState.StepState> e : s.steps.entrySet()) {
      assertFieldsDiffer(e.getValue(), new IncidentState.StepState(), "step " + e.getKey());
    }
    for (IncidentState.Note note : s.timeline) {
      for (RecordComponent c : IncidentState.Note.class.getRecordComponents()) {
        Object value = invoke(c, note);
        assertThat(value == null || Objects.equals(value, 0))
            .as("note field %s is set in the test state", c.getName())
            .isFalse();
      }
    }
  }

  private static void assertFieldsDiffer(Object populated, Object fresh, String what) {
    for (Field f : populated.getClass().getFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      Object value = get(f, populated);
      Object initial = get(f, fresh);
      assertThat(value)
          .as("%s.%s is set in the test state (not its default %s)", what, f.getName(), initial)
          .isNotNull()
          .isNotEqualTo(initial);
      if (value instanceof Collection<?> c) {
        assertThat(c).as("%s.%s has elements", what, f.getName()).isNotEmpty();
      }
      if (value instanceof Map<?, ?> m) {
        assertThat(m).as("%s.%s has entries", what, f.getName()).isNotEmpty();
      }
    }
  }

  private static Object get(Field f, Object o) {
    try {
      return f.get(o);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static Object invoke(RecordComponent c, Object o) {
    try {
      return c.getAccessor().invoke(o);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
