package io.drautopilot.notifier.domain.report;

import static io.drautopilot.notifier.domain.report.TimelineRecords.approvalRejected;
import static io.drautopilot.notifier.domain.report.TimelineRecords.evidence;
import static io.drautopilot.notifier.domain.report.TimelineRecords.incidentClosed;
import static io.drautopilot.notifier.domain.report.TimelineRecords.incidentOpened;
import static io.drautopilot.notifier.domain.report.TimelineRecords.incidentResolved;
import static io.drautopilot.notifier.domain.report.TimelineRecords.incidentSignalJoined;
import static io.drautopilot.notifier.domain.report.TimelineRecords.metadata;
import static io.drautopilot.notifier.domain.report.TimelineRecords.notificationAttempted;
import static io.drautopilot.notifier.domain.report.TimelineRecords.stepFailed;
import static io.drautopilot.notifier.domain.report.TimelineRecords.stepSkipped;
import static io.drautopilot.notifier.domain.report.TimelineRecords.stepStarted;
import static io.drautopilot.notifier.domain.report.TimelineRecords.stepSucceeded;
import static io.drautopilot.notifier.domain.report.TimelineRecords.stepTimedOut;
import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.notifier.domain.report.IncidentReport.Action;
import io.drautopilot.notifier.domain.report.IncidentReport.Kind;
import io.drautopilot.notifier.domain.report.IncidentReport.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The report's arithmetic and reading of the log, event by event, for the cases the recorded
 * incidents of {@code IncidentLogReportsTest} do not reach: logs without a timeline, maintenance
 * runs, closing without a resolution, steps that never started.
 */
class IncidentReportsTest {

  static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
  static final String INC = "INC-1";

  // --- what the report is about

  @Test
  void shouldTakeTheScenarioFromTheCommandsWhenTheLogHasNoIncidentOpened() {
    // given a backup verification whose log holds only its command and result
    List<Object> log =
        List.of(
            new CommandIssued(
                meta("cmd-1", at(0), null),
                "VerifyBackupCommand",
                Map.of("scenario", "BACKUP_VERIFICATION")),
            new CommandCompleted(
                caused("res-1", at(60), "cmd-1"),
                "VerifyBackupResult",
                true,
                "BackupVerified",
                Map.of("restoreDurationMillis", "60000")));

    // when
    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    // then it is reported as that kind, and the chain was not checked
    assertThat(report.kind()).isEqualTo(Kind.BACKUP_VERIFICATION);
    assertThat(report.summary().scenario()).isEqualTo("BACKUP_VERIFICATION");
    assertThat(report.audit()).isEqualTo(IncidentReport.Audit.NOT_CHECKED);
    assertThat(report.timeline().detection().description())
        .isEqualTo("No IncidentOpened in the log");
  }

  @Test
  void shouldBeAnIncidentWhenNoCommandNamesAScenario() {
    List<Object> log =
        List.of(
            new CommandIssued(
                meta("cmd-1", at(0), null), "SetCircuitBreakerCommand", Map.of("state", "OPEN")));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.kind()).isEqualTo(Kind.INCIDENT);
    assertThat(report.summary().scenario()).isNull();
  }

  // --- closing without a resolution

  @Test
  void shouldEndAnIncidentClosedWithoutAResolutionAtItsClosing() {
    // given an incident closed by a person, never resolved by the runbook
    List<Object> log =
        List.of(
            opened(at(0)), incidentClosed(meta("closed", at(600), null), "jane", "false alarm"));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.summary().resolved()).isTrue();
    assertThat(report.summary().outcome()).isEqualTo("CLOSED");
    assertThat(report.summary().duration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(report.timeline().resolution().at()).isEqualTo(at(600));
    assertThat(report.timeline().resolution().description())
        .isEqualTo("Closed by jane: false alarm");
    assertThat(report.summary().rootCause()).endsWith("closing note: false alarm");
    // no resolution: nothing was measured
    assertThat(report.impact().rtoSeconds()).isNull();
    assertThat(report.impact().rtoMet()).isNull();
  }

  @Test
  void shouldLeaveABlankClosingNoteOutOfTheRootCause() {
    List<Object> log =
        List.of(opened(at(0)), incidentClosed(meta("closed", at(600), null), "jane", " "));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.summary().rootCause()).doesNotContain("closing note");
  }

  @Test
  void shouldBeOpenUntilTheLastEventWhileNeitherResolvedNorClosed() {
    List<Object> log =
        List.of(
            opened(at(0)),
            stepStarted(
                meta("s1", at(90), "breaker"), "restore.setCircuitBreaker", "cmd-1", Map.of()));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.summary().resolved()).isFalse();
    assertThat(report.summary().outcome()).isEqualTo("OPEN");
    assertThat(report.summary().duration()).isEqualTo(Duration.ofSeconds(90));
    assertThat(report.actions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo("RUNNING");
              assertThat(a.duration()).isNull();
            });
  }

  @Test
  void shouldTakeTheLastResolutionWhenTheLogHoldsTwo() {
    List<Object> log =
        List.of(
            opened(at(0)),
            incidentResolved(
                meta("r1", at(300), null), "RECOVERED_WITH_FAILURES", at(300), 300L, null),
            incidentResolved(meta("r2", at(400), null), "RECOVERED", at(400), 400L, null));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.summary().outcome()).isEqualTo("RECOVERED");
    assertThat(report.impact().rtoSeconds()).isEqualTo(400L);
  }

  // --- where a failed recovery ended

  @Test
  void shouldNameTheLastStepThatFailedForGoodWhenTheRecoveryFailed() {
    List<Object> log =
        List.of(
            opened(at(0)),
            stepFailed(
                meta("f1", at(100), "restore"),
                "restore.restoreTable",
                "Throttled",
                "slow down",
                true,
                "abort"),
            stepFailed(
                meta("f2", at(200), "restore"),
                "restore.restoreTable",
                "LimitExceeded",
                "too many",
                false,
                "abort"),
            stepFailed(
                meta("f3", at(300), "validate"),
                "validation.validateTable",
                "NEGATIVE_VERDICT",
                "",
                false,
                "abort"),
            incidentResolved(meta("r", at(400), null), "FAILED", at(400), 400L, null));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.timeline().resolution().description())
        .isEqualTo("Recovery FAILED at step validate (validation.validateTable): NEGATIVE_VERDICT");
  }

  // --- measurements against the targets

  @Test
  void shouldMeetTheRpoTargetWhenTheDataAtRiskIsExactlyTheTarget() {
    List<Object> log =
        List.of(
            opened(at(0)),
            incidentResolved(meta("r", at(900), null), "RECOVERED", at(900), 900L, 300L));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.impact().rpoMet()).isTrue();
    assertThat(report.impact().rtoMet()).isTrue();
    assertThat(report.observations())
        .contains("RTO target met: 900 s of 900 s.")
        .noneMatch(o -> o.startsWith("RPO target missed"));
  }

  // --- the actions: steps that never started, commands without a timeline

  @Test
  void shouldReportASkippedStepByItsActionWithItsReasonAndNoDuration() {
    List<Object> log =
        List.of(
            opened(at(0)),
            stepSkipped(
                meta("sk", at(30), "breaker"),
                "restore.setCircuitBreaker",
                "condition not met: x"));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.actions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.action()).isEqualTo("restore.setCircuitBreaker");
              assertThat(a.outcome()).isEqualTo("SKIPPED");
              assertThat(a.detail()).isEqualTo("condition not met: x");
              assertThat(a.startedAt()).isNull();
              assertThat(a.endedAt()).isEqualTo(at(30));
              assertThat(a.duration()).isNull();
              assertThat(a.attempts()).isEqualTo(1);
              assertThat(a.raw())
                  .containsExactly("StepSkipped restore.setCircuitBreaker: condition not met: x");
            });
    assertThat(report.observations()).noneMatch(o -> o.contains("setCircuitBreaker"));
    assertThat(log(report)).contains("StepSkipped restore.setCircuitBreaker: condition not met: x");
  }

  @Test
  void shouldReportAGateThatRefusedItsStepByTheStepsAction() {
    // given an approval that was not granted: the step failed without ever starting
    List<Object> log =
        List.of(
            opened(at(0)),
            approvalRejected(meta("rej", at(20), "cutover"), "bob", "Database Admin", "not now"),
            stepFailed(
                meta("f", at(20), "cutover"),
                "restore.cutOverTable",
                "APPROVAL_NOT_GRANTED",
                "rejected",
                false,
                "abort"));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.actions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.action()).isEqualTo("restore.cutOverTable");
              assertThat(a.outcome()).isEqualTo("FAILED");
              assertThat(a.detail()).isEqualTo("APPROVAL_NOT_GRANTED: rejected (policy: abort)");
            });
    assertThat(report.approvals())
        .singleElement()
        .satisfies(
            ap -> {
              assertThat(ap.action()).isEqualTo("restore.cutOverTable");
              assertThat(ap.decision()).isEqualTo("REJECTED");
            });
    assertThat(report.observations())
        .contains(
            "Step restore.cutOverTable ended FAILED: APPROVAL_NOT_GRANTED: rejected (policy: abort)");
    assertThat(log(report)).contains("ApprovalRejected by bob (Database Admin): not now");
  }

  @Test
  void shouldReadAStepWhoseStartIsNotInTheLogByItsSuccess() {
    List<Object> log =
        List.of(
            opened(at(0)),
            stepSucceeded(
                meta("ok", at(50), "breaker"),
                "restore.setCircuitBreaker",
                Map.of("tableName", "entities"),
                2000));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.actions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.action()).isEqualTo("restore.setCircuitBreaker");
              assertThat(a.duration()).isEqualTo(Duration.ofSeconds(2));
              assertThat(a.detail()).isEqualTo("table `entities`");
            });
  }

  @Test
  void shouldReportATimedOutStepWithItsAttempts() {
    List<Object> log =
        List.of(
            opened(at(0)),
            stepStarted(meta("s1", at(10), "restore"), "restore.restoreTable", "cmd-1", Map.of()),
            stepTimedOut(meta("t1", at(70), "restore"), "restore.restoreTable", 60_000, true),
            stepStarted(meta("s2", at(80), "restore"), "restore.restoreTable", "cmd-2", Map.of()),
            stepTimedOut(meta("t2", at(140), "restore"), "restore.restoreTable", 60_000, false));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.actions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo("TIMED_OUT");
              assertThat(a.attempts()).isEqualTo(2);
              assertThat(a.startedAt()).isEqualTo(at(10));
              assertThat(a.endedAt()).isEqualTo(at(140));
              assertThat(a.duration()).isEqualTo(Duration.ofSeconds(130));
              assertThat(a.detail())
                  .isEqualTo("no result within 1 min (retried); no result within 1 min");
            });
    assertThat(report.observations())
        .contains(
            "Step restore.restoreTable ended TIMED_OUT: "
                + "no result within 1 min (retried); no result within 1 min",
            "Step restore.restoreTable needed 2 attempts.");
    assertThat(log(report))
        .filteredOn(line -> line.startsWith("StepTimedOut"))
        .containsExactly(
            "StepTimedOut restore.restoreTable (will retry)", "StepTimedOut restore.restoreTable");
  }

  @Test
  void shouldReportAStepThatFailedOnAnAnswerOfNoAsFailedThoughItsCommandSucceeded() {
    // given a validation whose handler succeeded with passed=false: the step failed at the same
    // instant
    List<Object> log =
        List.of(
            opened(at(0)),
            stepStarted(
                meta("s1", at(10), "validate"), "validation.validateTable", "cmd-1", Map.of()),
            new CommandIssued(meta("cmd-1", at(10), "validate"), "ValidateTableCommand", Map.of()),
            new CommandCompleted(
                caused("res-1", at(40), "cmd-1", "validate"),
                "ValidateTableResult",
                true,
                "TableValidated",
                Map.of("passed", "false")),
            stepFailed(
                meta("f1", at(40), "validate"),
                "validation.validateTable",
                "NEGATIVE_VERDICT",
                "passed=false",
                false,
                "abort"));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.actions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.outcome()).isEqualTo("FAILED");
              assertThat(a.endedAt()).isEqualTo(at(40));
            });
  }

  @Test
  void shouldReadTheActionsFromTheCommandsAndResultsWhenTheLogHasNoTimeline() {
    // given commands sent without a runbook: no step ids, each result caused by its command
    List<Object> log =
        List.of(
            new CommandIssued(
                meta("cmd-1", at(0), null), "SetCircuitBreakerCommand", Map.of("state", "OPEN")),
            new CommandIssued(
                meta("cmd-2", at(5), null), "RestoreTableToPointInTimeCommand", Map.of()),
            new CommandCompleted(
                caused("res-1", at(20), "cmd-1"),
                "SetCircuitBreakerResult",
                true,
                "CircuitBreakerSet",
                Map.of("tableName", "entities")),
            new CommandCompleted(
                caused("res-2", at(65), "cmd-2"),
                "RestoreTableToPointInTimeResult",
                false,
                "CommandFailure",
                Map.of("code", "LimitExceeded", "message", "too many restores")));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.actions())
        .extracting(Action::action, Action::outcome, Action::duration, Action::attempts)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "SetCircuitBreaker", "SUCCEEDED", Duration.ofSeconds(20), 1),
            org.assertj.core.groups.Tuple.tuple(
                "RestoreTableToPointInTime", "FAILED", Duration.ofSeconds(60), 1));
    assertThat(report.actions().get(0).detail()).isEqualTo("table `entities`");
    assertThat(report.actions().get(1).detail()).startsWith("LimitExceeded: too many restores");
    assertThat(report.timeline().mitigation().description())
        .startsWith("SetCircuitBreaker succeeded");
  }

  @Test
  void shouldLeaveCommandsOutsideTheRunbooksStepsOutOfTheActionsWhenTheLogHasATimeline() {
    // given a runbook step, and a page sent by the orchestrator outside any step
    List<Object> log =
        List.of(
            opened(at(0)),
            stepStarted(
                meta("s1", at(10), "breaker"), "restore.setCircuitBreaker", "cmd-1", Map.of()),
            new CommandIssued(
                meta("cmd-1", at(10), "breaker"), "SetCircuitBreakerCommand", Map.of()),
            new CommandIssued(
                meta("page-1", at(12), "escalation-1"), "NotifyContactsCommand", Map.of()),
            stepSucceeded(
                meta("ok", at(20), "breaker"), "restore.setCircuitBreaker", Map.of(), 10_000));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.actions()).extracting(Action::stepId).containsExactly("breaker");
  }

  @Test
  void shouldNotCallALookingOrTidyingStepOrAnotherServicesStepTheMitigation() {
    assertThat(IncidentReports.mitigating("restore.setCircuitBreaker")).isTrue();
    assertThat(IncidentReports.mitigating("SetCircuitBreaker")).isTrue();
    assertThat(IncidentReports.mitigating("restore.validateTable")).isFalse();
    assertThat(IncidentReports.mitigating("notifier.sendPage")).isFalse();
  }

  // --- the order of events at one instant

  @Test
  void shouldOrderEventsAtOneInstantTimelineCommandsDeliveriesThenResults() {
    // given four events at the same instant, read in the reverse of their sources' order
    List<Object> log =
        List.of(
            new CommandCompleted(
                caused("res-1", at(0), "cmd-1", "breaker"),
                "SetCircuitBreakerResult",
                true,
                "CircuitBreakerSet",
                Map.of()),
            notificationAttempted(
                meta("n1", at(0), null),
                "slack",
                "#incidents",
                "incident-opened",
                1,
                "DELIVERED",
                ""),
            new CommandIssued(
                meta("cmd-1", at(0), "breaker"), "SetCircuitBreakerCommand", Map.of()),
            opened(at(0)));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(log(report))
        .extracting(s -> s.split(" ")[0])
        .containsExactly(
            "IncidentOpened",
            "SetCircuitBreakerCommand",
            "NotificationAttempted",
            "SetCircuitBreakerResult");
  }

  // --- maintenance runs

  @Test
  void shouldMeetTheBackupRestoreTargetAtExactlyTheTargetAndReadTheLastVerification() {
    // given two verifications: the last one took exactly the target (900 s) and names no verdict
    List<Object> log =
        List.of(
            new CommandIssued(
                meta("cmd-1", at(0), null),
                "VerifyBackupCommand",
                Map.of("scenario", "BACKUP_VERIFICATION")),
            new CommandCompleted(
                caused("res-1", at(1000), "cmd-1"),
                "VerifyBackupResult",
                true,
                "BackupVerified",
                Map.of("restoreDurationMillis", "1000000", "passed", "false")),
            new CommandCompleted(
                caused("res-2", at(2000), "cmd-1"),
                "VerifyBackupResult",
                true,
                "BackupVerified",
                Map.of("restoreDurationMillis", "900000", "itemCount", "12")));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.maintenance().measuredSeconds()).isEqualTo(900L);
    assertThat(report.maintenance().targetMet()).isTrue();
    assertThat(report.maintenance().passed()).isNull();
    assertThat(report.maintenance().detail()).isEqualTo("Validation did not pass: itemCount=12");
    assertThat(report.observations()).noneMatch(o -> o.contains("exceeded its target"));
  }

  @Test
  void shouldSayABackupRestoreOverItsTargetExceededIt() {
    List<Object> log =
        List.of(
            new CommandIssued(
                meta("cmd-1", at(0), null),
                "VerifyBackupCommand",
                Map.of("scenario", "BACKUP_VERIFICATION")),
            new CommandCompleted(
                caused("res-1", at(1000), "cmd-1"),
                "VerifyBackupResult",
                true,
                "BackupVerified",
                Map.of("restoreDurationMillis", "901000", "passed", "true")));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.maintenance().targetMet()).isFalse();
    assertThat(report.maintenance().passed()).isTrue();
    assertThat(report.maintenance().detail()).isEqualTo("Validation passed: passed=true");
    assertThat(report.observations())
        .contains("Restore time of the test restore exceeded its target of 900 s.");
  }

  @Test
  void shouldSayWhenNoBackupRestoreWasVerified() {
    List<Object> log =
        List.of(
            new CommandIssued(
                meta("cmd-1", at(0), null),
                "VerifyBackupCommand",
                Map.of("scenario", "BACKUP_VERIFICATION")),
            new CommandCompleted(
                caused("res-1", at(30), "cmd-1"),
                "VerifyBackupResult",
                false,
                "CommandFailure",
                Map.of("code", "AccessDenied", "restoreDurationMillis", "1")));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.maintenance().measuredSeconds()).isNull();
    assertThat(report.maintenance().detail())
        .isEqualTo("The log holds no completed backup restore verification.");
  }

  @Test
  void shouldMeetTheDrillsTargetAtExactlyTheTargetAndPassOnlyWhenRecovered() {
    IncidentReport met =
        IncidentReports.render(
            List.of(
                opened(at(0), "DR_DRILL"),
                incidentResolved(meta("r", at(900), null), "RECOVERED", at(900), 900L, null)),
            ReportTargets.RUNBOOK);
    IncidentReport failed =
        IncidentReports.render(
            List.of(
                opened(at(0), "DR_DRILL"),
                incidentResolved(meta("r", at(901), null), "FAILED", at(901), 901L, null)),
            ReportTargets.RUNBOOK);

    assertThat(met.kind()).isEqualTo(Kind.DR_DRILL);
    assertThat(met.maintenance().targetMet()).isTrue();
    assertThat(met.maintenance().passed()).isTrue();
    assertThat(met.maintenance().detail()).isEqualTo("RTO target met");
    assertThat(failed.maintenance().targetMet()).isFalse();
    assertThat(failed.maintenance().passed()).isFalse();
    assertThat(failed.maintenance().detail()).isEqualTo("RTO target exceeded - review procedures");
  }

  @Test
  void shouldMeasureADrillClosedWithoutAResolutionToItsClosing() {
    IncidentReport closed =
        IncidentReports.render(
            List.of(
                opened(at(0), "DR_DRILL"),
                incidentClosed(meta("c", at(120), null), "jane", "stopped")),
            ReportTargets.RUNBOOK);
    IncidentReport running =
        IncidentReports.render(List.of(opened(at(0), "DR_DRILL")), ReportTargets.RUNBOOK);

    assertThat(closed.maintenance().measuredSeconds()).isEqualTo(120L);
    assertThat(closed.maintenance().passed()).isNull();
    assertThat(running.maintenance().measuredSeconds()).isNull();
    assertThat(running.maintenance().detail()).isEqualTo("The drill has not resolved yet.");
  }

  // --- observations and the log

  @Test
  void shouldCountFailedDeliveriesPerChannel() {
    List<Object> log =
        List.of(
            opened(at(0)),
            notificationAttempted(
                meta("n1", at(1), null), "slack", "#inc", "t", 3, "FAILED", "timeout"),
            notificationAttempted(
                meta("n2", at(2), null), "slack", "#inc", "t", 3, "FAILED", "timeout"),
            notificationAttempted(
                meta("n3", at(3), null), "email", "a@b", "t", 1, "DELIVERED", ""));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(report.observations())
        .filteredOn(o -> o.startsWith("Channel"))
        .containsExactly("Channel slack: 2 deliveries failed after retries.");
  }

  @Test
  void shouldLogAJoinedSignalWithItsSymptoms() {
    List<Object> log =
        List.of(
            opened(at(0)),
            incidentSignalJoined(
                meta("j", at(5), null),
                "P2",
                List.of(evidence("latency", "high"), evidence("errors", "5%"))));

    IncidentReport report = IncidentReports.render(log, ReportTargets.RUNBOOK);

    assertThat(log(report)).contains("IncidentSignalJoined P2: latency: high; errors: 5%");
  }

  @Test
  void aSymptomLineNamesWhatItsEvidencePointsAtAndNothingWhenItNamesNothing() {
    Evidence burst =
        Evidence.newBuilder()
            .setSignal("cloudtrail-breach:suspicious-access")
            .setResource("entities")
            .setDetail("1200 Scans by arn:aws:iam::000000000000:user/mallory")
            .setObservedAt(Instant.EPOCH)
            .setSubjects(
                Map.of(
                    "principalType",
                    "USER",
                    "principalName",
                    "mallory",
                    "sourceIp",
                    "203.0.113.45"))
            .build();
    Evidence down =
        Evidence.newBuilder()
            .setSignal("table-availability")
            .setResource("entities")
            .setDetail("ResourceNotFoundException")
            .setObservedAt(Instant.EPOCH)
            .build();

    assertThat(IncidentReports.symptoms(List.of(burst, down)))
        .containsExactly(
            "cloudtrail-breach:suspicious-access on entities: 1200 Scans by arn:aws:iam::000000000000:user/mallory"
                + " (subjects: principalName=mallory, principalType=USER, sourceIp=203.0.113.45)",
            "table-availability on entities: ResourceNotFoundException");
  }

  private static List<String> log(IncidentReport report) {
    return report.log().stream().map(LogEntry::what).toList();
  }

  private static IncidentOpened opened(Instant at) {
    return opened(at, "TABLE_CORRUPTION");
  }

  private static IncidentOpened opened(Instant at, String scenario) {
    return incidentOpened(
        meta("opened", at, null),
        "P1",
        scenario,
        "us-east-1",
        List.of("entities"),
        List.of(),
        at,
        at);
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private static EventMetadata meta(String eventId, Instant at, String stepId) {
    return metadata(INC, eventId, null, at, stepId);
  }

  private static EventMetadata caused(String eventId, Instant at, String causationId) {
    return caused(eventId, at, causationId, null);
  }

  private static EventMetadata caused(
      String eventId, Instant at, String causationId, String stepId) {
    return metadata(INC, eventId, causationId, at, stepId);
  }
}
