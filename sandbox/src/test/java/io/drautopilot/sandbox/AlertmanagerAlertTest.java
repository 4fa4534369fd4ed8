package io.drautopilot.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class AlertmanagerAlertTest {

  static final Instant FAULT = Instant.parse("2026-12-03T10:00:00Z");
  final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldWriteAnAlertmanagerVersion4MessageWithTheLabelsTheDetectorReads() {
    AlertmanagerAlert alert =
        new AlertmanagerAlert(
            "token",
            DrillOptions.Scenario.TABLE_CORRUPTION,
            "us-east-1",
            "tyler-setup-sandbox-entities",
            FAULT);

    JsonNode message = json.readTree(alert.payload(true, FAULT.plusSeconds(3)));

    assertThat(message.path("version").asString()).isEqualTo("4");
    assertThat(message.path("status").asString()).isEqualTo("firing");
    JsonNode a = message.path("alerts").get(0);
    assertThat(a.path("labels").path("dr_signal").asString()).isEqualTo("integrity-violation");
    assertThat(a.path("labels").path("table").asString()).isEqualTo("tyler-setup-sandbox-entities");
    assertThat(a.path("labels").path("region").asString()).isEqualTo("us-east-1");
    assertThat(a.path("labels").path("severity").asString()).isEqualTo("critical");
    assertThat(a.path("startsAt").asString()).isEqualTo("2026-12-03T10:00:00Z");
    assertThat(a.path("fingerprint").asString()).matches("[0-9a-f]{16}");
  }

  @Test
  void shouldResolveTheSameAlertUnderTheSameFingerprint() {
    AlertmanagerAlert alert =
        new AlertmanagerAlert(
            "token", DrillOptions.Scenario.PERFORMANCE_DEGRADATION, "us-east-1", "t", FAULT);

    JsonNode firing = json.readTree(alert.payload(true, FAULT)).path("alerts").get(0);
    JsonNode resolved =
        json.readTree(alert.payload(false, FAULT.plusSeconds(60))).path("alerts").get(0);

    assertThat(resolved.path("status").asString()).isEqualTo("resolved");
    assertThat(resolved.path("endsAt").asString()).isEqualTo("2026-12-03T10:01:00Z");
    assertThat(resolved.path("fingerprint").asString())
        .isEqualTo(firing.path("fingerprint").asString());
  }

  @Test
  void shouldNameARegionWideAlertWithoutATableAndABreachWithItsSubjects() {
    assertThat(
            new AlertmanagerAlert(
                    "t", DrillOptions.Scenario.REGIONAL_FAILURE, "us-east-1", "x", FAULT)
                .labels())
        .containsEntry("dr_signal", "region-unavailable")
        .doesNotContainKey("table");
    assertThat(
            new AlertmanagerAlert(
                    "t", DrillOptions.Scenario.SECURITY_BREACH, "us-east-1", "x", FAULT)
                .labels())
        .containsEntry("dr_signal", "suspicious-access")
        .containsEntry("principal_name", "mallory")
        .containsEntry("access_key_id", "AKIAIOSFODNN7EXAMPLE");
  }

  @Test
  void shouldSwitchOffOnlyTheProbesThatWouldSeeTheFault() {
    assertThat(AlertmanagerAlert.probesOff(DrillOptions.Scenario.TABLE_CORRUPTION))
        .containsExactly(entry("dr.detector.probes.integrity.enabled", "false"));
    assertThat(AlertmanagerAlert.probesOff(DrillOptions.Scenario.REGIONAL_FAILURE))
        .containsOnlyKeys(
            "dr.detector.probes.availability.enabled", "dr.detector.probes.integrity.enabled");
  }

  @Test
  void shouldKeepTheTokenOutOfItsTextAndRefuseAMaintenanceProcedure() {
    assertThat(
            new AlertmanagerAlert(
                "s3cr3t-token", DrillOptions.Scenario.TABLE_CORRUPTION, "us-east-1", "t", FAULT))
        .asString()
        .doesNotContain("s3cr3t-token");
    assertThatThrownBy(
            () ->
                DrillOptions.parse(
                    new String[] {"--scenario", "dr-drill", "--via", "alertmanager"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a fault scenario");
    assertThat(DrillOptions.parse(new String[] {"--via", "alertmanager"}).via())
        .isEqualTo(DrillOptions.Via.ALERTMANAGER);
  }
}
