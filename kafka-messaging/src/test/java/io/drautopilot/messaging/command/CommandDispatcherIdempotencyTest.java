package io.drautopilot.messaging.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeCommand;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeResult;
import io.drautopilot.contracts.restore.TableRestored;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.messaging.UnhandledEventException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.slf4j.LoggerFactory;

/** What the dispatcher does with the ledger's answer, with commands it cannot route, and what it counts. */
class CommandDispatcherIdempotencyTest {

  static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");

  final EventMetadataFactory metadata =
      new EventMetadataFactory("restore-test", Clock.fixed(NOW, ZoneOffset.UTC));
  final CommandLedger ledger = mock(CommandLedger.class);
  final EventPublisher publisher = mock(EventPublisher.class);
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final List<CommandContext> calls = new ArrayList<>();
  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final Logger dispatcherLog = (Logger) LoggerFactory.getLogger(CommandDispatcher.class);

  /** Whether the ledger had the start on record, and whether it had when the handler acted. */
  boolean ledgerStarted;

  boolean startedBeforeHandling;

  @BeforeEach
  void recordStarts() {
    doAnswer(invocation -> ledgerStarted = true).when(ledger).markStarted(anyString());
  }

  @AfterEach
  void detachLogs() {
    dispatcherLog.detachAppender(logs);
  }

  @Test
  void shouldPublishTheRecordedResultAgainWithoutActingWhenTheCommandAlreadyCompleted() {
    // given a ledger that holds the command's completed result
    SpecificRecord recorded =
        CommandResults.success(
            command("idem-1"), metadata.causedBy(command("idem-1").getMetadata()), restored());
    when(ledger.find("idem-1"))
        .thenReturn(
            Optional.of(
                new CommandLedger.Entry(
                    CommandLedger.State.COMPLETED, EventCodec.shared().encode(recorded))));
    CommandDispatcher dispatcher = dispatcher(restoring());

    // when the command is delivered again
    dispatcher.onCommand(record(command("idem-1")));

    // then the handler is not called, the recorded result goes out again and nothing new is
    // recorded
    assertThat(calls).isEmpty();
    verify(publisher).publish(Topics.COMMAND_RESULTS, recorded);
    verify(ledger, never()).markStarted(anyString());
    verify(ledger, never()).markCompleted(anyString(), any());
    assertThat(
            meters
                .counter("dr.commands.duplicates", "action", "RestoreTableToPointInTimeCommand")
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldTellTheHandlerToCheckBeforeActingWhenAnEarlierAttemptStartedAndNeverCompleted() {
    when(ledger.find("idem-1"))
        .thenReturn(Optional.of(new CommandLedger.Entry(CommandLedger.State.STARTED, new byte[0])));

    RestoreTableToPointInTimeResult result =
        publishedBy(dispatcher(restoring()), command("idem-1"));

    assertThat(calls).singleElement().extracting(CommandContext::redelivered).isEqualTo(true);
    assertThat(result.getOutcome()).isInstanceOf(TableRestored.class);
    verify(ledger).markCompleted(eq("idem-1"), any());
  }

  @Test
  void shouldRecordTheStartBeforeActingAndTheResultAfterPublishingItWhenTheCommandIsNew() {
    when(ledger.find("idem-1")).thenReturn(Optional.empty());

    publishedBy(dispatcher(restoring()), command("idem-1"));

    assertThat(calls).singleElement().extracting(CommandContext::redelivered).isEqualTo(false);
    InOrder order = inOrder(ledger, publisher);
    order.verify(ledger).markStarted("idem-1");
    order.verify(publisher).publish(eq(Topics.COMMAND_RESULTS), any());
    order.verify(ledger).markCompleted(eq("idem-1"), any());
    // the start was on record before the handler acted
    assertThat(startedBeforeHandling).isTrue();
  }

  @Test
  void shouldKeyTheLedgerByTheCommandsEventIdWhenItHasNoIdempotencyKey() {
    when(ledger.find("cmd-1")).thenReturn(Optional.empty());

    dispatcher(restoring()).onCommand(record(command(null)));

    verify(ledger).find("cmd-1");
    verify(ledger).markStarted("cmd-1");
    verify(ledger).markCompleted(eq("cmd-1"), any());
  }

  @Test
  void shouldTimeEachCommandByItsOutcome() {
    when(ledger.find(anyString())).thenReturn(Optional.empty());
    CommandDispatcher succeeding = dispatcher(restoring());
    CommandDispatcher failing =
        dispatcher(
            (c, context) -> {
              throw new IllegalStateException("boom");
            });

    succeeding.onCommand(record(command("idem-1")));
    succeeding.onCommand(record(command("idem-2")));
    failing.onCommand(record(command("idem-3")));

    assertThat(
            meters
                .timer(
                    "dr.commands.handled",
                    "action",
                    "RestoreTableToPointInTimeCommand",
                    "outcome",
                    "success")
                .count())
        .isEqualTo(2);
    assertThat(
            meters
                .timer(
                    "dr.commands.handled",
                    "action",
                    "RestoreTableToPointInTimeCommand",
                    "outcome",
                    "failure")
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldLogAnExceptionNoMappingExplainsAsAnErrorWithItsTrace() {
    when(ledger.find(anyString())).thenReturn(Optional.empty());
    captureLogs();

    dispatcher(
            (c, context) -> {
              throw new IllegalStateException("boom");
            })
        .onCommand(record(command("idem-1")));

    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.ERROR)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.getThrowableProxy().getClassName())
                    .isEqualTo(IllegalStateException.class.getName()));
  }

  @Test
  void shouldLogAMappedRefusalAsAWarningWithoutATrace() {
    when(ledger.find(anyString())).thenReturn(Optional.empty());
    captureLogs();
    CommandFailureMapper refusals =
        e ->
            CommandFailure.newBuilder()
                .setCode("TableInUse")
                .setMessage(e.getMessage())
                .setRetryable(false)
                .build();

    dispatcher(
            (c, context) -> {
              throw new IllegalStateException("table busy");
            },
            refusals)
        .onCommand(record(command("idem-1")));

    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    assertThat(logs.list)
        .filteredOn(e -> e.getLevel() == Level.WARN)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getFormattedMessage()).contains("TableInUse", "table busy");
              assertThat(e.getThrowableProxy()).isNull();
            });
  }

  @Test
  void shouldLogARetryableFailureOrAnAwsAnswerAsAWarning() {
    when(ledger.find(anyString())).thenReturn(Optional.empty());
    captureLogs();
    CommandFailureMapper retryable =
        e ->
            CommandFailure.newBuilder()
                .setCode(e.getClass().getSimpleName())
                .setMessage(e.getMessage())
                .setRetryable(true)
                .build();
    CommandFailureMapper awsAnswer =
        e ->
            CommandFailure.newBuilder()
                .setCode(e.getClass().getSimpleName())
                .setMessage(e.getMessage())
                .setRetryable(false)
                .setAwsRequestId("req-1")
                .build();

    dispatcher(
            (c, context) -> {
              throw new IllegalStateException("throttled");
            },
            retryable)
        .onCommand(record(command("idem-1")));
    dispatcher(
            (c, context) -> {
              throw new IllegalStateException("denied");
            },
            awsAnswer)
        .onCommand(record(command("idem-2")));

    assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN).hasSize(2);
  }

  @Test
  void shouldRejectARecordThatIsNotACommandNamingWhatItIs() {
    CommandDispatcher dispatcher = dispatcher(restoring());

    assertThatThrownBy(
            () ->
                dispatcher.onCommand(
                    new ConsumerRecord<>(Topics.RESTORE_COMMANDS, 0, 0, "k", "text")))
        .isInstanceOf(UnhandledEventException.class)
        .hasMessage("not a command: java.lang.String on " + Topics.RESTORE_COMMANDS);
    assertThatThrownBy(
            () ->
                dispatcher.onCommand(
                    new ConsumerRecord<>(Topics.RESTORE_COMMANDS, 0, 0, "k", null)))
        .isInstanceOf(UnhandledEventException.class)
        .hasMessage("not a command: null on " + Topics.RESTORE_COMMANDS);
    verify(ledger, never()).markStarted(anyString());
  }

  @Test
  void shouldRejectACommandNoHandlerTakesNamingTheHandledOnes() {
    CommandDispatcher dispatcher = dispatcher(restoring());
    TableRestored notACommand = restored();

    assertThatThrownBy(
            () ->
                dispatcher.onCommand(
                    new ConsumerRecord<>(Topics.RESTORE_COMMANDS, 0, 0, "k", notACommand)))
        .isInstanceOf(UnhandledEventException.class)
        .hasMessage(
            "no handler for TableRestored on "
                + Topics.RESTORE_COMMANDS
                + " (handled here: [RestoreTableToPointInTimeCommand])");
  }

  @Test
  void shouldRefuseTwoHandlersForOneCommand() {
    CommandDispatcher dispatcher =
        new CommandDispatcher(
            () -> List.of(handler(restoring()), handler(restoring())),
            ledger,
            publisher,
            metadata,
            meters,
            Duration.ofSeconds(1));

    assertThatThrownBy(dispatcher::afterSingletonsInstantiated)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("two handlers for " + RestoreTableToPointInTimeCommand.class.getName());
  }

  @Test
  void shouldHandleCommandsAtOnceWhenGivenItsHandlersAsAList() {
    when(ledger.find(anyString())).thenReturn(Optional.empty());
    CommandDispatcher dispatcher =
        new CommandDispatcher(
            List.of(handler(restoring())),
            ledger,
            publisher,
            metadata,
            meters,
            Duration.ofSeconds(1));

    dispatcher.onCommand(record(command("idem-1")));

    assertThat(calls).hasSize(1);
  }

  @Test
  void shouldWaitForTheLedgerToCatchUpBeforeTakingOverPartitions() {
    dispatcher(restoring()).onPartitionsAssigned(java.util.Map.of(), null);

    verify(ledger).awaitCaughtUp(eq(Duration.ofSeconds(60)), any());
  }

  // --- helpers

  @FunctionalInterface
  interface Handle {
    SpecificRecord handle(RestoreTableToPointInTimeCommand command, CommandContext context)
        throws Exception;
  }

  private Handle restoring() {
    return (c, context) -> restored();
  }

  private CommandHandler<RestoreTableToPointInTimeCommand> handler(Handle handle) {
    return new CommandHandler<>() {
      @Override
      public Class<RestoreTableToPointInTimeCommand> commandType() {
        return RestoreTableToPointInTimeCommand.class;
      }

      @Override
      public SpecificRecord handle(RestoreTableToPointInTimeCommand command, CommandContext context)
          throws Exception {
        calls.add(context);
        startedBeforeHandling = ledgerStarted;
        return handle.handle(command, context);
      }
    };
  }

  private CommandDispatcher dispatcher(Handle handle) {
    return dispatcher(handle, CommandFailureMapper.GENERIC);
  }

  private CommandDispatcher dispatcher(Handle handle, CommandFailureMapper failures) {
    CommandDispatcher dispatcher =
        new CommandDispatcher(
            () -> List.of(handler(handle)),
            ledger,
            publisher,
            metadata,
            meters,
            Duration.ofSeconds(1),
            failures);
    dispatcher.afterSingletonsInstantiated();
    return dispatcher;
  }

  private void captureLogs() {
    logs.start();
    dispatcherLog.addAppender(logs);
  }

  private RestoreTableToPointInTimeResult publishedBy(
      CommandDispatcher dispatcher, RestoreTableToPointInTimeCommand command) {
    dispatcher.onCommand(record(command));
    ArgumentCaptor<IndexedRecord> published = ArgumentCaptor.forClass(IndexedRecord.class);
    verify(publisher).publish(eq(Topics.COMMAND_RESULTS), published.capture());
    return (RestoreTableToPointInTimeResult) published.getValue();
  }

  private static ConsumerRecord<String, Object> record(Object value) {
    return new ConsumerRecord<>(Topics.RESTORE_COMMANDS, 0, 0, "inc-1", value);
  }

  private static TableRestored restored() {
    return TableRestored.newBuilder()
        .setTableName("entities-recovery")
        .setDurationMillis(9000)
        .setReappliedSettings(List.of("PITR"))
        .build();
  }

  private static RestoreTableToPointInTimeCommand command(String idempotencyKey) {
    return RestoreTableToPointInTimeCommand.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId("cmd-1")
                .setIncidentId("inc-1")
                .setCorrelationId("inc-1")
                .setOccurredAt(NOW.minusMillis(5))
                .setProducer("orchestrator-test")
                .setRunbookId("table-corruption")
                .setRunbookVersion(1)
                .setStepId("restore")
                .setIdempotencyKey(idempotencyKey)
                .build())
        .setSourceTableName("entities")
        .setTargetTableName("entities-recovery")
        .setRegion("us-east-1")
        .setRestorePointTime(Instant.parse("2026-01-15T10:29:00Z"))
        .build();
  }
}
