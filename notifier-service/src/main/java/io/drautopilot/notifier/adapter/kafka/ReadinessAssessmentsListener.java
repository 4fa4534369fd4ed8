package io.drautopilot.notifier.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.readiness.FindingStatus;
import io.drautopilot.contracts.readiness.ReadinessAssessed;
import io.drautopilot.contracts.readiness.ReadinessFinding;
import io.drautopilot.contracts.readiness.TableReadiness;
import io.drautopilot.notifier.domain.report.ReadinessAtIncident;
import io.drautopilot.notifier.domain.report.ReadinessHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;

/**
 * Feeds {@link ReadinessHistory} from readiness-service's assessments on {@value Topics#READINESS_ASSESSMENTS}
 * (compacted, key: scope). Every instance reads every partition from the beginning (manual assignment),
 * since a report may be asked of any instance and must survive a restart.
 */
public class ReadinessAssessmentsListener {

  private final ReadinessHistory history;

  public ReadinessAssessmentsListener(ReadinessHistory history) {
    this.history = history;
  }

  @KafkaListener(
      id = "notifier-readiness-assessments",
      groupId = "${spring.application.name}-readiness",
      topicPartitions =
          @TopicPartition(
              topic = Topics.READINESS_ASSESSMENTS,
              partitionOffsets =
                  @PartitionOffset(
                      partition = "0-" + (Topics.PARTITIONS - 1),
                      initialOffset = "0")))
  public void onAssessment(ConsumerRecord<String, Object> record) {
    if (record.value() instanceof ReadinessAssessed assessed) {
      history.record(assessment(assessed));
    }
  }

  /** The scope's figures as the report shows them: for OVERALL the worst table's forecasts. */
  public static ReadinessAtIncident.Assessment assessment(ReadinessAssessed a) {
    List<TableReadiness> tables =
        a.getTables().stream()
            .filter(
                t ->
                    ReadinessHistory.OVERALL.equals(a.getScope())
                        || t.getTableName().equals(a.getScope()))
            .toList();
    Long rto = worst(tables.stream().map(TableReadiness::getForecastRtoSeconds).toList());
    Long rpo = worst(tables.stream().map(TableReadiness::getForecastRpoSeconds).toList());
    List<String> findings = new ArrayList<>();
    for (TableReadiness t : tables) {
      for (ReadinessFinding f : t.getFindings()) {
        if (f.getStatus() != FindingStatus.PASSED) {
          findings.add(t.getTableName() + ": " + f.getDetail());
        }
      }
    }
    for (ReadinessFinding f : a.getFindings()) {
      if (f.getStatus() != FindingStatus.PASSED) {
        findings.add(f.getDetail());
      }
    }
    return new ReadinessAtIncident.Assessment(
        a.getScope(),
        a.getAssessedAt(),
        a.getScore(),
        a.getScoreThreshold(),
        a.getMeetsTargets(),
        rto,
        a.getRtoTargetSeconds(),
        rpo,
        a.getRpoTargetSeconds(),
        List.copyOf(findings));
  }

  /** The largest, or null when a table has no forecast (no path with a restore point: the scope has none either). */
  private static Long worst(List<Long> values) {
    if (values.isEmpty() || values.stream().anyMatch(Objects::isNull)) {
      return null;
    }
    return values.stream().max(Long::compare).orElse(null);
  }
}
