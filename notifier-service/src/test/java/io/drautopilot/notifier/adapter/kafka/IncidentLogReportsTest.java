package io.drautopilot.notifier.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.notifier.domain.report.IncidentReport;
import io.drautopilot.notifier.domain.report.ReportTargets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Random;
import org.apache.avro.generic.IndexedRecord;
import org.junit.jupiter.api.Test;

class IncidentLogReportsTest {

  static final String GOLDEN = "golden/table-corruption-report.md";

  @Test
  void shouldRenderTheGoldenReportFromARecordedEventSequence() throws IOException {
    // given the recorded log of a table-corruption incident
    List<Object> log = RecordedIncidents.tableCorruption("INC-2024-0115");

    // when the report is rendered from it alone
    String markdown = IncidentLogReports.markdown(IncidentLogReports.render(log));

    // then it is exactly the reviewed report (set -Dgolden.update=true to rewrite it after a deliberate change)
    if (Boolean.getBoolean("golden.update")) {
      Path file = Path.of("src/test/resources", GOLDEN);
      Files.createDirectories(file.getParent());
      Files.writeString(file, markdown);
    }
    assertThat(markdown).isEqualTo(resource(GOLDEN));
  }

  @Test
  void shouldRenderTheSameReportFromEncodedRecordsInAnyArrivalOrder() {
    // given the same log as Kafka stores it, read from its four topics in another interleaving
    // (each topic keeps its own order: one incident is one partition)
    List<Object> log = RecordedIncidents.tableCorruption("INC-2024-0115");
    Map<String, List<Object>> byTopic = log.stream().collect(Collectors.groupingBy(r -> {
      String name = r.getClass().getSimpleName();
      return name.endsWith("Command") ? "commands" : name.endsWith("Result") ? "results"
          : name.equals("NotificationAttempted") ? "deliveries" : "timeline";
    }, LinkedHashMap::new, Collectors.toList()));
    List<byte[]> encoded = new ArrayList<>();
    Random random = new Random(7);
    List<List<Object>> queues = new ArrayList<>(byTopic.values().stream().map(l -> (List<Object>) new ArrayList<>(l)).toList());
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
    IncidentReport report = IncidentLogReports.render(RecordedIncidents.tableCorruption("INC-1"));

    assertThat(report.impact().rtoSeconds()).isEqualTo(1330L);
    assertThat(report.impact().rtoMet()).isFalse();
    assertThat(report.impact().rpoSeconds()).isEqualTo(180L);
    assertThat(report.impact().rpoMet()).isTrue();
    assertThat(report.impact().dataLossFrom()).isEqualTo(RecordedIncidents.at("10:27:00"));
    assertThat(report.summary().severity()).isEqualTo("P1");
    assertThat(report.approvals()).extracting(IncidentReport.Approval::who).containsExactly("2 × Database Admin",
        "Jane Smith", "John Doe");
    assertThat(report.actions()).extracting(IncidentReport.Action::action).containsExactly("NotifyContacts",
        "SetCircuitBreaker", "RestoreTableToPointInTime", "ValidateTable", "CutOverTable");
    assertThat(report.actions().get(2).attempts()).isEqualTo(2);
    assertThat(report.timeline().mitigation().description()).startsWith("SetCircuitBreaker succeeded");
  }

  @Test
  void shouldWriteHtmlWithTheSameContentEscaped() {
    IncidentReport report = IncidentLogReports.render(RecordedIncidents.tableCorruption("INC-<1>"));

    String html = IncidentLogReports.html(report);

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<h1>Incident Post-Mortem Report</h1>")
        .contains("INC-&lt;1&gt;").doesNotContain("INC-<1>").contains("<pre class=\"mermaid\">\ngantt")
        .contains("<td>RestoreTableToPointInTime</td>").contains("<input type=\"checkbox\" disabled> Training needs");
  }

  @Test
  void shouldReportTheBackupVerificationRestoreTimeAgainstItsTarget() {
    IncidentReport within = IncidentLogReports.render(RecordedIncidents.backupVerification("BV-1", 612_000, true));
    IncidentReport over = IncidentLogReports.render(RecordedIncidents.backupVerification("BV-2", 1_250_000, false));

    assertThat(within.kind()).isEqualTo(IncidentReport.Kind.BACKUP_VERIFICATION);
    assertThat(within.maintenance().measuredSeconds()).isEqualTo(612L);
    assertThat(within.maintenance().targetMet()).isTrue();
    assertThat(within.maintenance().passed()).isTrue();
    assertThat(IncidentLogReports.markdown(within)).startsWith("# Monthly Backup Verification Report")
        .contains("- **Restore time of the test restore**: 612 s (10 min 12 s) against a target of 900 s (15 min): met");
    assertThat(over.maintenance().targetMet()).isFalse();
    assertThat(over.maintenance().passed()).isFalse();
    assertThat(IncidentLogReports.markdown(over)).contains("1250 s (20 min 50 s) against a target of 900 s (15 min): **missed**");
  }

  @Test
  void shouldReportTheDrDrillRecoveryTimeAgainst900Seconds() {
    IncidentReport met = IncidentLogReports.render(RecordedIncidents.drDrill("DR-1", "14:12:30", 750));
    IncidentReport missed = IncidentLogReports.render(RecordedIncidents.drDrill("DR-2", "14:16:00", 960),
        ReportTargets.RUNBOOK);

    assertThat(met.kind()).isEqualTo(IncidentReport.Kind.DR_DRILL);
    assertThat(met.maintenance().measuredSeconds()).isEqualTo(750L);
    assertThat(met.maintenance().targetSeconds()).isEqualTo(900L);
    assertThat(met.maintenance().detail()).isEqualTo("RTO target met");
    assertThat(missed.maintenance().targetMet()).isFalse();
    assertThat(missed.maintenance().detail()).isEqualTo("RTO target exceeded - review procedures");
    assertThat(IncidentLogReports.markdown(missed)).startsWith("# Quarterly Disaster Recovery Drill Report");
  }

  @Test
  void shouldSplitAMixedLogIntoOneReportPerIncident() {
    List<Object> mixed = new ArrayList<>(RecordedIncidents.tableCorruption("INC-A"));
    mixed.addAll(RecordedIncidents.drDrill("DR-B", "14:10:00", 600));

    assertThat(IncidentLogReports.renderAll(mixed, ReportTargets.RUNBOOK)).containsOnlyKeys("INC-A", "DR-B");
  }

  static String resource(String name) throws IOException {
    try (InputStream in = IncidentLogReportsTest.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? "(missing " + name + ")" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
