package io.drautopilot.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackoffSettingsTest {

  @Test
  void shouldKeepEachRetriesOwnDefaults() {
    NotifierProperties p = NotifierSettings.defaults();

    assertThat(p.retry().maxAttempts()).isEqualTo(3);
    assertThat(p.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(p.retry().multiplier()).isEqualTo(2.0);
    assertThat(p.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.archive().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.archive().multiplier()).isEqualTo(2.0);
    assertThat(p.archive().maxBackoff()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldBindTheBackoffOfDeliveriesAndOfTheArchiveEachUnderItsOwnName() {
    // given settings for both backoffs
    Map<String, String> settings =
        Map.of(
            "dr.notifier.retry.max-attempts", "5",
            "dr.notifier.retry.initial-backoff", "20ms",
            "dr.notifier.retry.multiplier", "3",
            "dr.notifier.retry.max-backoff", "100ms",
            "dr.notifier.archive.initial-backoff", "50ms",
            "dr.notifier.archive.max-backoff", "500ms");

    // when bound as at start-up
    NotifierProperties p = NotifierSettings.bind(settings);

    // then each reaches its own, and what is not set keeps its default
    assertThat(p.retry().maxAttempts()).isEqualTo(5);
    assertThat(p.retry().initialBackoff()).isEqualTo(Duration.ofMillis(20));
    assertThat(p.retry().multiplier()).isEqualTo(3.0);
    assertThat(p.retry().maxBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(p.archive().initialBackoff()).isEqualTo(Duration.ofMillis(50));
    assertThat(p.archive().multiplier()).isEqualTo(2.0);
    assertThat(p.archive().maxBackoff()).isEqualTo(Duration.ofMillis(500));
  }
}
