package io.drautopilot.console.adapter.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.console.domain.Runbook;
import org.junit.jupiter.api.Test;

class RunbookFilesTest {

  @Test
  void shouldNameEachStepWithTheSeedSectionFromItsTitleOrTheNumberedHeadingAboveIt() {
    // given the built-in runbooks on the classpath
    RunbookFiles files = RunbookFiles.read(null);

    // when
    Runbook corruption = files.byId("table-corruption").orElseThrow().runbook();

    // then
    assertThat(corruption.step("open-circuit-breaker").orElseThrow().section())
        .isEqualTo("1. Isolate affected table: stop writes (circuit breaker)");
    assertThat(corruption.step("restore-to-point-in-time").orElseThrow().section())
        .startsWith("3. Point-in-time recovery");
    assertThat(corruption.step("find-restore-point").orElseThrow().dependsOn())
        .containsExactly("open-circuit-breaker");
    assertThat(corruption.control().owner()).isEqualTo("Database Operations Team");
    assertThat(corruption.stepOf("restore-to-point-in-time-events").orElseThrow().id())
        .isEqualTo("restore-to-point-in-time");
    assertThat(files.all())
        .extracting(Runbook::id)
        .contains("backup-verification", "dr-drill", "security-breach");
  }

  @Test
  void shouldReadTheApprovalGateOfAStep() {
    Runbook breach = RunbookFiles.read(null).byId("security-breach").orElseThrow().runbook();
    assertThat(breach.steps())
        .anySatisfy(
            s -> {
              assertThat(s.approvalRole()).isEqualTo("security-officer");
              assertThat(s.approvers()).isEqualTo(2);
            });
  }
}
