package io.drautopilot.containment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the configured list's entries are read: blanks, as a comma-separated setting leaves them. */
class ProtectListEntriesTest {

  @Test
  void shouldIgnoreBlankEntriesInsteadOfProtectingAPrincipalWithNoName() {
    // given a setting like "role/break-glass-admin,, " split on commas
    ProtectList list = new ProtectList(List.of("role/break-glass-admin", "", "  "));

    // then the blanks protect nothing, not even an empty name
    assertThat(list.isProtected(ProtectList.Kind.USER, "")).isFalse();
    assertThat(list.isProtected(ProtectList.Kind.ROLE, "")).isFalse();
    assertThat(list.isProtected(ProtectList.Kind.ROLE, "break-glass-admin")).isTrue();
  }

  @Test
  void shouldRefuseAnEntryWithALeadingSlashRatherThanProtectNobody() {
    // "/break-glass-admin" lost its type: as a name it would match no IAM principal, silently
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new ProtectList(List.of("/break-glass-admin")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/break-glass-admin")
        .hasMessageContaining("user/<name> or role/<name>");
  }
}
