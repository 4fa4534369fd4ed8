package io.drautopilot.notifier.domain.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessHistoryTest {

  static final Instant DETECTED = Instant.parse("2026-06-10T10:00:00Z");

  static ReadinessAtIncident.Assessment assessed(String scope, String at, int score) {
    return new ReadinessAtIncident.Assessment(
        scope, Instant.parse(at), score, 70, score >= 70, 600L, 900, 240L, 300, List.of());
  }

  @Test
  void shouldShowTheReadinessAsItWasWhenTheIncidentWasDetectedNotAsPublishedSince() {
    ReadinessHistory history = new ReadinessHistory(10);
    history.record(assessed("OVERALL", "2026-06-10T09:00:00Z", 90));
    history.record(assessed("OVERALL", "2026-06-10T09:55:00Z", 85));
    history.record(assessed("OVERALL", "2026-06-10T10:20:00Z", 40)); // after the incident's restore
    history.record(assessed("entities", "2026-06-10T09:50:00Z", 80));
    history.record(assessed("events", "2026-06-10T09:50:00Z", 75));

    ReadinessAtIncident r = history.at(DETECTED, List.of("entities"));

    assertThat(r.assessments())
        .extracting(ReadinessAtIncident.Assessment::scope, ReadinessAtIncident.Assessment::score)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("OVERALL", 85),
            org.assertj.core.groups.Tuple.tuple("entities", 80));
  }

  @Test
  void shouldSayNoneWasPublishedWhenEveryAssessmentCameAfterTheIncident() {
    ReadinessHistory history = new ReadinessHistory(10);
    history.record(assessed("OVERALL", "2026-06-10T10:01:00Z", 90));

    assertThat(history.at(DETECTED, List.of("entities")).assessments()).isEmpty();
  }

  @Test
  void shouldKeepOnlyTheNewestAssessmentsOfAScopeInTimeOrder() {
    ReadinessHistory history = new ReadinessHistory(2);
    history.record(assessed("OVERALL", "2026-06-10T09:30:00Z", 60));
    history.record(assessed("OVERALL", "2026-06-10T09:00:00Z", 50)); // read late
    history.record(assessed("OVERALL", "2026-06-10T09:40:00Z", 70));
    history.record(assessed("OVERALL", "2026-06-10T09:40:00Z", 70)); // redelivered

    assertThat(history.latestAtOrBefore("OVERALL", DETECTED))
        .map(ReadinessAtIncident.Assessment::score)
        .contains(70);
    assertThat(history.latestAtOrBefore("OVERALL", Instant.parse("2026-06-10T09:35:00Z")))
        .map(ReadinessAtIncident.Assessment::score)
        .contains(60);
    // the oldest was dropped
    assertThat(history.latestAtOrBefore("OVERALL", Instant.parse("2026-06-10T09:10:00Z")))
        .isEmpty();
  }
}
