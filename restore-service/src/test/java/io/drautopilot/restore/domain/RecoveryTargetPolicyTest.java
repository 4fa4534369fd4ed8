package io.drautopilot.restore.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.restore.domain.RecoveryTargetPolicy.TargetState;
import org.junit.jupiter.api.Test;

class RecoveryTargetPolicyTest {

  @Test
  void shouldRefuseToRestoreOverATableThatIsNotTheRecoveryTarget() {
    assertThatThrownBy(
            () ->
                RecoveryTargetPolicy.check(
                    "entities", "entities-recovery", TargetState.HOLDS_OTHER_DATA))
        .isInstanceOfSatisfying(
            RestoreRefusedException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.code())
                  .isEqualTo("TargetTableNotRecoveryTarget");
              org.assertj.core.api.Assertions.assertThat(e.retryable()).isFalse();
            });
  }

  @Test
  void shouldRefuseToRestoreATableOverItself() {
    assertThatThrownBy(() -> RecoveryTargetPolicy.check("entities", "entities", TargetState.ABSENT))
        .isInstanceOf(RestoreRefusedException.class)
        .hasMessageContaining("over itself");
  }

  @Test
  void shouldAllowANewAnEmptyOrItsOwnRecoveryTable() {
    for (TargetState ok :
        new TargetState[] {
          TargetState.ABSENT, TargetState.EMPTY, TargetState.CREATED_BY_THIS_RESTORE
        }) {
      assertThatCode(() -> RecoveryTargetPolicy.check("entities", "entities-recovery", ok))
          .doesNotThrowAnyException();
    }
  }
}
