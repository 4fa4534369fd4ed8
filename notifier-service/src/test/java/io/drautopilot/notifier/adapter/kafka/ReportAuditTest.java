package io.drautopilot.notifier.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.audit.ChainSigner;
import io.drautopilot.audit.Ed25519Keys;
import io.drautopilot.audit.LogRecord;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.notifier.adapter.audit.TimelineAudit;
import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.ReportTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's audit section: the timeline's hash chain, its signed head and what was checked. */
class ReportAuditTest {

  static final String INCIDENT = "INC-2024-0115";

  @Test
  void shouldPrintTheSignedHeadKeySignatureAndVerifiedSummaryWhenThePublicKeyIsConfigured() {
    // given a closed incident, sealed and signed, and the published key
    List<LogRecord> log = RecordedIncidents.asLog(RecordedIncidents.tableCorruption(INCIDENT));

    // when
    IncidentReport report =
        IncidentLogReports.renderLog(log, ReportTargets.RUNBOOK, RecordedIncidents.audit());

    // then
    IncidentReport.Audit audit = report.audit();
    assertThat(audit.state()).isEqualTo("verified");
    assertThat(audit.head()).matches("[0-9a-f]{64}");
    assertThat(audit.signingKeyId()).isEqualTo(RecordedIncidents.SIGNER.keyId());
    assertThat(audit.signature()).isEqualTo(RecordedIncidents.SIGNER.sign(audit.head()));
    assertThat(audit.summary())
        .startsWith("chain verified: ")
        .contains("signed by key " + audit.signingKeyId());
    assertThat(IncidentLogReports.markdown(report))
        .contains("## Audit Trail\n- **Chain**: verified\n")
        .contains("- **Chain head** (signed): `" + audit.head() + "`")
        .contains("- **Signature** (at close): `" + audit.signature() + "`")
        .contains("- **Verification**: chain verified: ");
  }

  @Test
  void shouldCheckTheLinksAndSaySoPlainlyWhenNoPublicKeyIsConfigured() {
    List<LogRecord> log = RecordedIncidents.asLog(RecordedIncidents.tableCorruption(INCIDENT));

    IncidentReport report =
        IncidentLogReports.renderLog(log, ReportTargets.RUNBOOK, TimelineAudit.withoutKeys());

    assertThat(report.audit().state())
        .isEqualTo("chain intact; signature not checked (no public key configured)");
    assertThat(report.audit().broken()).isFalse();
    assertThat(report.audit().signingKeyId()).isEqualTo(RecordedIncidents.SIGNER.keyId());
    assertThat(report.audit().summary())
        .contains("the signature was not checked: no public key is configured");
    assertThat(report.observations()).noneMatch(o -> o.contains("hash chain"));
  }

  @Test
  void shouldSayIntactSoFarWhenTheReportIsMadeBeforeTheClose() {
    List<LogRecord> log =
        RecordedIncidents.asLog(RecordedIncidents.tableCorruptionAtReportTime(INCIDENT));

    IncidentReport report =
        IncidentLogReports.renderLog(log, ReportTargets.RUNBOOK, RecordedIncidents.audit());

    assertThat(report.audit().state()).isEqualTo("chain intact so far (not signed yet)");
    assertThat(report.audit().signature()).isNull();
    assertThat(IncidentLogReports.markdown(report))
        .contains("- **Chain**: chain intact so far (not signed yet)\n")
        .contains("- **Signature** (at close): —\n");
  }

  @Test
  void shouldNameTheFirstBrokenLinkWhenATimelineRecordWasChangedAfterItWasWritten() {
    // given a sealed log whose validation step was later edited to look faster
    List<Object> log =
        RecordedIncidents.tableCorruption(INCIDENT).stream()
            .map(
                e ->
                    e instanceof StepSucceeded s && s.getAction().equals("ValidateTable")
                        ? StepSucceeded.newBuilder(s).setDurationMillis(1000).build()
                        : e)
            .toList();

    IncidentReport report =
        IncidentLogReports.renderLog(
            RecordedIncidents.asLog(log), ReportTargets.RUNBOOK, RecordedIncidents.audit());

    assertThat(report.audit().broken()).isTrue();
    assertThat(report.audit().summary())
        .startsWith("chain broken at record ")
        .contains("was changed after it was written");
    assertThat(IncidentLogReports.markdown(report)).contains("- **Chain**: **BROKEN at record ");
    assertThat(report.observations())
        .anyMatch(o -> o.startsWith("The timeline's hash chain does not hold: chain broken"));
  }

  @Test
  void shouldNotTrustASignatureByAKeyThatIsNotPublished() {
    List<LogRecord> log = RecordedIncidents.asLog(RecordedIncidents.tableCorruption(INCIDENT));
    TimelineAudit otherKey =
        TimelineAudit.fromConfiguration(
            List.of(Ed25519Keys.pem(Ed25519Keys.generate().getPublic())), List.of());

    IncidentReport report = IncidentLogReports.renderLog(log, ReportTargets.RUNBOOK, otherKey);

    assertThat(report.audit().broken()).isTrue();
    assertThat(report.audit().summary()).contains("which is not a trusted key");
  }

  @Test
  void shouldVerifyWithAnyOfSeveralPublishedKeysFromPropertiesAndFilesAfterARotation(
      @TempDir Path dir) throws Exception {
    // given the new key inline and the old key (which signed this incident) in a published file
    Path oldKey =
        Files.writeString(dir.resolve("chain-signing-2024.pub.pem"), RecordedIncidents.PUBLIC_KEY);
    String newKey = ChainSigner.of(Ed25519Keys.generate().getPrivate()).publicKeyPem();
    TimelineAudit audit = TimelineAudit.fromConfiguration(List.of(newKey), List.of(oldKey));

    IncidentReport report =
        IncidentLogReports.renderLog(
            RecordedIncidents.asLog(RecordedIncidents.tableCorruption(INCIDENT)),
            ReportTargets.RUNBOOK,
            audit);

    assertThat(audit.keysConfigured()).isTrue();
    assertThat(report.audit().state()).isEqualTo("verified");
  }

  @Test
  void shouldReadAnOldUnchainedLogAsUnchainedNotBroken() {
    List<LogRecord> log =
        RecordedIncidents.asLog(RecordedIncidents.drDrill("DR-1", "14:10:00", 600L));

    IncidentReport report =
        IncidentLogReports.renderLog(log, ReportTargets.RUNBOOK, RecordedIncidents.audit());

    assertThat(report.audit().state()).isEqualTo("unchained (written before chaining)");
    assertThat(report.audit().broken()).isFalse();
  }
}
