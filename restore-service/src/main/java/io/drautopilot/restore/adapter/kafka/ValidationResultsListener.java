package io.drautopilot.restore.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.validation.TableValidated;
import io.drautopilot.contracts.validation.ValidateTableResult;
import io.drautopilot.restore.domain.ValidationVerdicts;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;

/**
 * Feeds the cutover gate with validation-service's verdicts ({@code ValidateTableResult} on
 * {@value Topics#COMMAND_RESULTS}). Every instance reads every partition from the beginning (manual
 * assignment, its own group id, nothing shared with the command dispatcher): a cutover command may
 * land on any instance, and the verdicts must survive a restart without a store of their own. The
 * partitions are named from the topic catalog because the topic may not exist yet when the listener
 * is created.
 */
public class ValidationResultsListener {

  private final ValidationVerdicts verdicts;

  public ValidationResultsListener(ValidationVerdicts verdicts) {
    this.verdicts = verdicts;
  }

  @KafkaListener(
      id = "restore-validation-results",
      groupId = "${spring.application.name}-validations",
      topicPartitions =
          @TopicPartition(
              topic = Topics.COMMAND_RESULTS,
              partitionOffsets =
                  @PartitionOffset(
                      partition = "0-" + (Topics.PARTITIONS - 1),
                      initialOffset = "0")))
  public void onResult(ConsumerRecord<String, Object> record) {
    if (!(record.value() instanceof ValidateTableResult result)) {
      return;
    }
    String eventId = result.getMetadata().getEventId();
    if (result.getOutcome() instanceof TableValidated validated) {
      verdicts.record(
          new ValidationVerdicts.Verdict(
              eventId,
              validated.getTableName(),
              validated.getPassed(),
              result.getMetadata().getOccurredAt()));
    } else {
      // a failed validation names no table, but a cutover citing it must still be refused
      verdicts.record(
          new ValidationVerdicts.Verdict(
              eventId, null, false, result.getMetadata().getOccurredAt()));
    }
  }
}
