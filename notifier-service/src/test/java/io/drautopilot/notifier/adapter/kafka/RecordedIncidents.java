package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.audit.ChainSigner;
import io.drautopilot.audit.HashChain;
import io.drautopilot.audit.LogRecord;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.notify.ContactsNotified;
import io.drautopilot.contracts.notify.DeliveryOutcome;
import io.drautopilot.contracts.notify.GenerateIncidentReportCommand;
import io.drautopilot.contracts.notify.NotificationAttempted;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.contracts.notify.NotifyContactsResult;
import io.drautopilot.contracts.restore.ChooseRecoveryPathCommand;
import io.drautopilot.contracts.restore.ChooseRecoveryPathResult;
import io.drautopilot.contracts.restore.CircuitBreakerState;
import io.drautopilot.contracts.restore.CutOverTableCommand;
import io.drautopilot.contracts.restore.CutOverTableResult;
import io.drautopilot.contracts.restore.FunctionConfigurationUpdated;
import io.drautopilot.contracts.restore.RecoveryPathCandidate;
import io.drautopilot.contracts.restore.RecoveryPathChosen;
import io.drautopilot.contracts.restore.RestorePointKind;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeCommand;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeResult;
import io.drautopilot.contracts.restore.SetCircuitBreakerCommand;
import io.drautopilot.contracts.restore.SetCircuitBreakerResult;
import io.drautopilot.contracts.restore.TableRestored;
import io.drautopilot.contracts.timeline.ApprovalGranted;
import io.drautopilot.contracts.timeline.ApprovalRequested;
import io.drautopilot.contracts.timeline.EscalationRaised;
import io.drautopilot.contracts.timeline.IncidentAcknowledged;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.IncidentSeverityUpgraded;
import io.drautopilot.contracts.timeline.StepFailed;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.contracts.validation.BackupRestoreVerified;
import io.drautopilot.contracts.validation.TableValidated;
import io.drautopilot.contracts.validation.TablesCompared;
import io.drautopilot.contracts.validation.ValidateTableCommand;
import io.drautopilot.contracts.validation.ValidateTableResult;
import io.drautopilot.contracts.validation.VerifyBackupRestoreCommand;
import io.drautopilot.contracts.validation.VerifyBackupRestoreResult;
import io.drautopilot.notifier.NotifierTestStack;
import io.drautopilot.notifier.adapter.audit.TimelineAudit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;

/**
 * Event sequences as the services record them (timeline, commands, results, deliveries), with fixed
 * ids and times, for the golden report tests and the projection tests.
 */
public final class RecordedIncidents {

  static final String TABLE = "candlefish-employee-setup-lean-prod-entities";

  private final String incident;
  private int n;

  private RecordedIncidents(String incident) {
    this.incident = incident;
  }

  EventMetadata m(String time, String step, String causation) {
    return EventMetadata.newBuilder()
        .setEventId(incident + "-e" + (++n))
        .setIncidentId(incident)
        .setCorrelationId(incident)
        .setCausationId(causation)
        .setOccurredAt(at(time))
        .setProducer(step == null ? "orchestrator-service" : "handler")
        .setRunbookId("table-corruption")
        .setRunbookVersion(1)
        .setStepId(step)
        .setIdempotencyKey(step == null ? null : incident + ":" + step)
        .build();
  }

  static Instant at(String time) {
    return Instant.parse("2024-01-15T" + time + "Z");
  }

  /** Scenario 2, single table corruption: upgraded to P1, a throttled restore retried, an approval gate, escalation to level 2. */
  public static List<Object> tableCorruption(String incidentId) {
    RecordedIncidents r = new RecordedIncidents(incidentId);
    List<Object> log = new ArrayList<>();
    log.add(
        IncidentOpened.newBuilder()
            .setMetadata(r.m("10:31:02", null, null))
            .setFingerprint("table:" + TABLE)
            .setScenario(Scenario.TABLE_CORRUPTION)
            .setSeverity(Severity.P2)
            .setRegion("us-east-1")
            .setAffectedResources(List.of(TABLE))
            .setSymptoms(
                List.of(
                    Evidence.newBuilder()
                        .setSignal("integrity-rules")
                        .setResource(TABLE)
                        .setDetail("412 of 1000 sampled items fail validation (missing entityType)")
                        .setObservedAt(at("10:31:00"))
                        .setValue(412.0)
                        .build()))
            .setImpactStartedAt(at("10:30:00"))
            .setDetectedAt(at("10:31:00"))
            .setDetectorEventId("det-1")
            .build());
    // notify on-call
    log.add(
        StepStarted.newBuilder()
            .setMetadata(r.m("10:31:03", "notify-oncall", null))
            .setAction("NotifyContacts")
            .setCommandEventId(incidentId + "-cmd-notify")
            .setCommandTopic("dr.commands.notifier")
            .setParameters(Map.of("templateId", "incident-opened"))
            .build());
    log.add(
        NotifyContactsCommand.newBuilder()
            .setMetadata(r.m("10:31:03", "notify-oncall", null))
            .setSeverity(Severity.P2)
            .setScenario(Scenario.TABLE_CORRUPTION)
            .setTemplateId("incident-opened")
            .setEscalationLevel(1)
            .setFacts(Map.of("table", TABLE))
            .build());
    log.add(
        attempt(
            r,
            "10:31:04",
            "email",
            "DevOps Lead (Alice Johnson)",
            1,
            DeliveryOutcome.DELIVERED,
            null));
    log.add(
        attempt(
            r, "10:31:04", "slack", "On-call Engineer", 1, DeliveryOutcome.RETRYING, "HTTP 503"));
    log.add(
        attempt(r, "10:31:05", "slack", "On-call Engineer", 2, DeliveryOutcome.DELIVERED, null));
    log.add(attempt(r, "10:31:05", "sns", "On-call Engineer", 1, DeliveryOutcome.DELIVERED, null));
    log.add(
        NotifyContactsResult.newBuilder()
            .setMetadata(r.m("10:31:05", "notify-oncall", null))
            .setOutcome(
                ContactsNotified.newBuilder()
                    .setDeliveries(3)
                    .setFailedDeliveries(0)
                    .setChannels(List.of("sns", "email", "slack"))
                    .build())
            .build());
    log.add(
        StepSucceeded.newBuilder()
            .setMetadata(r.m("10:31:06", "notify-oncall", null))
            .setAction("NotifyContacts")
            .setOutputs(Map.of("deliveries", "3"))
            .setDurationMillis(2400)
            .build());
    // severity upgrade
    log.add(
        IncidentSeverityUpgraded.newBuilder()
            .setMetadata(r.m("10:31:30", null, null))
            .setFromSeverity(Severity.P2)
            .setToSeverity(Severity.P1)
            .setReason("corruption affects business operations (orders failing)")
            .build());
    // isolate the table
    log.add(
        StepStarted.newBuilder()
            .setMetadata(r.m("10:31:31", "isolate-table", null))
            .setAction("SetCircuitBreaker")
            .setParameters(Map.of("functionName", "tyler-setup-entities-handler", "state", "OPEN"))
            .build());
    log.add(
        SetCircuitBreakerCommand.newBuilder()
            .setMetadata(r.m("10:31:31", "isolate-table", null))
            .setFunctionName("tyler-setup-entities-handler")
            .setVariableName("CIRCUIT_BREAKER_ENTITIES")
            .setState(CircuitBreakerState.OPEN)
            .setRegion("us-east-1")
            .build());
    log.add(
        SetCircuitBreakerResult.newBuilder()
            .setMetadata(r.m("10:31:34", "isolate-table", null))
            .setOutcome(
                FunctionConfigurationUpdated.newBuilder()
                    .setFunctionName("tyler-setup-entities-handler")
                    .setChangedVariables(Map.of("CIRCUIT_BREAKER_ENTITIES", "OPEN"))
                    .setPreviousValues(Map.of("CIRCUIT_BREAKER_ENTITIES", "CLOSED"))
                    .setRevisionId("rev-2")
                    .build())
            .build());
    log.add(
        StepSucceeded.newBuilder()
            .setMetadata(r.m("10:31:34", "isolate-table", null))
            .setAction("SetCircuitBreaker")
            .setOutputs(Map.of())
            .setDurationMillis(3100)
            .build());
    // restore to point in time: throttled once, then restored
    log.add(
        StepStarted.newBuilder()
            .setMetadata(r.m("10:31:35", "restore-pitr", null))
            .setAction("RestoreTableToPointInTime")
            .setParameters(Map.of("restorePointTime", "2024-01-15T10:27:00Z"))
            .build());
    log.add(
        RestoreTableToPointInTimeCommand.newBuilder()
            .setMetadata(r.m("10:31:35", "restore-pitr", null))
            .setSourceTableName(TABLE)
            .setTargetTableName(TABLE + "-recovery")
            .setRegion("us-east-1")
            .setRestorePointTime(at("10:27:00"))
            .build());
    log.add(
        RestoreTableToPointInTimeResult.newBuilder()
            .setMetadata(r.m("10:31:36", "restore-pitr", null))
            .setOutcome(
                CommandFailure.newBuilder()
                    .setCode("ThrottlingException")
                    .setMessage("Rate exceeded")
                    .setRetryable(true)
                    .setAwsRequestId("req-1")
                    .build())
            .build());
    log.add(
        StepFailed.newBuilder()
            .setMetadata(r.m("10:31:36", "restore-pitr", null))
            .setAction("RestoreTableToPointInTime")
            .setFailure(
                CommandFailure.newBuilder()
                    .setCode("ThrottlingException")
                    .setMessage("Rate exceeded")
                    .setRetryable(true)
                    .setAwsRequestId("req-1")
                    .build())
            .setWillRetry(true)
            .setOnFailure("retry")
            .build());
    log.add(
        StepStarted.newBuilder()
            .setMetadata(r.m("10:31:41", "restore-pitr", null))
            .setAction("RestoreTableToPointInTime")
            .setParameters(Map.of("restorePointTime", "2024-01-15T10:27:00Z"))
            .build());
    log.add(
        RestoreTableToPointInTimeResult.newBuilder()
            .setMetadata(r.m("10:39:12", "restore-pitr", null))
            .setOutcome(
                TableRestored.newBuilder()
                    .setTableName(TABLE + "-recovery")
                    .setItemCount(18250L)
                    .setRestoredToTime(at("10:27:00"))
                    .setDurationMillis(451000)
                    .setReappliedSettings(List.of("PITR", "TTL"))
                    .build())
            .build());
    log.add(
        StepSucceeded.newBuilder()
            .setMetadata(r.m("10:39:12", "restore-pitr", null))
            .setAction("RestoreTableToPointInTime")
            .setOutputs(Map.of("tableName", TABLE + "-recovery"))
            .setDurationMillis(451000)
            .build());
    // validate
    log.add(
        StepStarted.newBuilder()
            .setMetadata(r.m("10:39:13", "validate", null))
            .setAction("ValidateTable")
            .setParameters(Map.of("sampleSize", "1000"))
            .build());
    log.add(
        ValidateTableCommand.newBuilder()
            .setMetadata(r.m("10:39:13", "validate", null))
            .setTableName(TABLE + "-recovery")
            .setRegion("us-east-1")
            .setSampleSize(1000)
            .build());
    log.add(
        ValidateTableResult.newBuilder()
            .setMetadata(r.m("10:40:01", "validate", null))
            .setOutcome(validated(TABLE + "-recovery", 1000, 0))
            .build());
    log.add(
        StepSucceeded.newBuilder()
            .setMetadata(r.m("10:40:01", "validate", null))
            .setAction("ValidateTable")
            .setOutputs(Map.of("passed", "true"))
            .setDurationMillis(48000)
            .build());
    // cut over behind an approval gate
    log.add(
        StepStarted.newBuilder()
            .setMetadata(r.m("10:40:02", "cutover", null))
            .setAction("CutOverTable")
            .setParameters(Map.of("tableName", TABLE + "-recovery"))
            .build());
    log.add(
        ApprovalRequested.newBuilder()
            .setMetadata(r.m("10:40:02", "cutover", null))
            .setAction("CutOverTable")
            .setRequiredRole("Database Admin")
            .setRequiredApprovers(2)
            .setDeadline(at("10:55:02"))
            .setOnTimeout("escalate")
            .build());
    log.add(
        ApprovalGranted.newBuilder()
            .setMetadata(r.m("10:44:40", "cutover", null))
            .setApprover("Jane Smith")
            .setRole("Database Admin")
            .setApprovalsSoFar(1)
            .setRequiredApprovers(2)
            .setComment("sample looks clean")
            .build());
    log.add(
        EscalationRaised.newBuilder()
            .setMetadata(r.m("10:46:00", null, null))
            .setLevel(2)
            .setTarget("Database Team Lead")
            .setReason("not acknowledged within 15 minutes")
            .build());
    log.add(
        attempt(
            r,
            "10:46:01",
            "email",
            "Database Admin (John Doe)",
            1,
            DeliveryOutcome.DELIVERED,
            null));
    log.add(
        IncidentAcknowledged.newBuilder()
            .setMetadata(r.m("10:47:30", null, null))
            .setAcknowledgedBy("John Doe")
            .setNote("taking over the cutover")
            .build());
    log.add(
        ApprovalGranted.newBuilder()
            .setMetadata(r.m("10:48:05", "cutover", null))
            .setApprover("John Doe")
            .setRole("Database Admin")
            .setApprovalsSoFar(2)
            .setRequiredApprovers(2)
            .setComment(null)
            .build());
    log.add(
        CutOverTableCommand.newBuilder()
            .setMetadata(r.m("10:48:06", "cutover", null))
            .setFunctionName("tyler-setup-entities-handler")
            .setVariableName("ENTITY_TABLE")
            .setTableName(TABLE + "-recovery")
            .setRegion("us-east-1")
            .build());
    log.add(
        CutOverTableResult.newBuilder()
            .setMetadata(r.m("10:48:09", "cutover", null))
            .setOutcome(
                FunctionConfigurationUpdated.newBuilder()
                    .setFunctionName("tyler-setup-entities-handler")
                    .setChangedVariables(Map.of("ENTITY_TABLE", TABLE + "-recovery"))
                    .setPreviousValues(Map.of("ENTITY_TABLE", TABLE))
                    .build())
            .build());
    log.add(
        StepSucceeded.newBuilder()
            .setMetadata(r.m("10:48:09", "cutover", null))
            .setAction("CutOverTable")
            .setOutputs(Map.of())
            .setDurationMillis(487000)
            .build());
    log.add(
        IncidentResolved.newBuilder()
            .setMetadata(r.m("10:52:10", null, null))
            .setOutcome("RECOVERED")
            .setResolvedAt(at("10:52:10"))
            .setMeasuredRtoSeconds(1330L)
            .setMeasuredRpoSeconds(180L)
            .build());
    log.add(
        IncidentClosed.newBuilder()
            .setMetadata(r.m("11:05:00", null, null))
            .setClosedBy("John Doe")
            .setReason("a bad deploy wrote items without entityType; fixed forward")
            .build());
    return sealed(log);
  }

  /**
   * The table-corruption incident with its restore point chosen by {@code restore.chooseRecoveryPath}
   * (step {@code find-restore-point}, after the table is isolated): PITR, forecast faster than an AWS
   * Backup restore, within the RPO target.
   */
  public static List<Object> tableCorruptionWithChosenPath(String incidentId) {
    List<Object> log = new ArrayList<>(tableCorruption(incidentId));
    RecordedIncidents r = new RecordedIncidents(incidentId + "-choose");
    EventMetadata command = withIncident(r.m("10:31:34", "find-restore-point", null), incidentId);
    List<Object> choose =
        List.of(
            StepStarted.newBuilder()
                .setMetadata(withIncident(r.m("10:31:34", "find-restore-point", null), incidentId))
                .setAction("restore.chooseRecoveryPath")
                .setCommandEventId(command.getEventId())
                .setCommandTopic(Topics.RESTORE_COMMANDS)
                .setParameters(Map.of("tableName", TABLE))
                .build(),
            ChooseRecoveryPathCommand.newBuilder()
                .setMetadata(command)
                .setTableName(TABLE)
                .setRegion("us-east-1")
                .setNotAfter(at("10:30:00"))
                .setRpoTargetSeconds(300)
                .build(),
            ChooseRecoveryPathResult.newBuilder()
                .setMetadata(
                    withIncident(
                        r.m("10:31:35", "find-restore-point", command.getEventId()), incidentId))
                .setOutcome(
                    RecoveryPathChosen.newBuilder()
                        .setKind(RestorePointKind.PITR)
                        .setRestorePointTime(at("10:27:00"))
                        .setPath("PITR")
                        .setReason(
                            "forecast 8 min by PITR, 1 h by AWS Backup restore: chose PITR (forecasts of "
                                + "readiness assessment ra-42)")
                        .setMeetsRpo(true)
                        .setRpoTargetSeconds(300)
                        .setDataLossSeconds(180)
                        .setForecastP50Seconds(420)
                        .setForecastP90Seconds(480)
                        .setForecastBasis("history (4 runs)")
                        .setForecastEventId("ra-42")
                        .setCandidates(
                            List.of(
                                candidate(
                                    "PITR",
                                    RestorePointKind.PITR,
                                    at("10:27:00"),
                                    180L,
                                    420,
                                    480,
                                    "history (4 runs)"),
                                candidate(
                                    "AWS Backup restore",
                                    RestorePointKind.AWS_BACKUP,
                                    at("10:00:00"),
                                    1800L,
                                    2400,
                                    3600,
                                    "no history: AWS floor")))
                        .build())
                .build(),
            StepSucceeded.newBuilder()
                .setMetadata(withIncident(r.m("10:31:35", "find-restore-point", null), incidentId))
                .setAction("restore.chooseRecoveryPath")
                .setOutputs(
                    Map.of(
                        "kind", "PITR", "restorePointTime", "2024-01-15T10:27:00Z", "path", "PITR"))
                .setDurationMillis(900)
                .build());
    int restore =
        log.indexOf(
            log.stream()
                .filter(
                    e ->
                        e instanceof StepStarted s
                            && "restore-pitr".equals(s.getMetadata().getStepId()))
                .findFirst()
                .orElseThrow());
    log.addAll(restore, choose);
    return sealed(log);
  }

  private static RecoveryPathCandidate candidate(
      String path,
      RestorePointKind kind,
      Instant point,
      long dataLoss,
      long p50,
      long p90,
      String basis) {
    return RecoveryPathCandidate.newBuilder()
        .setPath(path)
        .setKind(kind)
        .setAvailable(true)
        .setRestorePointTime(point)
        .setDataLossSeconds(dataLoss)
        .setMeetsRpo(dataLoss <= 300)
        .setForecastP50Seconds(p50)
        .setForecastP90Seconds(p90)
        .setForecastBasis(basis)
        .setRuns(basis.startsWith("history") ? 4 : 0)
        .setNotes(
            dataLoss <= 300 ? List.of() : List.of("loses " + dataLoss / 60 + " min of writes"))
        .build();
  }

  /** The monthly backup verification: restore from the latest recovery point, validate, compare. */
  public static List<Object> backupVerification(
      String incidentId, long restoreMillis, boolean passed) {
    RecordedIncidents r = new RecordedIncidents(incidentId);
    List<Object> log = new ArrayList<>();
    log.add(
        IncidentOpened.newBuilder()
            .setMetadata(r.m("02:00:00", null, null))
            .setFingerprint("maintenance:backup")
            .setScenario(Scenario.BACKUP_VERIFICATION)
            .setSeverity(Severity.P4)
            .setRegion("us-east-1")
            .setAffectedResources(List.of(TABLE))
            .setSymptoms(List.of())
            .setImpactStartedAt(at("02:00:00"))
            .setDetectedAt(at("02:00:00"))
            .setDetectorEventId("schedule-monthly")
            .build());
    log.add(
        StepStarted.newBuilder()
            .setMetadata(r.m("02:00:01", "verify", null))
            .setAction("VerifyBackupRestore")
            .setParameters(Map.of())
            .build());
    log.add(
        VerifyBackupRestoreCommand.newBuilder()
            .setMetadata(r.m("02:00:01", "verify", null))
            .setScratchTableName("backup-verification-test-1705284000")
            .setSourceTableName(TABLE)
            .setRegion("us-east-1")
            .setRestoreStartedAt(at("02:00:01"))
            .setRestoreCompletedAt(at("02:00:01").plusMillis(restoreMillis))
            .build());
    Instant done = at("02:00:01").plusMillis(restoreMillis).plusSeconds(30);
    log.add(
        VerifyBackupRestoreResult.newBuilder()
            .setMetadata(r.m(done.toString().substring(11, 19), "verify", null))
            .setOutcome(
                BackupRestoreVerified.newBuilder()
                    .setPassed(passed)
                    .setValidation(
                        validated("backup-verification-test-1705284000", 1000, passed ? 0 : 3))
                    .setComparison(
                        TablesCompared.newBuilder()
                            .setMatches(passed)
                            .setSourceItemCount(18250)
                            .setTargetItemCount(18250)
                            .setSourceDigest("a1b2")
                            .setTargetDigest(passed ? "a1b2" : "ffff")
                            .setDifferingSegments(passed ? 0 : 1)
                            .setMissingInTargetKeys(List.of())
                            .setExtraInTargetKeys(List.of())
                            .setChangedKeys(List.of())
                            .setDurationMillis(20000)
                            .build())
                    .setRestoreDurationMillis(restoreMillis)
                    .build())
            .build());
    log.add(
        StepSucceeded.newBuilder()
            .setMetadata(r.m(done.toString().substring(11, 19), "verify", null))
            .setAction("VerifyBackupRestore")
            .setOutputs(Map.of())
            .setDurationMillis(restoreMillis + 30000)
            .build());
    log.add(
        IncidentResolved.newBuilder()
            .setMetadata(r.m(done.toString().substring(11, 19), null, null))
            .setOutcome(passed ? "RECOVERED" : "FAILED")
            .setResolvedAt(done)
            .build());
    return log;
  }

  /** The quarterly DR drill: a simulated regional failure failed over to the secondary region. */
  public static List<Object> drDrill(String incidentId, String resolvedAt, Long rtoSeconds) {
    RecordedIncidents r = new RecordedIncidents(incidentId);
    List<Object> log = new ArrayList<>();
    log.add(
        IncidentOpened.newBuilder()
            .setMetadata(r.m("14:00:00", null, null))
            .setFingerprint("drill:regional")
            .setScenario(Scenario.DR_DRILL)
            .setSeverity(Severity.P4)
            .setRegion("us-east-1")
            .setAffectedResources(List.of(TABLE))
            .setSymptoms(List.of())
            .setImpactStartedAt(at("14:00:00"))
            .setDetectedAt(at("14:00:00"))
            .setDetectorEventId("schedule-quarterly")
            .build());
    log.add(
        StepStarted.newBuilder()
            .setMetadata(r.m("14:00:01", "failover", null))
            .setAction("FailOverDnsRecord")
            .setParameters(Map.of())
            .build());
    log.add(
        StepSucceeded.newBuilder()
            .setMetadata(r.m("14:00:40", "failover", null))
            .setAction("FailOverDnsRecord")
            .setOutputs(Map.of())
            .setDurationMillis(39000)
            .build());
    log.add(
        IncidentResolved.newBuilder()
            .setMetadata(r.m(resolvedAt, null, null))
            .setOutcome("RECOVERED")
            .setResolvedAt(at(resolvedAt))
            .setMeasuredRtoSeconds(rtoSeconds)
            .build());
    return log;
  }

  /**
   * The table-corruption incident as the report step sees it: resolved, not closed, the report step
   * just started (its command issued) and a notification step started beside it.
   */
  public static List<Object> tableCorruptionAtReportTime(String incidentId) {
    List<Object> log =
        new ArrayList<>(
            tableCorruption(incidentId).stream()
                .filter(e -> !(e instanceof IncidentClosed))
                .toList());
    RecordedIncidents r = new RecordedIncidents(incidentId + "-report");
    EventMetadata command = withIncident(r.m("10:52:12", "report", null), incidentId);
    log.add(
        StepStarted.newBuilder()
            .setMetadata(withIncident(r.m("10:52:11", "notify-resolved", null), incidentId))
            .setAction("notifier.notifyContacts")
            .setParameters(Map.of("templateId", "incident-resolved"))
            .build());
    log.add(
        StepStarted.newBuilder()
            .setMetadata(withIncident(r.m("10:52:12", "report", null), incidentId))
            .setAction("notifier.generateIncidentReport")
            .setCommandEventId(command.getEventId())
            .setCommandTopic("dr.commands.notifier")
            .setParameters(Map.of())
            .build());
    log.add(
        GenerateIncidentReportCommand.newBuilder()
            .setMetadata(command)
            .setFormats(List.of("markdown", "html"))
            .build());
    return sealed(log);
  }

  /** The test-only signing key (its public half: {@link #PUBLIC_KEY}); the orchestrator's key in production. */
  public static final ChainSigner SIGNER =
      ChainSigner.fromKey(NotifierTestStack.read("keys/test-only-ed25519-private.pem"));

  public static final String PUBLIC_KEY =
      NotifierTestStack.read("keys/test-only-ed25519-public.pem");

  /** Verifies against the test key, as a notifier with {@code dr.audit.public-keys} set would. */
  public static TimelineAudit audit() {
    return TimelineAudit.fromConfiguration(List.of(PUBLIC_KEY), List.of());
  }

  /**
   * Chains the timeline records in log order as the orchestrator does (and signs the close with the
   * test key). Linking is deterministic, so sealing a sealed log again changes nothing.
   */
  public static List<Object> sealed(List<Object> log) {
    String previous = HashChain.GENESIS;
    for (Object record : log) {
      if (record instanceof IncidentClosed closed) {
        previous = HashChain.close(closed, previous, SIGNER).getHash();
      } else if (TimelineAudit.isTimeline(record)) {
        previous = HashChain.link((SpecificRecord) record, previous).getHash();
      }
    }
    return log;
  }

  /** The records as the projection keeps them: each with the topic it was written to. */
  public static List<LogRecord> asLog(List<Object> log) {
    return log.stream().map(r -> LogRecord.of(topicOf(r), (IndexedRecord) r)).toList();
  }

  public static String topicOf(Object record) {
    String name = record.getClass().getSimpleName();
    if (TimelineAudit.isTimeline(record)) {
      return Topics.INCIDENT_TIMELINE;
    } else if (record instanceof NotificationAttempted) {
      return Topics.NOTIFICATION_DELIVERIES;
    } else if (name.endsWith("Result")) {
      return Topics.COMMAND_RESULTS;
    } else if (record instanceof NotifyContactsCommand
        || record instanceof GenerateIncidentReportCommand) {
      return Topics.NOTIFIER_COMMANDS;
    } else if (name.equals("ValidateTableCommand") || name.equals("VerifyBackupRestoreCommand")) {
      return Topics.VALIDATION_COMMANDS;
    }
    return Topics.RESTORE_COMMANDS;
  }

  /** The same log with its resolution at another time and with, or without, a measured RTO. */
  public static List<Object> resolvedAt(List<Object> log, String time, Long measuredRtoSeconds) {
    return log.stream()
        .map(
            e ->
                e instanceof IncidentResolved r
                    ? IncidentResolved.newBuilder(r)
                        .setResolvedAt(at(time))
                        .setMeasuredRtoSeconds(measuredRtoSeconds)
                        .build()
                    : e)
        .toList();
  }

  private static EventMetadata withIncident(EventMetadata m, String incidentId) {
    m.setIncidentId(incidentId);
    m.setCorrelationId(incidentId);
    return m;
  }

  private static NotificationAttempted attempt(
      RecordedIncidents r,
      String time,
      String channel,
      String recipient,
      int attempt,
      DeliveryOutcome outcome,
      String detail) {
    return NotificationAttempted.newBuilder()
        .setMetadata(r.m(time, "notify", null))
        .setChannel(channel)
        .setRecipient(recipient)
        .setTemplateId("incident-opened")
        .setAttempt(attempt)
        .setOutcome(outcome)
        .setDetail(detail)
        .build();
  }

  private static TableValidated validated(String table, long scanned, long invalid) {
    return TableValidated.newBuilder()
        .setTableName(table)
        .setPassed(invalid == 0)
        .setKeySchemaMatches(true)
        .setScannedItems(scanned)
        .setValidItems(scanned - invalid)
        .setInvalidItems(invalid)
        .setInvalidKeys(List.of())
        .setViolations(Map.of())
        .setDurationMillis(40000)
        .build();
  }
}
