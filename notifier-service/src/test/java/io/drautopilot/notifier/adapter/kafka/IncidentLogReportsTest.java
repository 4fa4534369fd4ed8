package io.drautopilot.notifier.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EscalationCause;
import io.drautopilot.contracts.restore.SetCircuitBreakerResult;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.IncidentSeverityUpgraded;
import io.drautopilot.contracts.timeline.StepFailed;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.notifier.domain.EscalationReason;
import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.ReportTargets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class IncidentLogReportsTest {

  static final String GOLDEN_MARKDOWN = "golden/table-corruption-report.md";
  static final String GOLDEN_HTML = "golden/table-corruption-report.html";
  static final String GOLDEN_AT_REPORT_TIME = "golden/table-corruption-at-report-time.md";

  @Test
  void shouldRenderTheGoldenMarkdownReportFromARecordedEventSequence() throws IOException {
    // given the recorded log of a table-corruption incident
    List<Object> log = RecordedIncidents.tableCorruption("INC-2024-0115");

    // when the report is rendered from it alone, its chain checked against the published key
    String markdown =
        IncidentLogReports.markdown(
            IncidentLogReports.render(log, ReportTargets.RUNBOOK, RecordedIncidents.audit()));

    // then it is exactly the reviewed report
    assertGolden(markdown, GOLDEN_MARKDOWN);
  }

  @Test
  void shouldShowTheRecoveryPathFromTheChoiceStepsResultRecord() {
    // given a recorded log whose find-restore-point step chose PITR over an AWS Backup restore
    List<Object> log = RecordedIncidents.tableCorruptionWithChosenPath("INC-2024-0115");

    // when
    IncidentReport report =
        IncidentLogReports.render(log, ReportTargets.RUNBOOK, RecordedIncidents.audit());
    String markdown = IncidentLogReports.markdown(report);

    // then the choice, why and every path weighed come from the RecoveryPathChosen on the results
    // topic
    assertThat(markdown)
        .contains(
            "## Recovery Path\n### `"
                + RecordedIncidents.TABLE
                + "`\n\n"
                + "- **Chosen**: PITR — forecast 8 min by PITR, 1 h by AWS Backup restore: chose PITR (forecasts of readiness "
                + "assessment ra-42)\n"
                + "- **Restore point**: 2024-01-15 10:27:00 UTC (PITR), data loss 3 min within the RPO target of 5 min\n"
                + "- **Forecast**: 7 min median, 8 min nine runs in ten (history (4 runs))\n\n"
                + "| Path | Restore point | Data loss | Forecast P50 / P90 | Basis | Notes |\n|---|---|---|---|---|---|\n"
                + "| **PITR** (chosen) | 2024-01-15 10:27:00 UTC | 3 min | 7 min / 8 min | history (4 runs) | — |\n"
                + "| AWS Backup restore | 2024-01-15 10:00:00 UTC | 30 min (beyond RPO) | 40 min / 1 h | no history: AWS floor "
                + "| loses 30 min of writes |\n\n");
    // and the log with the step in it is still one intact, signed chain
    assertThat(report.audit().state()).isEqualTo("verified");
  }

  @Test
  void shouldSaySoWhenNoReadinessWasPublishedBeforeTheIncident() {
    IncidentReport report =
        IncidentLogReports.render(RecordedIncidents.tableCorruption("INC-2024-0115"));
    ReportContext context =
        new ReportContext(null, new io.drautopilot.notifier.domain.report.ReadinessHistory(5));

    String md = IncidentLogReports.markdown(context.addTo(report));

    assertThat(md)
        .contains(
            "## Recovery Readiness at the Time\n"
                + "- None published before the incident was detected (2024-01-15 10:31:00 UTC).");
    // the log alone (offline forensics) has neither section
    assertThat(IncidentLogReports.markdown(report))
        .doesNotContain("## Recovery Readiness", "## Availability");
  }

  @Test
  void shouldRenderTheGoldenHtmlReportWithEachStepsRawEventsOneClickAway() throws IOException {
    List<Object> log = RecordedIncidents.tableCorruption("INC-2024-0115");

    String html =
        IncidentLogReports.html(
            IncidentLogReports.render(log, ReportTargets.RUNBOOK, RecordedIncidents.audit()));

    assertGolden(html, GOLDEN_HTML);
    assertThat(html)
        .contains(
            "<details><summary>raw events</summary><pre>StepStarted RestoreTableToPointInTime");
  }

  @Test
  void shouldNotReportOnItselfWhenRenderedByTheReportStep() throws IOException {
    // given the log as the report step sees it: its own step and a notification step still running
    List<Object> log = RecordedIncidents.tableCorruptionAtReportTime("INC-2024-0115");

    // when
    IncidentReport report =
        IncidentLogReports.render(log, ReportTargets.RUNBOOK, RecordedIncidents.audit());
    String markdown = IncidentLogReports.markdown(report);

    // then its own step is not a step of the report, and what still runs says so
    assertThat(report.actions())
        .extracting(IncidentReport.Action::action)
        .doesNotContain("notifier.generateIncidentReport")
        .contains("notifier.notifyContacts");
    assertThat(markdown)
        .doesNotContain("ended RUNNING")
        .doesNotContain("| RUNNING |")
        .contains("| still running at report time |")
        .contains(
            "- Step notifier.notifyContacts was still running at report time (started 2024-01-15 10:52:11 UTC).");
    assertGolden(markdown, GOLDEN_AT_REPORT_TIME);
  }

  /**
   * Compares exactly with the checked-in file. After a deliberate change to the report, regenerate
   * every golden file with {@code ./mvnw -pl notifier-service test -Dtest=IncidentLogReportsTest
   * -Dgolden.update=true}, then review the diff before committing it.
   */
  static void assertGolden(String actual, String resource) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Path file = Path.of("src/test/resources", resource);
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
    }
    assertThat(actual).isEqualTo(resource(resource));
  }

  @Test
  void shouldRenderTheSameReportFromEncodedRecordsInAnyArrivalOrder() {
    // given the same log as Kafka stores it, read from its four topics in another interleaving
    // (each topic keeps its own order: one incident is one partition)
    List<Object> log = RecordedIncidents.tableCorruption("INC-2024-0115");
    Map<String, List<Object>> byTopic =
        log.stream()
            .collect(
                Collectors.groupingBy(
                    r -> {
                      String name = r.getClass().getSimpleName();
                      return name.endsWith("Command")
                          ? "commands"
                          : name.endsWith("Result")
                              ? "results"
                              : name.equals("NotificationAttempted") ? "deliveries" : "timeline";
                    },
                    LinkedHashMap::new,
                    Collectors.toList()));
    List<byte[]> encoded = new ArrayList<>();
    Random random = new Random(7);
    List<List<Object>> queues =
        new ArrayList<>(
            byTopic.values().stream().map(l -> (List<Object>) new ArrayList<>(l)).toList());
    while (!queues.isEmpty()) {
      List<Object> q = queues.get(random.nextInt(queues.size()));
      encoded.add(EventCodec.shared().encode((IndexedRecord) q.remove(0)));
      queues.removeIf(List::isEmpty);
    }

    // when
    String fromEncoded = IncidentLogReports.markdown(IncidentLogReports.renderEncoded(encoded));

    // then the times order it, so the report is the same
    assertThat(fromEncoded).isEqualTo(IncidentLogReports.markdown(IncidentLogReports.render(log)));
  }

  @Test
  void shouldMeasureRtoAndRpoAgainstTheRunbookTargets() {
    // given a resolution whose measured RTO (1330 s) is what the orchestrator recorded
    IncidentReport report = IncidentLogReports.render(RecordedIncidents.tableCorruption("INC-1"));

    // then the report compares it with the target and works out the miss and the data-loss window
    assertThat(report.impact().rtoSeconds()).isEqualTo(1330L);
    assertThat(report.impact().rtoMet()).isFalse();
    assertThat(report.observations()).contains("RTO target missed by 430 s (1330 s of 900 s).");
    assertThat(report.impact().rpoSeconds()).isEqualTo(180L);
    assertThat(report.impact().rpoMet()).isTrue();
    // impact started 10:30:00, RPO 180 s: writes since 10:27:00 are at risk
    assertThat(report.impact().dataLossFrom()).isEqualTo(RecordedIncidents.at("10:27:00"));
    assertThat(report.impact().dataLossTo()).isEqualTo(RecordedIncidents.at("10:30:00"));
    assertThat(report.summary().severity()).isEqualTo("P1");
    assertThat(report.approvals())
        .extracting(IncidentReport.Approval::who)
        .containsExactly("2 × Database Admin", "Jane Smith", "John Doe");
    assertThat(report.actions())
        .extracting(IncidentReport.Action::action)
        .containsExactly(
            "NotifyContacts",
            "SetCircuitBreaker",
            "RestoreTableToPointInTime",
            "ValidateTable",
            "CutOverTable");
    assertThat(report.actions().get(2).attempts()).isEqualTo(2);
    assertThat(report.timeline().mitigation().description())
        .startsWith("SetCircuitBreaker succeeded");
  }

  @Test
  void shouldWriteHtmlWithTheSameContentEscaped() {
    IncidentReport report = IncidentLogReports.render(RecordedIncidents.tableCorruption("INC-<1>"));

    String html = IncidentLogReports.html(report);

    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<h1>Incident Post-Mortem Report</h1>")
        .contains("INC-&lt;1&gt;")
        .doesNotContain("INC-<1>")
        .contains("<pre class=\"mermaid\">\ngantt")
        .contains("<td>RestoreTableToPointInTime</td>")
        .contains("<input type=\"checkbox\" disabled> Training needs");
  }

  @Test
  void shouldReportTheBackupVerificationRestoreTimeAgainstItsTarget() {
    IncidentReport within =
        IncidentLogReports.render(RecordedIncidents.backupVerification("BV-1", 612_000, true));
    IncidentReport over =
        IncidentLogReports.render(RecordedIncidents.backupVerification("BV-2", 1_250_000, false));

    assertThat(within.kind()).isEqualTo(IncidentReport.Kind.BACKUP_VERIFICATION);
    assertThat(within.maintenance().measuredSeconds()).isEqualTo(612L);
    assertThat(within.maintenance().targetMet()).isTrue();
    assertThat(within.maintenance().passed()).isTrue();
    assertThat(IncidentLogReports.markdown(within))
        .startsWith("# Monthly Backup Verification Report")
        .contains(
            "- **Restore time of the test restore**: 612 s (10 min 12 s) against a target of 900 s (15 min): met");
    assertThat(over.maintenance().targetMet()).isFalse();
    assertThat(over.maintenance().passed()).isFalse();
    assertThat(IncidentLogReports.markdown(over))
        .contains("1250 s (20 min 50 s) against a target of 900 s (15 min): **missed**");
  }

  @Test
  void shouldComputeTheRtoFromImpactStartToResolutionWhenTheResolutionCarriesNoMeasuredValue() {
    // given resolutions without a measured RTO: impact started 10:30:00
    List<Object> log = RecordedIncidents.tableCorruption("INC-1");
    IncidentReport atTarget =
        IncidentLogReports.render(RecordedIncidents.resolvedAt(log, "10:45:00", null));
    IncidentReport oneSecondLate =
        IncidentLogReports.render(RecordedIncidents.resolvedAt(log, "10:45:01", null));

    // then the RTO is resolution minus impact start, and the 900 s target is met up to and
    // including 900 s
    assertThat(atTarget.impact().rtoSeconds()).isEqualTo(900L);
    assertThat(atTarget.impact().rtoMet()).isTrue();
    assertThat(oneSecondLate.impact().rtoSeconds()).isEqualTo(901L);
    assertThat(oneSecondLate.impact().rtoMet()).isFalse();
    assertThat(oneSecondLate.observations()).contains("RTO target missed by 1 s (901 s of 900 s).");
    assertThat(IncidentLogReports.markdown(oneSecondLate))
        .contains(
            "- **Recovery time (RTO)**: 901 s (15 min 1 s) against a target of 900 s (15 min): **missed**");
  }

  @Test
  void shouldPreferTheMeasuredRtoOverTheTimesOfTheLog() {
    // the orchestrator measures RTO from the real impact start; the report only falls back to the
    // log's times
    List<Object> log =
        RecordedIncidents.resolvedAt(RecordedIncidents.tableCorruption("INC-1"), "10:45:00", 1000L);

    assertThat(IncidentLogReports.render(log).impact().rtoSeconds()).isEqualTo(1000L);
  }

  @Test
  void shouldJudgeTheRtoAgainstTheTargetTheResolutionCarries() {
    // given the orchestrator resolved the incident with a one-hour target
    List<Object> log =
        RecordedIncidents.tableCorruption("INC-1").stream()
            .map(
                e ->
                    e instanceof IncidentResolved r
                        ? IncidentResolved.newBuilder(r).setRtoTargetSeconds(3600L).build()
                        : e)
            .toList();

    // when
    IncidentReport report = IncidentLogReports.render(log);

    // then 1330 s is within it
    assertThat(report.impact().rtoTargetSeconds()).isEqualTo(3600L);
    assertThat(report.impact().rtoMet()).isTrue();
    assertThat(report.observations()).contains("RTO target met: 1330 s of 3600 s.");
  }

  @Test
  void shouldJudgeTheRtoAgainstTheSeveritysTargetWhenTheResolutionCarriesNone() {
    // given the P2 incident is never upgraded to P1 and its resolution predates carrying a target
    List<Object> log =
        RecordedIncidents.tableCorruption("INC-1").stream()
            .filter(e -> !(e instanceof IncidentSeverityUpgraded))
            .toList();

    // when
    IncidentReport report = IncidentLogReports.render(log);

    // then P2's RTO of one hour
    assertThat(report.summary().severity()).isEqualTo("P2");
    assertThat(report.impact().rtoTargetSeconds()).isEqualTo(3600L);
    assertThat(report.impact().rtoMet()).isTrue();
  }

  @Test
  void shouldShowWhereTheRecoveryEndedWhenItFailed() {
    // given the restore failed for good and the recovery was resolved as FAILED
    List<Object> log =
        new ArrayList<>(
            RecordedIncidents.tableCorruption("INC-1").stream()
                .map(
                    e ->
                        e instanceof IncidentResolved r
                            ? IncidentResolved.newBuilder(r).setOutcome("FAILED").build()
                            : e instanceof IncidentClosed c
                                ? IncidentClosed.newBuilder(c)
                                    .setReason(
                                        "recovery failed: step restore-pitr failed: RestoreFailed: table in use")
                                    .build()
                                : e)
                .toList());
    IndexedRecord retried =
        (IndexedRecord) log.stream().filter(e -> e instanceof StepFailed).findFirst().orElseThrow();
    StepFailed first = (StepFailed) retried;
    log.add(
        log.indexOf(retried) + 1,
        StepFailed.newBuilder(first)
            .setWillRetry(false)
            .setOnFailure("abort")
            .setMetadata(
                io.drautopilot.contracts.common.EventMetadata.newBuilder(first.getMetadata())
                    .setEventId(first.getMetadata().getEventId() + "-final")
                    .build())
            .setFailure(
                CommandFailure.newBuilder()
                    .setCode("RestoreFailed")
                    .setMessage("table in use")
                    .setRetryable(false)
                    .build())
            .build());

    // when
    IncidentReport report = IncidentLogReports.render(log);

    // then the resolution names the step and the reason, not only the word
    assertThat(report.summary().outcome()).isEqualTo("FAILED");
    assertThat(report.timeline().resolution().description())
        .startsWith(
            "Recovery FAILED at step restore-pitr (RestoreTableToPointInTime): RestoreFailed table in use")
        .contains("closed by John Doe: recovery failed: step restore-pitr failed");
    assertThat(IncidentLogReports.markdown(report))
        .contains("Recovery FAILED at step restore-pitr");
  }

  @Test
  void shouldShowTheEscalationsCauseStepAndFailureFromItsFields() {
    // given a failed recovery's page, its reason worded differently from its fields
    List<Object> log = new ArrayList<>(RecordedIncidents.tableCorruption("INC-1"));
    EscalationRaised recorded =
        (EscalationRaised)
            log.stream().filter(e -> e instanceof EscalationRaised).findFirst().orElseThrow();
    log.set(
        log.indexOf(recorded),
        EscalationRaised.newBuilder(recorded)
            .setReason("recovery failed, paged")
            .setCause(EscalationCause.RECOVERY_FAILED)
            .setFailedStepId("restore-pitr")
            .setFailure("RestoreFailed: table in use")
            .build());

    // when
    IncidentReport report = IncidentLogReports.render(log);

    // then
    assertThat(report.escalations().get(0).why())
        .isEqualTo(
            new EscalationReason(
                EscalationReason.Kind.RECOVERY_FAILED,
                "restore-pitr",
                "RestoreFailed: table in use"));
    assertThat(IncidentLogReports.markdown(report))
        .contains(
            "| Database Team Lead | recovery failed at step restore-pitr: RestoreFailed: table in use"
                + " | recovery failed, paged |");
  }

  @Test
  void shouldShowAnEscalationRecordedWithoutACauseByItsReasonAlone() throws IOException {
    // given the recorded log, its EscalationRaised as written before the cause (v2)
    List<Object> log = new ArrayList<>(RecordedIncidents.tableCorruption("INC-1"));
    EscalationRaised recorded =
        (EscalationRaised)
            log.stream().filter(e -> e instanceof EscalationRaised).findFirst().orElseThrow();
    log.set(log.indexOf(recorded), writtenWithVersion2(recorded));

    // when
    IncidentReport report = IncidentLogReports.render(log);

    // then nothing is read into its words
    assertThat(report.escalations()).singleElement().satisfies(e -> assertThat(e.why()).isNull());
    assertThat(IncidentLogReports.markdown(report))
        .contains("| Database Team Lead | — | not acknowledged within 15 minutes |");
  }

  /** The record as a producer on EscalationRaised v2 wrote it, read back as today's class. */
  static EscalationRaised writtenWithVersion2(EscalationRaised current) throws IOException {
    Schema v2;
    try (InputStream in =
        IncidentLogReportsTest.class.getResourceAsStream(
            "/META-INF/dr-autopilot/schema-history/"
                + "io.drautopilot.contracts.timeline.EscalationRaised/v2.avsc")) {
      v2 = new Schema.Parser().parse(in);
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<EscalationRaised>(EscalationRaised.class).write(current, encoder);
    encoder.flush();
    GenericRecord old =
        new GenericDatumReader<GenericRecord>(
                EscalationRaised.getClassSchema(), v2, EventCodec.GENERIC)
            .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    byte[] payload = EventCodec.shared().encode(old);
    assertThat(EventCodec.fingerprintOf(payload))
        .isEqualTo(SchemaNormalization.parsingFingerprint64(v2));
    return EventCodec.shared().decode(payload, EscalationRaised.class);
  }

  @Test
  void shouldReportTheDrDrillRecoveryTimeAgainst900Seconds() {
    // given drills that started at 14:00:00 and carry no measured RTO: the report works it out
    IncidentReport met =
        IncidentLogReports.render(RecordedIncidents.drDrill("DR-1", "14:12:30", null));
    IncidentReport missed =
        IncidentLogReports.render(
            RecordedIncidents.drDrill("DR-2", "14:16:00", null), ReportTargets.RUNBOOK);

    assertThat(met.kind()).isEqualTo(IncidentReport.Kind.DR_DRILL);
    assertThat(met.maintenance().measuredSeconds()).isEqualTo(750L);
    assertThat(missed.maintenance().measuredSeconds()).isEqualTo(960L);
    assertThat(met.maintenance().targetSeconds()).isEqualTo(900L);
    assertThat(met.maintenance().detail()).isEqualTo("RTO target met");
    assertThat(missed.maintenance().targetMet()).isFalse();
    assertThat(missed.maintenance().detail()).isEqualTo("RTO target exceeded - review procedures");
    assertThat(IncidentLogReports.markdown(missed))
        .startsWith("# Quarterly Disaster Recovery Drill Report");
  }

  @Test
  void shouldNameTheFirstRestoreOrContainmentActionAsMitigationNotTheFirstNotification() {
    // given a runbook's action names: a notification, a look-up of the restore point, then the
    // circuit breaker
    List<Object> log =
        RecordedIncidents.tableCorruption("INC-1").stream()
            .map(
                e -> {
                  if (e instanceof StepStarted s) {
                    return StepStarted.newBuilder(s)
                        .setAction(runbookAction(s.getAction()))
                        .build();
                  }
                  if (e instanceof StepSucceeded s) {
                    return StepSucceeded.newBuilder(s)
                        .setAction(runbookAction(s.getAction()))
                        .build();
                  }
                  return e;
                })
            .toList();

    IncidentReport report = IncidentLogReports.render(log);

    assertThat(report.actions().get(0).action()).isEqualTo("notifier.notifyContacts");
    assertThat(report.timeline().mitigation().description())
        .startsWith("restore.setCircuitBreaker succeeded");
    assertThat(report.timeline().mitigation().at()).isEqualTo(RecordedIncidents.at("10:31:34"));
  }

  static String runbookAction(String action) {
    return switch (action) {
      case "NotifyContacts" -> "notifier.notifyContacts";
      case "SetCircuitBreaker" -> "restore.setCircuitBreaker";
      case "RestoreTableToPointInTime" -> "restore.restoreTableToPointInTime";
      case "ValidateTable" -> "validation.validateTable";
      default -> "restore." + Character.toLowerCase(action.charAt(0)) + action.substring(1);
    };
  }

  @Test
  void shouldListEachEventOnceWhenAResultWasPublishedAgain() {
    // a redelivered command gets its recorded result again, with the same event id
    List<Object> log = new ArrayList<>(RecordedIncidents.tableCorruption("INC-1"));
    log.add(
        log.stream().filter(e -> e instanceof SetCircuitBreakerResult).findFirst().orElseThrow());

    IncidentReport report = IncidentLogReports.render(log);

    assertThat(report.log()).hasSize(RecordedIncidents.tableCorruption("INC-1").size());
    assertThat(report.log())
        .filteredOn(e -> e.what().startsWith("SetCircuitBreakerResult"))
        .hasSize(1);
  }

  @Test
  void shouldSplitAMixedLogIntoOneReportPerIncident() {
    List<Object> mixed = new ArrayList<>(RecordedIncidents.tableCorruption("INC-A"));
    mixed.addAll(RecordedIncidents.drDrill("DR-B", "14:10:00", 600L));

    assertThat(IncidentLogReports.renderAll(mixed, ReportTargets.RUNBOOK))
        .containsOnlyKeys("INC-A", "DR-B");
  }

  static String resource(String name) throws IOException {
    try (InputStream in = IncidentLogReportsTest.class.getClassLoader().getResourceAsStream(name)) {
      return in == null
          ? "(missing " + name + ")"
          : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
