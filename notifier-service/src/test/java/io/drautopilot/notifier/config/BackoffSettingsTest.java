package io.drautopilot.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class BackoffSettingsTest {

  @Test
  void shouldKeepEachRetriesOwnDefaults() {
    NotifierProperties p = new NotifierProperties();

    assertThat(p.getRetry().getMaxAttempts()).isEqualTo(3);
    assertThat(p.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(p.getRetry().getMultiplier()).isEqualTo(2.0);
    assertThat(p.getRetry().getMaxBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.getArchive().getInitialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.getArchive().getMultiplier()).isEqualTo(2.0);
    assertThat(p.getArchive().getMaxBackoff()).isEqualTo(Duration.ofMinutes(5));
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
    NotifierProperties p =
        new Binder(new MapConfigurationPropertySource(settings))
            .bind("dr.notifier", Bindable.ofInstance(new NotifierProperties()))
            .get();

    // then each reaches its own, and what is not set keeps its default
    assertThat(p.getRetry().getMaxAttempts()).isEqualTo(5);
    assertThat(p.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(20));
    assertThat(p.getRetry().getMultiplier()).isEqualTo(3.0);
    assertThat(p.getRetry().getMaxBackoff()).isEqualTo(Duration.ofMillis(100));
    assertThat(p.getArchive().getInitialBackoff()).isEqualTo(Duration.ofMillis(50));
    assertThat(p.getArchive().getMultiplier()).isEqualTo(2.0);
    assertThat(p.getArchive().getMaxBackoff()).isEqualTo(Duration.ofMillis(500));
  }
}
