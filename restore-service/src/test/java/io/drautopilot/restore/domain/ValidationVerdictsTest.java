package io.drautopilot.restore.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.restore.domain.ValidationVerdicts.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ValidationVerdictsTest {

  final ValidationVerdicts verdicts = new ValidationVerdicts();
  final Instant t0 = Instant.parse("2026-01-15T10:40:00Z");

  @Test
  void shouldRefuseACutoverWhenTheLatestValidationOfTheTableDidNotPass() {
    verdicts.record(new Verdict("v1", "entities-recovery", true, t0));
    verdicts.record(new Verdict("v2", "entities-recovery", false, t0.plusSeconds(60)));

    assertThatThrownBy(() -> verdicts.requirePassed("entities-recovery", null, Duration.ZERO))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> assertThat(e.code()).isEqualTo("ValidationNotPassed"));
    assertThatThrownBy(() -> verdicts.requirePassed("entities-recovery", "v1", Duration.ZERO))
        .isInstanceOf(RestoreRefusedException.class);
  }

  @Test
  void shouldAllowACutoverWhenTheLatestValidationPassedEvenIfAnEarlierOneFailed() {
    verdicts.record(new Verdict("v2", "entities-recovery", true, t0.plusSeconds(60)));
    verdicts.record(new Verdict("v1", "entities-recovery", false, t0));

    assertThat(verdicts.requirePassed("entities-recovery", "v2", Duration.ZERO).eventId())
        .isEqualTo("v2");
  }

  @Test
  void shouldRefuseACutoverCitingAValidationOfAnotherTableOrAFailedCommand() {
    verdicts.record(new Verdict("v-other", "events-recovery", true, t0));
    verdicts.record(new Verdict("v-failed", null, false, t0));
    verdicts.record(new Verdict("v-ok", "entities-recovery", true, t0));

    assertThatThrownBy(() -> verdicts.requirePassed("entities-recovery", "v-other", Duration.ZERO))
        .hasMessageContaining("events-recovery");
    assertThatThrownBy(() -> verdicts.requirePassed("entities-recovery", "v-failed", Duration.ZERO))
        .isInstanceOf(RestoreRefusedException.class);
  }

  @Test
  void shouldRefuseAnUnvalidatedTableAsRetryableAfterWaitingForTheVerdict() {
    assertThatThrownBy(
            () -> verdicts.requirePassed("entities-recovery", null, Duration.ofMillis(20)))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ValidationNotFound");
              assertThat(e.retryable()).isTrue();
            });
  }

  @Test
  void shouldWaitForAVerdictThatArrivesWhileTheCutoverIsWaiting() throws Exception {
    Thread late =
        new Thread(
            () -> {
              try {
                Thread.sleep(100);
              } catch (InterruptedException e) {
                return;
              }
              verdicts.record(new Verdict("v-late", "entities-recovery", true, t0));
            });
    late.start();

    assertThat(
            verdicts.requirePassed("entities-recovery", "v-late", Duration.ofSeconds(10)).eventId())
        .isEqualTo("v-late");
    late.join();
  }
}
