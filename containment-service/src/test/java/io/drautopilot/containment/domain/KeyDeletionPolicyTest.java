package io.drautopilot.containment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDeletionPolicyTest {

  final KeyDeletionPolicy policy = new KeyDeletionPolicy(2, 7);

  @Test
  void shouldAllowTwoDistinctApproversAndASevenDayWindow() {
    assertThat(policy.check(List.of("alice", "bob"), 7)).containsExactly("alice", "bob");
  }

  @Test
  void shouldRefuseASingleApprover() {
    assertRefused(List.of("alice"), 7, "TwoPersonApprovalRequired");
  }

  @Test
  void shouldCountOnePersonApprovingTwiceAsOne() {
    assertRefused(List.of("alice", "Alice ", ""), 7, "TwoPersonApprovalRequired");
  }

  @Test
  void shouldRefuseWithoutAnyApproval() {
    assertRefused(List.of(), 30, "TwoPersonApprovalRequired");
  }

  @Test
  void shouldRefuseAPendingWindowShorterThanSevenDays() {
    assertRefused(List.of("alice", "bob"), 6, "PendingWindowOutOfRange");
  }

  @Test
  void shouldRefuseAPendingWindowLongerThanAwsAllows() {
    assertRefused(List.of("alice", "bob"), 31, "PendingWindowOutOfRange");
  }

  @Test
  void shouldRefuseAConfigurationWeakerThanTheTwoPersonRuleOrTheSevenDayWindow() {
    assertThatThrownBy(() -> new KeyDeletionPolicy(1, 7))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyDeletionPolicy(2, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldHonourAStricterConfiguredMinimum() {
    assertRefused(
        List.of("alice", "bob"), 10, "PendingWindowOutOfRange", new KeyDeletionPolicy(2, 14));
  }

  void assertRefused(List<String> approvers, int days, String code) {
    assertRefused(approvers, days, code, policy);
  }

  static void assertRefused(
      List<String> approvers, int days, String code, KeyDeletionPolicy policy) {
    assertThatThrownBy(() -> policy.check(approvers, days))
        .isInstanceOfSatisfying(
            ContainmentException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
