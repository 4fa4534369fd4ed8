package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrillOptionsTest {

  @Test
  void shouldStayAfterTheVerdictOnlyWhenAsked() {
    DrillOptions staying = DrillOptions.parse(new String[] {"--scenario", "3", "--stay"});
    DrillOptions leaving = DrillOptions.parse(new String[] {"--scenario", "3"});

    assertThat(staying.stay()).isTrue();
    assertThat(staying.scenario()).isEqualTo(DrillOptions.Scenario.SECURITY_BREACH);
    assertThat(leaving.stay()).isFalse();
  }

  @Test
  void shouldSayWhatStayingDoesInTheUsage() {
    assertThat(DrillOptions.USAGE).contains("[--stay]").contains("--stay       after the verdict");
  }
}
