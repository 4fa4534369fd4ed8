package io.drautopilot.readiness.service.domain;

import io.drautopilot.readiness.Finding;
import io.drautopilot.readiness.Forecaster;
import io.drautopilot.readiness.PitrStatus;
import io.drautopilot.readiness.ReadinessAssessor;
import io.drautopilot.readiness.ReadinessAssessor.Assessment;
import io.drautopilot.readiness.ReadinessScore;
import io.drautopilot.readiness.RecoveryPath;
import io.drautopilot.readiness.RestorePoint;
import io.drautopilot.readiness.RunbookStages;
import io.drautopilot.readiness.TableEvidence;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Assesses readiness: the log's facts and DynamoDB's answers become the model's evidence, the model
 * decides, the sinks publish. Keeps the latest assessment for the API and the gauges.
 */
public class ReadinessService {

  private final RecoveryLog log;
  private final ProtectedTables tables;
  private final TableDescriber describer;
  private final ReadinessAssessor assessor;
  private final Settings settings;
  private final List<AssessmentSink> sinks;
  private final Runbooks runbooks;
  private final Clock clock;
  private final AtomicReference<Assessment> latest = new AtomicReference<>();

  public ReadinessService(
      RecoveryLog log,
      ProtectedTables tables,
      TableDescriber describer,
      ReadinessAssessor assessor,
      Settings settings,
      List<AssessmentSink> sinks,
      Runbooks runbooks,
      Clock clock) {
    this.log = log;
    this.tables = tables;
    this.describer = describer;
    this.assessor = assessor;
    this.settings = settings;
    this.sinks = List.copyOf(sinks);
    this.runbooks = runbooks;
    this.clock = clock;
  }

  public Optional<Assessment> latest() {
    return Optional.ofNullable(latest.get());
  }

  public Settings settings() {
    return settings;
  }

  /** Assesses now and hands the result to every sink; one assessment at a time. */
  public synchronized Assessment assess(Trigger trigger) {
    Instant now = clock.instant();
    List<TableEvidence> evidence = new ArrayList<>();
    for (String table : tables.names()) {
      evidence.add(evidence(table, describer.describe(table, settings.region()), now));
    }
    RecoveryLog.Stages measured = log.stages();
    RunbookStages stages =
        new RunbookStages(
            Forecaster.stage("detection", measured.detection(), settings.detection()),
            Forecaster.stage("before restore", measured.beforeRestore(), settings.beforeRestore()),
            Forecaster.stage("after restore", measured.afterRestore(), settings.afterRestore()));
    List<Finding> serviceWide =
        new ArrayList<>(ReadinessScore.gates(settings.approvalGates(), settings.approvers()));
    serviceWide.addAll(
        ReadinessScore.runbookReviews(
            runbooks.reviews(), LocalDate.ofInstant(now, ZoneOffset.UTC)));
    Assessment assessment =
        assessor.assess(evidence, log.observations(tables), stages, serviceWide, now);
    latest.set(assessment);
    sinks.forEach(s -> s.accept(assessment, trigger, settings));
    return assessment;
  }

  private TableEvidence evidence(String table, TableFacts facts, Instant now) {
    Map<RecoveryPath, RestorePoint> points = new EnumMap<>(RecoveryPath.class);
    Map<RecoveryPath, String> unavailable = new EnumMap<>(RecoveryPath.class);
    Optional<PitrStatus> pitr = facts.pitr();
    if (pitr.isEmpty()) {
      unavailable.put(
          RecoveryPath.PITR_RESTORE,
          "continuous backups could not be read"
              + facts.backupsProblem().map(p -> " (" + p + ")").orElse(""));
    } else if (!pitr.get().enabled() || pitr.get().latestRestorableTime().isEmpty()) {
      unavailable.put(RecoveryPath.PITR_RESTORE, "point-in-time recovery is disabled");
    } else {
      points.put(
          RecoveryPath.PITR_RESTORE,
          new RestorePoint(
              RecoveryPath.PITR_RESTORE,
              pitr.get().latestRestorableTime().get(),
              pitr.get().evidence()));
    }
    log.newestRecoveryPoint(table, tables)
        .ifPresentOrElse(
            p -> points.put(RecoveryPath.AWS_BACKUP_RESTORE, p),
            () ->
                unavailable.put(
                    RecoveryPath.AWS_BACKUP_RESTORE, "no AWS Backup recovery point on the log"));
    Optional<RestorePoint> snapshot = log.newestSnapshot(table, tables);
    if (snapshot.isPresent()) {
      points.put(RecoveryPath.SNAPSHOT_IMPORT, snapshot.get());
      // a snapshot in S3 is readable from the other region too
      points.put(
          RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT,
          new RestorePoint(
              RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT,
              snapshot.get().time(),
              snapshot.get().evidence()));
    } else {
      unavailable.put(RecoveryPath.SNAPSHOT_IMPORT, "no logical snapshot on the log");
      unavailable.put(RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT, "no logical snapshot on the log");
    }
    if (!facts.activeReplicaRegions().isEmpty()) {
      points.put(
          RecoveryPath.REGION_FAILOVER,
          new RestorePoint(
              RecoveryPath.REGION_FAILOVER,
              now.minus(settings.replicationLag()),
              "DescribeTable:"
                  + table
                  + "@"
                  + facts.readAt()
                  + " replica "
                  + String.join(",", facts.activeReplicaRegions())));
    } else {
      unavailable.put(
          RecoveryPath.REGION_FAILOVER,
          facts.tableProblem().isPresent()
              ? "the table could not be described (" + facts.tableProblem().get() + ")"
              : "no ACTIVE replica in another region");
    }
    return new TableEvidence(
        table,
        facts.size(),
        pitr,
        points,
        unavailable,
        log.lastMaintenance(RecoveryLog.BACKUP_VERIFICATION, table, tables),
        log.lastMaintenance(RecoveryLog.DR_DRILL, table, tables),
        log.newestSnapshotSize(table, tables));
  }
}
