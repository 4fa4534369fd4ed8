package io.drautopilot.readiness.service.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.readiness.AssessmentTrigger;
import io.drautopilot.contracts.readiness.FindingStatus;
import io.drautopilot.contracts.readiness.PathForecast;
import io.drautopilot.contracts.readiness.ReadinessAssessed;
import io.drautopilot.contracts.readiness.ReadinessCheck;
import io.drautopilot.contracts.readiness.ReadinessFinding;
import io.drautopilot.contracts.readiness.RecoveryPath;
import io.drautopilot.contracts.readiness.TableReadiness;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.readiness.Finding;
import io.drautopilot.readiness.PathAssessment;
import io.drautopilot.readiness.ReadinessAssessor.Assessment;
import io.drautopilot.readiness.ReadinessAssessor.TableAssessment;
import io.drautopilot.readiness.service.domain.AssessmentSink;
import io.drautopilot.readiness.service.domain.Settings;
import io.drautopilot.readiness.service.domain.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes an assessment on {@value Topics#READINESS_ASSESSMENTS}: one {@code ReadinessAssessed} for
 * the whole service (key {@value #OVERALL}) and one per table (key: the table), so the compacted topic
 * keeps the latest of each.
 */
public class AssessmentPublisher implements AssessmentSink {

  public static final String OVERALL = "OVERALL";

  private final EventPublisher publisher;
  private final EventMetadataFactory metadata;

  public AssessmentPublisher(EventPublisher publisher, EventMetadataFactory metadata) {
    this.publisher = publisher;
    this.metadata = metadata;
  }

  @Override
  public void accept(Assessment assessment, Trigger trigger, Settings settings) {
    String correlation = UUID.randomUUID().toString();
    List<TableReadiness> tables =
        assessment.tables().stream().map(t -> table(t, settings)).toList();
    publisher.publish(
        Topics.READINESS_ASSESSMENTS,
        OVERALL,
        record(
            OVERALL,
            correlation,
            trigger,
            assessment,
            settings,
            assessment.score(),
            assessment.meetsTargets(),
            tables));
    for (int i = 0; i < tables.size(); i++) {
      TableAssessment t = assessment.tables().get(i);
      publisher.publish(
          Topics.READINESS_ASSESSMENTS,
          t.evidence().table(),
          record(
              t.evidence().table(),
              correlation,
              trigger,
              assessment,
              settings,
              t.score().score(),
              t.meetsTargets(),
              List.of(tables.get(i))));
    }
  }

  /** The contract record of one scope. */
  ReadinessAssessed record(
      String scope,
      String correlation,
      Trigger trigger,
      Assessment a,
      Settings settings,
      int score,
      boolean meetsTargets,
      List<TableReadiness> tables) {
    var m = metadata.newChain("readiness:" + scope, correlation);
    m.setCausationId(trigger.eventId());
    return ReadinessAssessed.newBuilder()
        .setMetadata(m)
        .setScope(scope)
        .setTrigger(AssessmentTrigger.valueOf(trigger.kind().name()))
        .setTriggerEventId(trigger.eventId())
        .setAssessedAt(a.assessedAt())
        .setRtoTargetSeconds(a.targets().rto().toSeconds())
        .setRpoTargetSeconds(a.targets().rpo().toSeconds())
        .setScore(score)
        .setScoreThreshold(settings.scoreThreshold())
        .setBelowThreshold(score < settings.scoreThreshold())
        .setMeetsTargets(meetsTargets)
        .setTables(tables)
        .setFindings(a.serviceWide().stream().map(AssessmentPublisher::finding).toList())
        .build();
  }

  static TableReadiness table(TableAssessment t, Settings settings) {
    var chosen = t.chosen();
    return TableReadiness.newBuilder()
        .setTableName(t.evidence().table())
        .setRegion(settings.region())
        .setItemCount(t.evidence().size().itemCount() >= 0 ? t.evidence().size().itemCount() : null)
        .setSizeBytes(t.evidence().size().sizeBytes() >= 0 ? t.evidence().size().sizeBytes() : null)
        .setPaths(t.paths().stream().map(AssessmentPublisher::path).toList())
        .setChosenPath(t.choice().path().map(p -> RecoveryPath.valueOf(p.name())).orElse(null))
        .setChoiceReason(t.choice().reason())
        .setForecastRtoSeconds(chosen.map(c -> c.rtoP90().toSeconds()).orElse(null))
        .setForecastRpoSeconds(
            chosen.flatMap(PathAssessment::rpo).map(r -> r.toSeconds()).orElse(null))
        .setMeetsTargets(t.meetsTargets())
        .setScore(t.score().score())
        .setFindings(
            t.score().findings().stream()
                .filter(f -> f.table() != null)
                .map(AssessmentPublisher::finding)
                .toList())
        .build();
  }

  static PathForecast path(PathAssessment p) {
    List<String> evidence = new ArrayList<>(p.restore().evidenceEventIds());
    p.restorePoint().ifPresent(r -> evidence.add(r.evidence()));
    return PathForecast.newBuilder()
        .setPath(RecoveryPath.valueOf(p.path().name()))
        .setAvailable(p.available())
        .setP50Seconds(p.restore().p50().toSeconds())
        .setP90Seconds(p.restore().p90().toSeconds())
        .setBasis(p.restore().basis())
        .setRuns(p.restore().runs())
        .setRtoP50Seconds(p.rtoP50().toSeconds())
        .setRtoP90Seconds(p.rtoP90().toSeconds())
        .setRpoSeconds(p.rpo().map(r -> r.toSeconds()).orElse(null))
        .setRestorePointTime(p.restorePoint().map(r -> r.time()).orElse(null))
        .setMeetsRto(p.meetsRto())
        .setMeetsRpo(p.meetsRpo())
        .setReasons(p.reasons())
        .setEvidenceEventIds(evidence)
        .build();
  }

  static ReadinessFinding finding(Finding f) {
    return ReadinessFinding.newBuilder()
        .setCheck(check(f.check()))
        .setStatus(FindingStatus.valueOf(f.status().name()))
        .setPoints(f.points())
        .setMaxPoints(f.maxPoints())
        .setDetail(f.detail())
        .setEvidenceEventIds(f.evidence())
        .build();
  }

  /**
   * The contract's symbol of a check, by name. A check newer than the contract's enum is published as
   * UNKNOWN (the enum's default, which is also what a reader older than a symbol reads), its detail and
   * evidence still saying what it is.
   */
  static ReadinessCheck check(io.drautopilot.readiness.ReadinessCheck check) {
    for (ReadinessCheck symbol : ReadinessCheck.values()) {
      if (symbol.name().equals(check.name())) {
        return symbol;
      }
    }
    return ReadinessCheck.UNKNOWN;
  }
}
