package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Input;
import io.drautopilot.orchestrator.adapter.kafka.OrchestratorDriver.Sent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every time in the timeline is the time it happened: never before the input that caused it, never
 * going back per incident, a step's end is its result's time, and the RTO ends when the resolving
 * step finished, all from recorded inputs so a replay agrees.
 */
class TimelineTimesTest {

  static final Instant T0 = Instant.parse("2024-01-15T10:40:00Z");
  static final String TABLE = "candlefish-employee-setup-lean-prod-entities";
  static final Map<String, String> SNAPSHOT =
      Map.of(
          "kind",
          "LOGICAL_SNAPSHOT",
          "restorePointTime",
          "2024-01-15T10:30:00Z",
          "snapshotLocation",
          "file:snapshots/entities");

  final OrchestratorDriver orchestrator = new OrchestratorDriver(T0);

  @AfterEach
  void close() {
    orchestrator.close();
  }

  void detectPublishedAt(String incidentId, Instant publishedAt) {
    IncidentDetected d =
        OrchestratorDriver.detection(
            incidentId,
            "fp-" + incidentId,
            Scenario.TABLE_CORRUPTION,
            Severity.P1,
            TABLE,
            T0.minus(Duration.ofMinutes(5)),
            T0);
    d.getMetadata().setOccurredAt(publishedAt);
    orchestrator.detect(d);
  }

  <T> T first(String type, String stepId) {
    @SuppressWarnings("unchecked")
    T value =
        (T)
            orchestrator.timeline().stream()
                .filter(
                    e ->
                        e.type().equals(type)
                            && (stepId == null || stepId.equals(e.metadata().getStepId())))
                .findFirst()
                .orElseThrow(
                    () -> new AssertionError("no " + type + " in " + orchestrator.timelineTypes()))
                .value();
    return value;
  }

  /** Per incident, times never decrease, and each record is at or after the input it names as its cause. */
  static void assertTimesTellTheTruth(List<Sent> timeline, List<Input> inputs) {
    Map<String, Instant> inputTimes = new HashMap<>();
    for (Input i : inputs) {
      var m = EventPublisher.metadataOf((IndexedRecord) EventCodec.shared().decode(i.value()));
      inputTimes.put(m.getEventId(), m.getOccurredAt());
    }
    Map<String, Instant> last = new HashMap<>();
    for (Sent e : timeline) {
      var m = e.metadata();
      Instant previous = last.put(m.getIncidentId(), m.getOccurredAt());
      assertThat(m.getOccurredAt())
          .as("%s after the previous record", e.type())
          .isAfterOrEqualTo(previous == null ? Instant.MIN : previous);
      Instant cause = inputTimes.get(m.getCausationId());
      if (cause != null) {
        assertThat(m.getOccurredAt())
            .as("%s not before its cause", e.type())
            .isAfterOrEqualTo(cause);
      }
    }
  }

  @Test
  void shouldOpenTheIncidentNoEarlierThanTheDetectionThatCausedIt() {
    Instant published = T0.plusSeconds(65);

    detectPublishedAt("inc-1", published);

    IncidentOpened opened = first("IncidentOpened", null);
    assertThat(opened.getMetadata().getOccurredAt()).isEqualTo(published);
    assertThat(opened.getDetectedAt()).isEqualTo(T0);
    assertTimesTellTheTruth(orchestrator.timeline(), orchestrator.recordedInputs());
  }

  @Test
  void shouldEndTheStepAtItsResultsTimeWithoutGoingBackWhenALaterTickWasAppliedFirst() {
    detectPublishedAt("inc-2", T0);
    orchestrator.succeed("notify-contacts");
    orchestrator.succeed("open-circuit-breaker");
    orchestrator.succeed("find-restore-point", SNAPSHOT);
    // the import runs 15 minutes; the matrix raises level 2 at T0+15m before its result, stamped
    // T0+14m by the handler's clock, is read
    orchestrator.advance(Duration.ofMinutes(15));

    orchestrator.succeedAt(T0.plus(Duration.ofMinutes(14)), "import-snapshot", Map.of());

    StepSucceeded imported = first("StepSucceeded", "import-snapshot");
    assertThat(imported.getDurationMillis()).isEqualTo(Duration.ofMinutes(14).toMillis());
    assertThat(imported.getOutputs())
        .containsEntry("completedAt", T0.plus(Duration.ofMinutes(14)).toString());
    assertThat(imported.getMetadata().getOccurredAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    assertTimesTellTheTruth(orchestrator.timeline(), orchestrator.recordedInputs());
  }

  @Test
  void shouldEndTheMeasuredRtoWhenTheResolvingStepFinished() {
    detectPublishedAt("inc-3", T0);
    orchestrator.acknowledge("inc-3", "oncall@example.org");
    orchestrator.succeed("notify-contacts");
    orchestrator.succeed("open-circuit-breaker");
    orchestrator.succeed("find-restore-point", SNAPSHOT);
    orchestrator.succeed("import-snapshot");
    orchestrator.succeed("validate-recovery", Map.of("passed", "true"));
    orchestrator.succeed("compare-with-restore-point", Map.of("matches", "true"));
    orchestrator.succeed("cut-over");
    orchestrator.succeed("close-circuit-breaker");
    Instant healthStarted = orchestrator.now();
    orchestrator.advance(Duration.ofSeconds(45));

    orchestrator.succeedAt(
        healthStarted.plusSeconds(30), "verify-service-health", Map.of("healthy", "true"));

    IncidentResolved resolved = first("IncidentResolved", null);
    assertThat(resolved.getResolvedAt()).isEqualTo(healthStarted.plusSeconds(30));
    assertThat(resolved.getMeasuredRtoSeconds())
        .isEqualTo(
            Duration.between(T0.minus(Duration.ofMinutes(5)), healthStarted.plusSeconds(30))
                .toSeconds());
    assertTimesTellTheTruth(orchestrator.timeline(), orchestrator.recordedInputs());
  }

  @Test
  void shouldReproduceTheSameTimesWhenTheRecordedInputsAreReplayed() {
    shouldEndTheStepAtItsResultsTimeWithoutGoingBackWhenALaterTickWasAppliedFirst();
    List<String> original =
        orchestrator.timeline().stream().map(s -> s.value().toString()).toList();

    List<String> replayed;
    try (OrchestratorDriver second = new OrchestratorDriver(T0.plus(Duration.ofDays(3)))) {
      orchestrator
          .recordedInputs()
          .forEach(i -> second.pipe(i.topic(), i.key(), i.value(), i.at()));
      replayed = second.timeline().stream().map(s -> s.value().toString()).toList();
    }

    assertThat(replayed).containsExactlyElementsOf(original);
  }
}
