package io.drautopilot.messaging.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeCommand;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeResult;
import io.drautopilot.contracts.restore.ScratchTableDeleted;
import io.drautopilot.contracts.restore.TableRestored;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class CommandDispatcherTest {

  static final Instant RECEIVED = Instant.parse("2026-01-15T10:30:00Z");
  static final Duration ACTION = Duration.ofSeconds(9);

  final MovableClock clock = new MovableClock(RECEIVED);
  final EventMetadataFactory metadata = new EventMetadataFactory("restore-test", clock);
  final CommandLedger ledger = mock(CommandLedger.class);
  final EventPublisher publisher = mock(EventPublisher.class);

  /** A refusal a service's own mapping knows: the dispatcher must use that mapping, not its own. */
  static class TableBusy extends RuntimeException {
    TableBusy() {
      super("target table is still CREATING");
    }
  }

  static final CommandFailureMapper SERVICE_MAPPING =
      e ->
          e instanceof TableBusy
              ? CommandFailure.newBuilder()
                  .setCode("TableInUse")
                  .setMessage(e.getMessage())
                  .setRetryable(true)
                  .setAwsRequestId("req-9")
                  .build()
              : CommandFailureMapper.GENERIC.failureOf(e);

  @Test
  void shouldWrapTheOutcomeInItsResultMadeWhenTheActionEndedWhenTheHandlerReturnsOnlyItsOutcome() {
    TableRestored restored =
        TableRestored.newBuilder()
            .setTableName("entities-recovery")
            .setDurationMillis(9000)
            .setReappliedSettings(List.of("PITR"))
            .build();
    RestoreTableToPointInTimeCommand command = command();

    RestoreTableToPointInTimeResult result =
        dispatch(
            command,
            (c, context) -> {
              clock.advance(ACTION);
              return restored;
            });

    assertThat(result.getOutcome()).isEqualTo(restored);
    assertThat(result.getMetadata().getOccurredAt()).isEqualTo(RECEIVED.plus(ACTION));
    assertThat(result.getMetadata().getCausationId()).isEqualTo(command.getMetadata().getEventId());
    assertThat(result.getMetadata().getEventId()).isNotEqualTo(command.getMetadata().getEventId());
    assertThat(result.getMetadata().getIdempotencyKey()).isEqualTo("idem-1");
    assertThat(result.getMetadata().getIncidentId()).isEqualTo("inc-1");
    assertThat(result.getMetadata().getStepId()).isEqualTo("restore");
    assertThat(result.getMetadata().getProducer()).isEqualTo("restore-test");
  }

  @Test
  void shouldFailWithTheServicesMappedRetryableFailureWhenTheHandlerThrows() {
    RestoreTableToPointInTimeResult result =
        dispatch(
            command(),
            (c, context) -> {
              clock.advance(ACTION);
              throw new TableBusy();
            });

    assertThat(result.getOutcome())
        .isInstanceOfSatisfying(
            CommandFailure.class,
            f -> {
              assertThat(f.getCode()).isEqualTo("TableInUse");
              assertThat(f.getMessage()).isEqualTo("target table is still CREATING");
              assertThat(f.getRetryable()).isTrue();
              assertThat(f.getAwsRequestId()).isEqualTo("req-9");
            });
    assertThat(result.getMetadata().getOccurredAt()).isEqualTo(RECEIVED.plus(ACTION));
    assertThat(result.getMetadata().getIdempotencyKey()).isEqualTo("idem-1");
  }

  @Test
  void shouldFailUnderTheExceptionsClassNameNotRetryableWhenNoMappingKnowsIt() {
    CommandDispatcher dispatcher =
        dispatcher(
            (c, context) -> {
              throw new IllegalStateException("boom");
            },
            CommandFailureMapper.GENERIC);

    RestoreTableToPointInTimeResult result = published(dispatcher, command());

    assertThat(result.getOutcome())
        .isInstanceOfSatisfying(
            CommandFailure.class,
            f -> {
              assertThat(f.getCode()).isEqualTo("IllegalStateException");
              assertThat(f.getMessage()).isEqualTo("boom");
              assertThat(f.getRetryable()).isFalse();
            });
  }

  @Test
  void shouldPublishACompleteResultStampedWhenTheActionEndedWhenTheHandlerReturnsTheWholeResult() {
    RestoreTableToPointInTimeCommand command = command();
    TableRestored restored =
        TableRestored.newBuilder()
            .setTableName("entities-recovery")
            .setDurationMillis(1)
            .setReappliedSettings(List.of())
            .build();

    RestoreTableToPointInTimeResult result =
        dispatch(
            command,
            (c, context) -> {
              SpecificRecord whole =
                  CommandResults.success(
                      c,
                      EventMetadata.newBuilder(context.metadata())
                          .setEventId("result-1")
                          .setCausationId(context.metadata().getEventId())
                          .build(),
                      restored);
              clock.advance(ACTION);
              return whole;
            });

    assertThat(result.getMetadata().getEventId()).isEqualTo("result-1");
    assertThat(result.getOutcome()).isEqualTo(restored);
    assertThat(result.getMetadata().getOccurredAt()).isEqualTo(RECEIVED.plus(ACTION));
  }

  @Test
  void shouldFailWhenTheHandlerReturnsAnOutcomeOfAnotherCommand() {
    RestoreTableToPointInTimeResult result =
        dispatch(
            command(),
            (c, context) ->
                ScratchTableDeleted.newBuilder()
                    .setTableName("scratch")
                    .setRegion("us-east-1")
                    .setAlreadyGone(true)
                    .build());

    assertThat(result.getOutcome())
        .isInstanceOfSatisfying(
            CommandFailure.class,
            f -> {
              assertThat(f.getCode()).isEqualTo("IllegalArgumentException");
              assertThat(f.getMessage())
                  .isEqualTo(
                      "ScratchTableDeleted is not an outcome of RestoreTableToPointInTimeResult");
              assertThat(f.getRetryable()).isFalse();
            });
  }

  @FunctionalInterface
  interface Handle {
    SpecificRecord handle(RestoreTableToPointInTimeCommand command, CommandContext context)
        throws Exception;
  }

  @Test
  void shouldStopWaitingForTheLedgerInAPartitionAssignmentWhenStoppedBeforeTheListenerContainers()
      throws Exception {
    // a ledger that never catches up: never started, as when the broker went away before it read
    CommandLedger stuck = new CommandLedger(Map.of(), null, "restore");
    CommandDispatcher dispatcher =
        new CommandDispatcher(
            List.of(),
            stuck,
            publisher,
            metadata,
            new SimpleMeterRegistry(),
            Duration.ofSeconds(1));
    CompletableFuture<Throwable> assignment =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                dispatcher.onPartitionsAssigned(
                    Map.of(new TopicPartition(Topics.RESTORE_COMMANDS, 0), 0L), null);
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });

    dispatcher.stop();

    // listener containers stop in phase Integer.MAX_VALUE - 100, after the higher phases
    assertThat(dispatcher.getPhase()).isGreaterThan(Integer.MAX_VALUE - 100);
    assertThat(dispatcher.isRunning()).isFalse();
    assertThat(assignment.get(30, TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped before the command ledger");
  }

  private RestoreTableToPointInTimeResult dispatch(
      RestoreTableToPointInTimeCommand command, Handle handle) {
    return published(dispatcher(handle, SERVICE_MAPPING), command);
  }

  private CommandDispatcher dispatcher(Handle handle, CommandFailureMapper failures) {
    CommandHandler<RestoreTableToPointInTimeCommand> handler =
        new CommandHandler<>() {
          @Override
          public Class<RestoreTableToPointInTimeCommand> commandType() {
            return RestoreTableToPointInTimeCommand.class;
          }

          @Override
          public SpecificRecord handle(
              RestoreTableToPointInTimeCommand command, CommandContext context) throws Exception {
            return handle.handle(command, context);
          }
        };
    CommandDispatcher dispatcher =
        new CommandDispatcher(
            () -> List.of(handler),
            ledger,
            publisher,
            metadata,
            new SimpleMeterRegistry(),
            Duration.ofSeconds(1),
            failures);
    dispatcher.afterSingletonsInstantiated();
    return dispatcher;
  }

  private RestoreTableToPointInTimeResult published(
      CommandDispatcher dispatcher, RestoreTableToPointInTimeCommand command) {
    when(ledger.find(any())).thenReturn(Optional.empty());
    dispatcher.onCommand(new ConsumerRecord<>(Topics.RESTORE_COMMANDS, 0, 0, "inc-1", command));
    ArgumentCaptor<IndexedRecord> published = ArgumentCaptor.forClass(IndexedRecord.class);
    verify(publisher).publish(eq(Topics.COMMAND_RESULTS), published.capture());
    verify(ledger).markCompleted(eq("idem-1"), any());
    return (RestoreTableToPointInTimeResult) published.getValue();
  }

  private static RestoreTableToPointInTimeCommand command() {
    return RestoreTableToPointInTimeCommand.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId("cmd-1")
                .setIncidentId("inc-1")
                .setCorrelationId("inc-1")
                .setOccurredAt(RECEIVED.minusMillis(5))
                .setProducer("orchestrator-test")
                .setRunbookId("table-corruption")
                .setRunbookVersion(1)
                .setStepId("restore")
                .setIdempotencyKey("idem-1")
                .build())
        .setSourceTableName("entities")
        .setTargetTableName("entities-recovery")
        .setRegion("us-east-1")
        .setRestorePointTime(Instant.parse("2026-01-15T10:29:00Z"))
        .build();
  }

  /** Time moves only when the test moves it. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
