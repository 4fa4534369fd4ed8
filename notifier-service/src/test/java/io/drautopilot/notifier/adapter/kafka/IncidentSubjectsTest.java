package io.drautopilot.notifier.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What is known of an incident's subjects while its log cannot be read (the projection starting). */
class IncidentSubjectsTest {

  final IncidentSubjects subjects =
      IncidentSubjects.fromLog(
          new IncidentLogProjection(List.of(), new Properties(), new SimpleMeterRegistry()),
          Duration.ofMillis(50));

  @Test
  void shouldLetAPageThatNeedNotWaitGoOutWithNoSubjectsKnownWhileTheLogIsUnreadable()
      throws InterruptedException {
    assertThat(subjects.of("INC-1", "cmd-1", false)).contains(Set.of());
  }

  @Test
  void shouldKnowNothingOfABreachsSubjectsWhileTheLogIsUnreadable() throws InterruptedException {
    assertThat(subjects.of("INC-1", "cmd-1", true)).isEmpty();
  }
}
