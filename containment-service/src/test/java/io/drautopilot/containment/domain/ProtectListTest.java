package io.drautopilot.containment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectListTest {

  final ProtectList list =
      new ProtectList(
          List.of(
              "role/break-glass-*",
              "arn:aws:iam::123456789012:user/ops/incident-commander",
              "OrganizationAccountAccessRole"));

  @Test
  void shouldRefuseToContainAProtectedBreakGlassRole() {
    assertThatThrownBy(() -> list.requireNotProtected(ProtectList.Kind.ROLE, "break-glass-admin"))
        .isInstanceOfSatisfying(
            ContainmentException.class,
            e -> {
              assertThat(e.code()).isEqualTo("ProtectedPrincipal");
              assertThat(e.retryable()).isFalse();
            });
  }

  @Test
  void shouldMatchTypedEntriesOnlyForTheirType() {
    assertThat(list.isProtected(ProtectList.Kind.USER, "break-glass-admin")).isFalse();
    assertThat(list.isProtected(ProtectList.Kind.USER, "incident-commander")).isTrue();
    assertThat(list.isProtected(ProtectList.Kind.ROLE, "incident-commander")).isFalse();
  }

  @Test
  void shouldMatchUntypedEntriesForAnyTypeIgnoringCase() {
    assertThat(list.isProtected(ProtectList.Kind.ROLE, "organizationaccountaccessrole")).isTrue();
    assertThat(list.isProtected(ProtectList.Kind.USER, "OrganizationAccountAccessRole")).isTrue();
  }

  @Test
  void shouldLetOrdinaryPrincipalsThrough() {
    list.requireNotProtected(ProtectList.Kind.USER, "mallory");
    assertThat(list.isProtected(ProtectList.Kind.ROLE, "break-glass")).isFalse();
  }

  @Test
  void shouldRejectAnEntryOfAnUnknownType() {
    assertThatThrownBy(() -> new ProtectList(List.of("group/admins")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
