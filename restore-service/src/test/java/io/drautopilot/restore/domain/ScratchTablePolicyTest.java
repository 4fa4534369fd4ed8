package io.drautopilot.restore.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTablePolicyTest {

  final ScratchTablePolicy policy = new ScratchTablePolicy(List.of("backup-verification-test-"));

  @Test
  void allowsOnlyNamesThatStartWithAPrefixAndGoOn() {
    assertThatCode(() -> policy.check("backup-verification-test-inc-42"))
        .doesNotThrowAnyException();
    for (String name :
        new String[] {
          "backup-verification-test-", "tyler-setup-entities", "x-backup-verification-test-1", null
        }) {
      assertThatThrownBy(() -> policy.check(name))
          .isInstanceOfSatisfying(
              RestoreRefusedException.class,
              e -> {
                org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo("NotAScratchTable");
                org.assertj.core.api.Assertions.assertThat(e.retryable()).isFalse();
              });
    }
  }

  @Test
  void refusesABlankPrefixThatWouldAllowEveryTable() {
    assertThatThrownBy(() -> new ScratchTablePolicy(List.of("backup-verification-test-", "")))
        .hasMessageContaining("scratch-table-prefixes");
  }
}
