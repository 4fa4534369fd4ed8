package io.drautopilot.readiness.service.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.ExportTableSnapshotResult;
import io.drautopilot.contracts.restore.FindRestorePointResult;
import io.drautopilot.contracts.restore.ImportTableSnapshotResult;
import io.drautopilot.contracts.restore.RestoreFromBackupResult;
import io.drautopilot.contracts.restore.RestorePointFound;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeResult;
import io.drautopilot.contracts.restore.TableRestored;
import io.drautopilot.contracts.restore.TableSnapshotExported;
import io.drautopilot.contracts.restore.TableSnapshotImported;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.IncidentResolved;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.contracts.timeline.StepSucceeded;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.readiness.service.domain.ReadinessService;
import io.drautopilot.readiness.service.domain.RecoveryLog;
import io.drautopilot.readiness.service.domain.RecoveryLog.RestoreKind;
import io.drautopilot.readiness.service.domain.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;

/**
 * Reads the evidence: restore, backup restore, import, export and find-restore-point results from
 * {@value Topics#COMMAND_RESULTS}, and incidents and steps from {@value Topics#INCIDENT_TIMELINE}.
 * Every instance reads every partition of both from the beginning (manual assignment, committed reads
 * only), so the history is rebuilt from the log at each start and needs no store of its own. An event
 * newer than the service's start triggers a new assessment (a restore, a finished verification or
 * drill); the replay of older ones does not.
 */
public class EvidenceListener {

  private static final String PARTITIONS = "0-" + (Topics.PARTITIONS - 1);

  private final RecoveryLog log;
  private final ReadinessService readiness;
  private final Instant startedAt;

  public EvidenceListener(RecoveryLog log, ReadinessService readiness, Instant startedAt) {
    this.log = log;
    this.readiness = readiness;
    this.startedAt = startedAt;
  }

  @KafkaListener(
      id = "readiness-evidence",
      groupId = "${spring.application.name}-evidence",
      topicPartitions = {
        @TopicPartition(
            topic = Topics.COMMAND_RESULTS,
            partitionOffsets = @PartitionOffset(partition = PARTITIONS, initialOffset = "0")),
        @TopicPartition(
            topic = Topics.INCIDENT_TIMELINE,
            partitionOffsets = @PartitionOffset(partition = PARTITIONS, initialOffset = "0"))
      })
  public void onEvent(ConsumerRecord<String, Object> record) {
    Trigger trigger = record(record.value());
    if (trigger != null && isNew(record.value())) {
      readiness.assess(trigger);
    }
  }

  private boolean isNew(Object event) {
    EventMetadata m = EventPublisher.metadataOf((IndexedRecord) event);
    return m != null && !m.getOccurredAt().isBefore(startedAt);
  }

  /** Records the fact; returns the trigger when the event should lead to a new assessment. */
  Trigger record(Object value) {
    if (value instanceof RestoreTableToPointInTimeResult r
        && r.getOutcome() instanceof TableRestored t) {
      return restored(r.getMetadata(), RestoreKind.POINT_IN_TIME, t);
    }
    if (value instanceof RestoreFromBackupResult r && r.getOutcome() instanceof TableRestored t) {
      return restored(r.getMetadata(), RestoreKind.AWS_BACKUP, t);
    }
    if (value instanceof ImportTableSnapshotResult r
        && r.getOutcome() instanceof TableSnapshotImported t) {
      EventMetadata m = r.getMetadata();
      log.record(
          new RecoveryLog.RestoreFinished(
              m.getIncidentId(),
              m.getEventId(),
              m.getCausationId(),
              RestoreKind.SNAPSHOT_IMPORT,
              t.getTableName(),
              t.getItemCount(),
              Duration.ofMillis(t.getDurationMillis()),
              m.getOccurredAt()));
      return new Trigger(Trigger.Kind.RESTORE, m.getEventId());
    }
    if (value instanceof ExportTableSnapshotResult r
        && r.getOutcome() instanceof TableSnapshotExported t) {
      log.record(
          new RecoveryLog.SnapshotTaken(
              t.getTableName(), t.getTakenAt(), r.getMetadata().getEventId(), t.getItemCount()));
      return null;
    }
    if (value instanceof FindRestorePointResult r
        && r.getOutcome() instanceof RestorePointFound p) {
      EventMetadata m = r.getMetadata();
      log.record(
          new RecoveryLog.RestorePointSeen(
              m.getIncidentId(),
              m.getEventId(),
              m.getCausationId(),
              p.getKind().name(),
              p.getRestorePointTime()));
      return null;
    }
    if (value instanceof IncidentOpened o) {
      EventMetadata m = o.getMetadata();
      log.record(
          new RecoveryLog.IncidentOpened(
              m.getIncidentId(),
              m.getEventId(),
              o.getScenario().name(),
              o.getRegion(),
              o.getAffectedResources(),
              o.getImpactStartedAt(),
              o.getDetectedAt()));
      return null;
    }
    if (value instanceof StepStarted s) {
      EventMetadata m = s.getMetadata();
      log.record(
          new RecoveryLog.StepStarted(
              m.getIncidentId(),
              m.getEventId(),
              s.getCommandEventId(),
              s.getAction(),
              Map.copyOf(s.getParameters()),
              m.getOccurredAt()));
      return null;
    }
    if (value instanceof StepSucceeded s) {
      EventMetadata m = s.getMetadata();
      log.record(
          new RecoveryLog.StepSucceeded(
              m.getIncidentId(),
              m.getEventId(),
              s.getAction(),
              Duration.ofMillis(s.getDurationMillis()),
              m.getOccurredAt()));
      return null;
    }
    if (value instanceof IncidentResolved r) {
      EventMetadata m = r.getMetadata();
      log.record(
          new RecoveryLog.IncidentResolved(
              m.getIncidentId(),
              m.getEventId(),
              r.getOutcome(),
              r.getResolvedAt(),
              r.getMeasuredRtoSeconds()));
      return new Trigger(maintenanceKind(m.getRunbookId()), m.getEventId());
    }
    return null;
  }

  private static Trigger.Kind maintenanceKind(String runbookId) {
    if ("backup-verification".equals(runbookId)) {
      return Trigger.Kind.BACKUP_VERIFICATION;
    }
    return "dr-drill".equals(runbookId) ? Trigger.Kind.DR_DRILL : Trigger.Kind.RESTORE;
  }

  private Trigger restored(EventMetadata m, RestoreKind kind, TableRestored t) {
    log.record(
        new RecoveryLog.RestoreFinished(
            m.getIncidentId(),
            m.getEventId(),
            m.getCausationId(),
            kind,
            t.getTableName(),
            t.getItemCount() == null ? -1 : t.getItemCount(),
            Duration.ofMillis(t.getDurationMillis()),
            m.getOccurredAt()));
    return new Trigger(Trigger.Kind.RESTORE, m.getEventId());
  }
}
