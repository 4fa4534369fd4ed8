package io.drautopilot.notifier.domain.report;

import static io.drautopilot.notifier.domain.report.TimelineRecords.incidentOpened;
import static io.drautopilot.notifier.domain.report.TimelineRecords.metadata;
import static io.drautopilot.notifier.domain.report.TimelineRecords.stepStarted;
import static io.drautopilot.notifier.domain.report.TimelineRecords.stepSucceeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.RecoveryPathCandidate;
import io.drautopilot.contracts.restore.RecoveryPathChosen;
import io.drautopilot.contracts.restore.RestorePointKind;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.notifier.domain.report.IncidentReport.RecoveryPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's Recovery Path section: what the choose-recovery-path steps chose, why, and every path they weighed. */
class RecoveryPathReportTest {

  static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
  static final String INC = "INC-1";

  static final RecoveryPathChosen SNAPSHOT_IMPORT =
      chosen(
          "snapshot import",
          "LOGICAL_SNAPSHOT",
          T0.minusSeconds(120),
          "forecast 1 min by snapshot import, 60 min by AWS Backup restore: chose snapshot import "
              + "(forecasts of readiness assessment ra-7)",
          true,
          300,
          120,
          45,
          60,
          "history (3 runs)",
          List.of(
              candidate(
                  "PITR",
                  "PITR",
                  false,
                  null,
                  null,
                  false,
                  1200,
                  1800,
                  "no history: AWS floor",
                  List.of("PITR is not enabled on the table")),
              candidate(
                  "AWS Backup restore",
                  "AWS_BACKUP",
                  true,
                  T0.minusSeconds(240),
                  240L,
                  true,
                  2400,
                  3600,
                  "no history: AWS floor",
                  List.of()),
              candidate(
                  "snapshot import",
                  "LOGICAL_SNAPSHOT",
                  true,
                  T0.minusSeconds(120),
                  120L,
                  true,
                  45,
                  60,
                  "history (3 runs)",
                  List.of())));

  @Test
  void shouldShowTheChosenPathAndTheForecastItWasChosenOn() {
    // given a runbook whose find-restore-point step chose a snapshot import for the entities table
    List<Object> log = new ArrayList<>(List.of(opened()));
    log.addAll(choice("find-restore-point", "entities", 10, SNAPSHOT_IMPORT));

    // when
    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);
    String md = MarkdownReportWriter.write(report);

    // then the choice is read from the result, with the table its command named
    assertThat(report.recoveryPaths())
        .containsExactly(new RecoveryPath("find-restore-point", "entities", SNAPSHOT_IMPORT));
    // and the report shows the choice, why, and every path weighed with its forecast
    assertThat(md)
        .contains(
            "## Recovery Path\n### `entities`\n\n"
                + "- **Chosen**: snapshot import — forecast 1 min by snapshot import, 60 min by AWS Backup restore: chose snapshot "
                + "import (forecasts of readiness assessment ra-7)\n"
                + "- **Restore point**: 2026-01-15 09:58:00 UTC (LOGICAL_SNAPSHOT), data loss 2 min within the RPO target of 5 min\n"
                + "- **Forecast**: 45 s median, 1 min nine runs in ten (history (3 runs))\n\n"
                + "| Path | Restore point | Data loss | Forecast P50 / P90 | Basis | Notes |\n|---|---|---|---|---|---|\n"
                + "| PITR | none found | — | 20 min / 30 min | no history: AWS floor | PITR is not enabled on the table |\n"
                + "| AWS Backup restore | 2026-01-15 09:56:00 UTC | 4 min | 40 min / 1 h | no history: AWS floor | — |\n"
                + "| **snapshot import** (chosen) | 2026-01-15 09:58:00 UTC | 2 min | 45 s / 1 min | history (3 runs) | — |\n\n");
    // before the steps that acted on it
    assertThat(md.indexOf("## Recovery Path")).isLessThan(md.indexOf("## Actions Taken"));
  }

  @Test
  void shouldShowOneChoicePerTableWhenEachTableHasItsOwnStep() {
    // given a runbook that chose for two tables, one per step
    RecoveryPathChosen pitr =
        chosen(
            "PITR",
            "PITR",
            T0.minusSeconds(60),
            "forecast 5 min by PITR: chose PITR",
            true,
            300,
            60,
            200,
            300,
            "history (5 runs)",
            List.of(
                candidate(
                    "PITR",
                    "PITR",
                    true,
                    T0.minusSeconds(60),
                    60L,
                    true,
                    200,
                    300,
                    "history (5 runs)",
                    List.of())));
    List<Object> log = new ArrayList<>(List.of(opened()));
    log.addAll(choice("find-restore-point-entities", "entities", 10, SNAPSHOT_IMPORT));
    log.addAll(choice("find-restore-point-events", "events", 20, pitr));

    // when
    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);
    String md = MarkdownReportWriter.write(report);

    // then
    assertThat(report.recoveryPaths())
        .extracting(RecoveryPath::tableName)
        .containsExactly("entities", "events");
    assertThat(md)
        .contains(
            "### `entities`\n\n- **Chosen**: snapshot import — forecast 1 min by snapshot import",
            "### `events`\n\n- **Chosen**: PITR — forecast 5 min by PITR: chose PITR\n");
    assertThat(md.split("\\| Path \\| Restore point \\|", -1)).hasSize(3);
  }

  @Test
  void shouldSaySoWhenNoPathWasWithinTheRpoTarget() {
    // given only an old backup: the least data loss was chosen, beyond the RPO target
    RecoveryPathChosen backup =
        chosen(
            "AWS Backup restore",
            "AWS_BACKUP",
            T0.minusSeconds(3600),
            "no path within the RPO target: chose the least data loss, AWS Backup restore",
            false,
            300,
            3600,
            2400,
            3600,
            "no history: AWS floor",
            List.of(
                candidate(
                    "AWS Backup restore",
                    "AWS_BACKUP",
                    true,
                    T0.minusSeconds(3600),
                    3600L,
                    false,
                    2400,
                    3600,
                    "no history: AWS floor",
                    List.of("loses 1 h of writes, beyond the RPO target of 5 min"))));
    List<Object> log = new ArrayList<>(List.of(opened()));
    log.addAll(choice("find-restore-point", "entities", 10, backup));

    // when
    String md = MarkdownReportWriter.write(IncidentReports.render(log, ReportTargets.RUNBOOK));

    // then
    assertThat(md)
        .contains(
            "- **Restore point**: 2026-01-15 09:00:00 UTC (AWS_BACKUP), data loss 1 h **beyond** the RPO "
                + "target of 5 min (no path was within it: the least data loss was chosen)\n",
            "| **AWS Backup restore** (chosen) | 2026-01-15 09:00:00 UTC | 1 h (beyond RPO) | 40 min / 1 h | no history: AWS "
                + "floor | loses 1 h of writes, beyond the RPO target of 5 min |\n");
  }

  @Test
  void shouldLeaveTheSectionOutWhenTheRunbookChoseNoPath() {
    // given a runbook that found its restore point without weighing paths
    List<Object> log =
        List.of(
            opened(),
            stepStarted(
                meta("s", at(10), "find-restore-point"),
                "restore.findRestorePoint",
                "cmd",
                Map.of()),
            new CommandIssued(
                meta("cmd", at(10), "find-restore-point"),
                "FindRestorePointCommand",
                Map.of("tableName", "entities")),
            new CommandCompleted(
                meta("res", at(12), "find-restore-point"),
                "FindRestorePointResult",
                true,
                "RestorePointFound",
                Map.of("kind", "PITR", "restorePointTime", "2026-01-15T09:59:00Z")));

    // when
    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    // then
    assertThat(report.recoveryPaths()).isEmpty();
    assertThat(MarkdownReportWriter.write(report)).doesNotContain("## Recovery Path");
  }

  @Test
  void shouldRenderTheWeighedPathsAsAnHtmlTable() {
    List<Object> log = new ArrayList<>(List.of(opened()));
    log.addAll(choice("find-restore-point", "entities", 10, SNAPSHOT_IMPORT));

    String html = HtmlReportWriter.write(IncidentReports.render(log, ReportTargets.RUNBOOK), "");

    assertThat(html)
        .contains(
            "<h2>Recovery Path</h2>\n<h3><code>entities</code></h3>\n",
            "<tr><td><strong>snapshot import</strong> (chosen)</td><td>2026-01-15 09:58:00 UTC</td><td>2 min</td>"
                + "<td>45 s / 1 min</td><td>history (3 runs)</td><td>—</td></tr>");
  }

  /** The step as the orchestrator and restore-service record it: started, its command, the result, succeeded. */
  private static List<Object> choice(
      String step, String table, int second, RecoveryPathChosen chosen) {
    return List.of(
        stepStarted(
            meta(step + "-started", at(second), step),
            "restore.chooseRecoveryPath",
            step + "-cmd",
            Map.of()),
        new CommandIssued(
            meta(step + "-cmd", at(second), step),
            "ChooseRecoveryPathCommand",
            Map.of("tableName", table, "region", "us-east-1")),
        new CommandCompleted(
            meta(step + "-result", at(second + 2), step),
            "ChooseRecoveryPathResult",
            true,
            "RecoveryPathChosen",
            Map.of(
                "kind",
                chosen.getKind().name(),
                "path",
                chosen.getPath(),
                "reason",
                chosen.getReason()),
            chosen),
        stepSucceeded(
            meta(step + "-succeeded", at(second + 2), step),
            "restore.chooseRecoveryPath",
            Map.of("kind", chosen.getKind().name()),
            2000));
  }

  private static IncidentOpened opened() {
    return incidentOpened(
        meta("opened", T0, null),
        "P1",
        "TABLE_CORRUPTION",
        "us-east-1",
        List.of("entities"),
        List.of(),
        T0,
        T0);
  }

  private static RecoveryPathChosen chosen(
      String path,
      String kind,
      Instant restorePointTime,
      String reason,
      boolean meetsRpo,
      long rpoTargetSeconds,
      long dataLossSeconds,
      long forecastP50Seconds,
      long forecastP90Seconds,
      String forecastBasis,
      List<RecoveryPathCandidate> candidates) {
    return RecoveryPathChosen.newBuilder()
        .setPath(path)
        .setKind(RestorePointKind.valueOf(kind))
        .setRestorePointTime(restorePointTime)
        .setReason(reason)
        .setMeetsRpo(meetsRpo)
        .setRpoTargetSeconds(rpoTargetSeconds)
        .setDataLossSeconds(dataLossSeconds)
        .setForecastP50Seconds(forecastP50Seconds)
        .setForecastP90Seconds(forecastP90Seconds)
        .setForecastBasis(forecastBasis)
        .setCandidates(candidates)
        .build();
  }

  private static RecoveryPathCandidate candidate(
      String path,
      String kind,
      boolean available,
      Instant restorePointTime,
      Long dataLossSeconds,
      boolean meetsRpo,
      long forecastP50Seconds,
      long forecastP90Seconds,
      String forecastBasis,
      List<String> notes) {
    return RecoveryPathCandidate.newBuilder()
        .setPath(path)
        .setKind(RestorePointKind.valueOf(kind))
        .setAvailable(available)
        .setRestorePointTime(restorePointTime)
        .setDataLossSeconds(dataLossSeconds)
        .setMeetsRpo(meetsRpo)
        .setForecastP50Seconds(forecastP50Seconds)
        .setForecastP90Seconds(forecastP90Seconds)
        .setForecastBasis(forecastBasis)
        .setRuns(0)
        .setNotes(notes)
        .build();
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private static EventMetadata meta(String eventId, Instant at, String stepId) {
    return metadata(INC, eventId, null, at, stepId);
  }
}
