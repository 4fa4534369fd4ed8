package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.readiness.PathForecast;
import io.drautopilot.contracts.readiness.ReadinessAssessed;
import io.drautopilot.contracts.readiness.TableReadiness;
import io.drautopilot.readiness.DurationForecast;
import io.drautopilot.readiness.RecoveryPath;
import io.drautopilot.readiness.TableSize;
import io.drautopilot.restore.domain.LatestForecasts;
import io.drautopilot.restore.domain.RecoveryPathDecision.TableForecast;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;

/**
 * Feeds {@link LatestForecasts} from readiness-service's assessments on
 * {@value Topics#READINESS_ASSESSMENTS} (compacted, key: scope). Like {@link ValidationResultsListener},
 * every instance reads every partition from the beginning (manual assignment, read_committed as every
 * consumer here): a choose command may land on any instance, and the forecasts must survive a restart.
 * The {@code OVERALL} record is skipped; a table's own record carries its paths.
 */
public class ReadinessAssessmentsListener {

  private final LatestForecasts forecasts;

  public ReadinessAssessmentsListener(LatestForecasts forecasts) {
    this.forecasts = forecasts;
  }

  @KafkaListener(
      id = "restore-readiness-assessments",
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
      record(assessed);
    }
  }

  void record(ReadinessAssessed assessed) {
    for (TableReadiness table : assessed.getTables()) {
      if (!table.getTableName().equals(assessed.getScope())) {
        continue;
      }
      Map<RecoveryPath, DurationForecast> byPath = new EnumMap<>(RecoveryPath.class);
      for (PathForecast p : table.getPaths()) {
        if (p.getPath() == io.drautopilot.contracts.readiness.RecoveryPath.UNKNOWN) {
          continue;
        }
        RecoveryPath path = RecoveryPath.valueOf(p.getPath().name());
        byPath.put(
            path,
            new DurationForecast(
                path,
                Duration.ofSeconds(p.getP50Seconds()),
                Duration.ofSeconds(p.getP90Seconds()),
                p.getBasis(),
                p.getRuns(),
                p.getEvidenceEventIds()));
      }
      TableSize size =
          new TableSize(
              table.getItemCount() == null ? -1 : table.getItemCount(),
              table.getSizeBytes() == null ? -1 : table.getSizeBytes());
      forecasts.record(
          table.getTableName(),
          new TableForecast(
              assessed.getMetadata().getEventId(),
              assessed.getAssessedAt(),
              size,
              Duration.ofSeconds(assessed.getRtoTargetSeconds()),
              byPath));
    }
  }
}
