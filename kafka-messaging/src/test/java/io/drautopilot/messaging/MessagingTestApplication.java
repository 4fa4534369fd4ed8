package io.drautopilot.messaging;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeCommand;
import io.drautopilot.contracts.restore.TableRestored;
import io.drautopilot.messaging.command.CommandContext;
import io.drautopilot.messaging.command.CommandFailureMapper;
import io.drautopilot.messaging.command.CommandHandler;
import io.drautopilot.messaging.command.CommandResults;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A service made of nothing but the messaging conventions, a recording listener and one test handler. */
@SpringBootApplication
public class MessagingTestApplication {

  /** Records everything another service published on the detected-incidents topic. */
  @Component
  public static class RecordingListener {
    final BlockingQueue<ConsumerRecord<String, Object>> received = new LinkedBlockingQueue<>();

    @KafkaListener(id = "recording", topics = Topics.INCIDENTS_DETECTED)
    void on(ConsumerRecord<String, Object> record) {
      if ("fail-me".equals(record.key())) {
        throw new IllegalArgumentException("the handler rejects this incident");
      }
      received.add(record);
    }
  }

  /** A restore handler that only counts: the dispatcher, not the handler, must make it idempotent. */
  @Component
  public static class CountingRestoreHandler
      implements CommandHandler<RestoreTableToPointInTimeCommand> {
    static final long SLOW_ACTION_MILLIS = 400;
    final AtomicInteger calls = new AtomicInteger();
    final List<Boolean> redeliveries = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public Class<RestoreTableToPointInTimeCommand> commandType() {
      return RestoreTableToPointInTimeCommand.class;
    }

    @Override
    public SpecificRecord handle(RestoreTableToPointInTimeCommand command, CommandContext context) {
      calls.incrementAndGet();
      redeliveries.add(context.redelivered());
      if (command.getTargetTableName().startsWith("explode")) {
        throw new IllegalStateException("boom while restoring");
      }
      if (command.getTargetTableName().startsWith("busy")) {
        throw new TableBusy();
      }
      if (command.getTargetTableName().startsWith("slow")) {
        try {
          Thread.sleep(SLOW_ACTION_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      context.progress().report(100.0, 10, 10L, 5.0, "restored", true);
      return CommandResults.success(
          command,
          EventMetadata.newBuilder(context.metadata())
              .setEventId("result-of-" + context.metadata().getEventId())
              .setCausationId(context.metadata().getEventId())
              .build(),
          TableRestored.newBuilder()
              .setTableName(command.getTargetTableName())
              .setDurationMillis(1)
              .setReappliedSettings(List.of("PITR"))
              .build());
    }
  }

  /** A refusal this service's own failure mapping knows. */
  static class TableBusy extends RuntimeException {
    TableBusy() {
      super("target table is still CREATING");
    }
  }

  /** The service's one mapping from exceptions to failures; what it does not know stays generic. */
  @Bean
  CommandFailureMapper commandFailureMapper() {
    return e ->
        e instanceof TableBusy
            ? CommandResults.failureOf("TableInUse", e.getMessage(), true, null)
            : CommandFailureMapper.GENERIC.failureOf(e);
  }

  @Bean
  BlockingQueue<ConsumerRecord<String, Object>> results() {
    return new LinkedBlockingQueue<>();
  }

  @Component
  public static class ResultsListener {
    private final BlockingQueue<ConsumerRecord<String, Object>> results;

    ResultsListener(BlockingQueue<ConsumerRecord<String, Object>> results) {
      this.results = results;
    }

    @KafkaListener(
        id = "results",
        topics = {Topics.COMMAND_RESULTS, Topics.COMMAND_PROGRESS})
    void on(ConsumerRecord<String, Object> record) {
      results.add(record);
    }
  }
}
