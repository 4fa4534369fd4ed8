package io.drautopilot.detector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A detector that starts again continues the problems that were open, and retries a raise under the same id. */
class RestoredProblemsTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
  final AtomicInteger ids = new AtomicInteger();
  final IncidentDetector detector =
      new IncidentDetector(
          TestRules.RULES, TestRules.policy(2, 2), clock, () -> "new-" + ids.incrementAndGet());

  final Incident before =
      new Incident(
          "inc-before-restart",
          "TABLE_CORRUPTION|us-east-1|entities",
          RunbookScenario.TABLE_CORRUPTION,
          RunbookSeverity.P2,
          "us-east-1",
          List.of("entities"),
          List.of(
              new Symptom(
                  "table-unavailable",
                  "entities",
                  "errors",
                  clock.instant().minusSeconds(600),
                  null)),
          clock.instant().minusSeconds(600),
          clock.instant().minusSeconds(590));

  Observation fail(String signal) {
    return Observation.failing(
        "table-availability", "us-east-1", "entities", signal, "test", null, clock.instant());
  }

  List<Decision> round(Observation... o) {
    List<Decision> d = detector.evaluate(List.of(o));
    clock.advance(Duration.ofSeconds(30));
    return d;
  }

  @Test
  void shouldContinueARestoredProblemWithItsIncidentIdWhenItIsSeenFailingAgain() {
    detector.restore(List.of(before), clock.instant().plus(Duration.ofMinutes(5)));

    List<Decision> first = round(fail("table-unavailable"));
    List<Decision> confirmed = round(fail("table-unavailable"));
    List<Decision> worse = round(fail("table-missing"), fail("table-missing"));

    assertThat(first).as("the damping round after a restart clears nothing").isEmpty();
    assertThat(confirmed).as("the same problem, already raised before the restart").isEmpty();
    assertThat(worse)
        .singleElement()
        .isInstanceOfSatisfying(
            Decision.Upgraded.class,
            u -> assertThat(u.incident().incidentId()).isEqualTo("inc-before-restart"));
    assertThat(ids).hasValue(0);
  }

  @Test
  void shouldClearARestoredProblemNotSeenFailingWithinTheGraceTime() {
    detector.restore(List.of(before), clock.instant().plus(Duration.ofMinutes(1)));

    List<Decision> within = round();
    clock.advance(Duration.ofMinutes(1));
    List<Decision> after = round();

    assertThat(within).isEmpty();
    assertThat(after)
        .singleElement()
        .isInstanceOfSatisfying(
            Decision.Cleared.class,
            c -> assertThat(c.incident().incidentId()).isEqualTo("inc-before-restart"));
  }

  @Test
  void shouldRetryAFailedRaiseUnderTheSameIncidentId() {
    round(fail("table-missing"));
    Decision raised = round(fail("table-missing")).get(0);
    // The publication timed out, though the broker may well have written it.
    detector.publicationFailed(raised);

    Decision retried = round(fail("table-missing")).get(0);

    assertThat(retried).isInstanceOf(Decision.Raised.class);
    assertThat(retried.incident().incidentId()).isEqualTo(raised.incident().incidentId());
  }
}
