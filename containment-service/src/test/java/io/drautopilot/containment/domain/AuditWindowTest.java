package io.drautopilot.containment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditWindowTest {

  static final Instant DETECTED = Instant.parse("2026-01-15T10:30:00Z");

  @Test
  void shouldWidenAShortIncidentWindowToTheSeedsDayWhenTheImpactStartIsJustBeforeDetection() {
    // given an incident window of 470 ms, as a drill measured it
    Instant impact = DETECTED.minusMillis(470);

    // then the export starts 24 hours before detection
    assertThat(AuditWindow.SEED.startFor(impact, DETECTED))
        .isEqualTo(Instant.parse("2026-01-14T10:30:00Z"));
  }

  @Test
  void shouldKeepAnImpactStartOlderThanTheMinimumWhenItIsWithinTheMaximum() {
    Instant impact = DETECTED.minus(Duration.ofHours(30));

    assertThat(AuditWindow.SEED.startFor(impact, DETECTED)).isEqualTo(impact);
  }

  @Test
  void shouldCutTheWindowToTheMaximumWhenTheImpactStartIsOlder() {
    Instant impact = DETECTED.minus(Duration.ofDays(30));

    assertThat(AuditWindow.SEED.startFor(impact, DETECTED))
        .isEqualTo(DETECTED.minus(Duration.ofDays(7)));
  }

  @Test
  void shouldRefuseAMaximumBelowTheMinimumWhenConfigured() {
    assertThatThrownBy(() -> new AuditWindow(Duration.ofHours(24), Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maximum window (PT1H)");
  }
}
