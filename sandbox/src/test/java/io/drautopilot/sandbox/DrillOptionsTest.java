package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
  void shouldWriteTheSeedAfreshOnlyWhenAskedAndKeepItThroughTheOtherOptions() {
    DrillOptions fresh = DrillOptions.parse(new String[] {"--fresh-seed", "--items", "3000"});

    assertThat(fresh.freshSeed()).isTrue();
    assertThat(fresh.withTable("events").withHistory(null).withFailStep(null).freshSeed()).isTrue();
    assertThat(DrillOptions.USAGE).contains("[--fresh-seed]");
    if (System.getenv("DRILL_SEED_CACHE") == null) {
      assertThat(DrillOptions.parse(new String[] {"--items", "3000"}).freshSeed()).isFalse();
    }
  }

  @Test
  void shouldSayWhatStayingDoesInTheUsage() {
    assertThat(DrillOptions.USAGE).contains("[--stay]").contains("--stay       after the verdict");
  }

  @Test
  void shouldHitTheTableNamedByItsCatalogueNameOrItsFullName() {
    DrillOptions byName = DrillOptions.parse(new String[] {"--table", "events"});
    DrillOptions byFullName =
        DrillOptions.parse(new String[] {"--table", "tyler-setup-sandbox-events"});
    DrillOptions byDefault = DrillOptions.parse(new String[] {});

    assertThat(byName.faultTable()).isEqualTo("tyler-setup-sandbox-events");
    assertThat(byFullName.table()).isEqualTo("events");
    assertThat(byDefault.faultTable()).isEqualTo("tyler-setup-sandbox-entities");
  }

  @Test
  void shouldNameTheTablesWhenGivenAnUnknownOne() {
    assertThatThrownBy(() -> DrillOptions.parse(new String[] {"--table", "users"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown --table 'users'")
        .hasMessageContaining("entities, events")
        .hasMessageContaining("tyler-setup-sandbox-events");
  }

  @Test
  void shouldFailOnlyAStepWhoseCallTheSandboxAnswers() {
    assertThat(DrillOptions.parse(new String[] {"--fail-step", "cut-over"}).failStep())
        .isEqualTo("cut-over");
    assertThatThrownBy(() -> DrillOptions.parse(new String[] {"--fail-step", "import-snapshot"}))
        .hasMessageContaining("--fail-step import-snapshot")
        .hasMessageContaining("cut-over");
  }

  @Test
  void shouldKeepTheRestoreHistoryPerUserUnlessToldOtherwise() {
    assertThat(DrillOptions.parse(new String[] {}).history()).hasFileName(RestoreHistory.FILE_NAME);
    assertThat(DrillOptions.parse(new String[] {"--history", "off"}).history()).isNull();
    assertThat(DrillOptions.parse(new String[] {"--history", "h.jsonl"}).history())
        .isAbsolute()
        .hasFileName("h.jsonl");
    assertThat(DrillOptions.USAGE)
        .contains("--table")
        .contains("--fail-step STEP-ID")
        .contains("--history FILE");
  }

  @Test
  void shouldTakeTheScenarioAndTheTableOfARecordedIncidentFromItsRecording() {
    DrillOptions replaying =
        DrillOptions.parse(new String[] {"--from-incident", "drills/breach", "--items", "3000"});

    assertThat(replaying.fromIncident())
        .isEqualTo(java.nio.file.Path.of("drills", "breach").toAbsolutePath());
    assertThat(DrillOptions.USAGE)
        .contains("[--from-incident DIR]")
        .contains("--from-incident DIR\n");
    assertThatThrownBy(
            () ->
                DrillOptions.parse(
                    new String[] {"--from-incident", "drills/breach", "--scenario", "1"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no --scenario or --table with it");
    assertThatThrownBy(
            () ->
                DrillOptions.parse(
                    new String[] {"--from-incident", "drills/breach", "--via", "alertmanager"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--from-incident");
  }
}
