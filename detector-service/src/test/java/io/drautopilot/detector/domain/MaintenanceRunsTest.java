package io.drautopilot.detector.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MaintenanceRunsTest {

  final RecordingPublisher publisher = new RecordingPublisher();
  final AtomicInteger ids = new AtomicInteger();
  final MaintenanceRuns runs =
      new MaintenanceRuns(
          Map.of(
              MaintenanceProcedure.BACKUP_VERIFICATION,
                  new MaintenanceTarget("us-east-1", "entities"),
              MaintenanceProcedure.DR_DRILL, new MaintenanceTarget("us-east-1", "entities")),
          publisher,
          () -> "INC-" + ids.incrementAndGet());

  @Test
  void shouldRaiseAScheduledBackupVerificationAsANewP4IncidentStampedWithItsScheduledTime() {
    Instant scheduled = Instant.parse("2026-02-01T03:00:00Z");

    Incident incident =
        runs.startScheduled(MaintenanceProcedure.BACKUP_VERIFICATION, scheduled, "0 0 3 1 * * UTC");

    assertThat(publisher.published).containsExactly(new Decision.Raised(incident));
    assertThat(incident.incidentId()).isEqualTo("INC-1");
    assertThat(incident.scenario()).isEqualTo(RunbookScenario.BACKUP_VERIFICATION);
    assertThat(incident.severity()).isEqualTo(RunbookSeverity.P4);
    assertThat(incident.region()).isEqualTo("us-east-1");
    assertThat(incident.affectedResources()).containsExactly("entities");
    assertThat(incident.fingerprint())
        .isEqualTo("BACKUP_VERIFICATION|us-east-1|entities|2026-02-01T03:00:00Z");
    assertThat(incident.impactStartedAt()).isEqualTo(scheduled);
    assertThat(incident.detectedAt()).isEqualTo(scheduled);
    assertThat(incident.symptoms())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.signal()).isEqualTo(MaintenanceRuns.SCHEDULED_SIGNAL);
              assertThat(s.resource()).isEqualTo("entities");
              assertThat(s.detail())
                  .contains("scheduled monthly backup verification")
                  .contains("0 0 3 1 * * UTC");
              assertThat(s.observedAt()).isEqualTo(scheduled);
            });
  }

  @Test
  void shouldGiveEveryRunItsOwnIncidentIdAndFingerprint() {
    Incident april =
        runs.startScheduled(
            MaintenanceProcedure.DR_DRILL, Instant.parse("2026-04-01T04:00:00Z"), "q");
    Incident july =
        runs.startScheduled(
            MaintenanceProcedure.DR_DRILL, Instant.parse("2026-07-01T04:00:00Z"), "q");

    assertThat(april.scenario()).isEqualTo(RunbookScenario.DR_DRILL);
    assertThat(List.of(april.incidentId(), july.incidentId())).doesNotHaveDuplicates();
    assertThat(july.fingerprint())
        .isEqualTo("DR_DRILL|us-east-1|entities|2026-07-01T04:00:00Z")
        .isNotEqualTo(april.fingerprint());
  }

  @Test
  void shouldRunOnDemandAgainstTheDefaultTargetUnlessTheCallerNamesOne() {
    Instant now = Instant.parse("2026-03-10T12:34:56.789123Z");

    Incident byDefault = runs.startOnDemand(MaintenanceProcedure.DR_DRILL, null, " ", now);
    Incident named =
        runs.startOnDemand(MaintenanceProcedure.BACKUP_VERIFICATION, "eu-west-1", "orders", now);

    assertThat(byDefault.region()).isEqualTo("us-east-1");
    assertThat(byDefault.affectedResources()).containsExactly("entities");
    assertThat(byDefault.fingerprint())
        .isEqualTo("DR_DRILL|us-east-1|entities|2026-03-10T12:34:56.789Z");
    assertThat(byDefault.impactStartedAt())
        .isEqualTo(byDefault.detectedAt())
        .isEqualTo(Instant.parse("2026-03-10T12:34:56.789Z"));
    assertThat(byDefault.symptoms().get(0).signal()).isEqualTo(MaintenanceRuns.ON_DEMAND_SIGNAL);
    assertThat(named.region()).isEqualTo("eu-west-1");
    assertThat(named.affectedResources()).containsExactly("orders");
    assertThat(named.fingerprint())
        .isEqualTo("BACKUP_VERIFICATION|eu-west-1|orders|2026-03-10T12:34:56.789Z");
    assertThat(named.severity()).isEqualTo(RunbookSeverity.P4);
    assertThat(publisher.incidents()).containsExactly(byDefault, named);
  }

  @Test
  void
      shouldRefuseAnOnDemandRunWithoutATableWhenNoneIsConfiguredOrWithAMalformedOneAndPublishNothing() {
    MaintenanceRuns unconfigured = new MaintenanceRuns(Map.of(), publisher, () -> "INC");
    Instant now = Instant.parse("2026-03-10T12:00:00Z");

    assertThatThrownBy(
            () -> unconfigured.startOnDemand(MaintenanceProcedure.DR_DRILL, "us-east-1", null, now))
        .isInstanceOf(MaintenanceRunRefused.class)
        .hasMessage("no table given and none configured for dr-drill");
    assertThatThrownBy(
            () -> unconfigured.startOnDemand(MaintenanceProcedure.DR_DRILL, null, "orders", now))
        .isInstanceOf(MaintenanceRunRefused.class)
        .hasMessage("no region given and none configured for dr-drill");
    assertThatThrownBy(
            () -> runs.startOnDemand(MaintenanceProcedure.DR_DRILL, null, "bad table!", now))
        .isInstanceOf(MaintenanceRunRefused.class)
        .hasMessageContaining("is not a DynamoDB table name");
    assertThatThrownBy(() -> runs.startOnDemand(MaintenanceProcedure.DR_DRILL, "mars", null, now))
        .isInstanceOf(MaintenanceRunRefused.class)
        .hasMessageContaining("is not an AWS region name");
    assertThat(publisher.published).isEmpty();
  }

  @Test
  void shouldKnowProceduresByTheirPublicNamesOnly() {
    assertThat(MaintenanceProcedure.byId("backup-verification"))
        .contains(MaintenanceProcedure.BACKUP_VERIFICATION);
    assertThat(MaintenanceProcedure.byId(" DR-Drill ")).contains(MaintenanceProcedure.DR_DRILL);
    assertThat(MaintenanceProcedure.byId("nightly-restore")).isEmpty();
    assertThat(MaintenanceProcedure.byId(null)).isEmpty();
  }
}
