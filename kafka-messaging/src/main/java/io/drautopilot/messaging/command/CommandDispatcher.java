package io.drautopilot.messaging.command;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.messaging.EventMetadataFactory;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.messaging.UnhandledEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;

/**
 * Routes each command on the service's command topic(s) to its {@link CommandHandler}, exactly the
 * same way in every handler service:
 *
 * <ol>
 *   <li>already completed (same idempotency key in the {@link CommandLedger})? publish the recorded
 *       result again and do nothing else;
 *   <li>otherwise record STARTED, call the handler (telling it whether an earlier attempt started and
 *       never finished), publish its typed result to {@value Topics#COMMAND_RESULTS}, record COMPLETED.
 * </ol>
 *
 * A handler returns its success outcome and the dispatcher builds the {@code <Verb><Noun>Result}
 * around it once the handler has returned; a handler exception becomes the result's
 * {@code CommandFailure} through the one {@link CommandFailureMapper}. A command nobody handles goes
 * to the dead-letter topic.
 */
public class CommandDispatcher
    implements ConsumerSeekAware, SmartInitializingSingleton, SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

  private final Map<Class<?>, CommandHandler<SpecificRecord>> handlers = new HashMap<>();
  private final Supplier<List<CommandHandler<?>>> handlerSource;
  private final CommandLedger ledger;
  private final EventPublisher publisher;
  private final EventMetadataFactory metadata;
  private final MeterRegistry meters;
  private final Duration progressInterval;
  private final CommandFailureMapper failures;

  /** Completed when the context stops: a partition assignment waiting for the ledger gives up. */
  private volatile CompletableFuture<Void> stopped = new CompletableFuture<>();

  /**
   * @param handlers read once every singleton of the context exists (see {@link #afterSingletonsInstantiated}),
   *     so a handler that depends on other beans is never missed, whatever the creation order
   * @param failures turns a handler's exception into its command failure
   */
  public CommandDispatcher(
      Supplier<List<CommandHandler<?>>> handlers,
      CommandLedger ledger,
      EventPublisher publisher,
      EventMetadataFactory metadata,
      MeterRegistry meters,
      Duration progressInterval,
      CommandFailureMapper failures) {
    this.handlerSource = handlers;
    this.ledger = ledger;
    this.publisher = publisher;
    this.metadata = metadata;
    this.meters = meters;
    this.progressInterval = progressInterval;
    this.failures = failures;
  }

  public CommandDispatcher(
      Supplier<List<CommandHandler<?>>> handlers,
      CommandLedger ledger,
      EventPublisher publisher,
      EventMetadataFactory metadata,
      MeterRegistry meters,
      Duration progressInterval) {
    this(
        handlers,
        ledger,
        publisher,
        metadata,
        meters,
        progressInterval,
        CommandFailureMapper.GENERIC);
  }

  public CommandDispatcher(
      List<CommandHandler<?>> handlers,
      CommandLedger ledger,
      EventPublisher publisher,
      EventMetadataFactory metadata,
      MeterRegistry meters,
      Duration progressInterval) {
    this(
        () -> handlers,
        ledger,
        publisher,
        metadata,
        meters,
        progressInterval,
        CommandFailureMapper.GENERIC);
    afterSingletonsInstantiated();
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized void afterSingletonsInstantiated() {
    if (!handlers.isEmpty()) {
      return;
    }
    for (CommandHandler<?> h : handlerSource.get()) {
      CommandResults.resultTypeOf(h.commandType());
      if (handlers.put(h.commandType(), (CommandHandler<SpecificRecord>) h) != null) {
        throw new IllegalStateException("two handlers for " + h.commandType().getName());
      }
    }
    log.info("handling {}", handlers.keySet().stream().map(Class::getSimpleName).sorted().toList());
  }

  @Override
  public void onPartitionsAssigned(
      Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
    // A partition may come from an instance that died mid-command: know what it did first.
    ledger.awaitCaughtUp(Duration.ofSeconds(60), stopped);
  }

  /**
   * Stopped just before the listener containers (phase {@code Integer.MAX_VALUE - 100}): a consumer
   * thread waiting in {@link #onPartitionsAssigned} for a ledger that cannot catch up (the broker is
   * gone) stops waiting, so its container stops at once instead of holding the service's stop for
   * the minute of that wait. The assignment then fails, and no command of it is handled.
   */
  @Override
  public void stop() {
    stopped.complete(null);
  }

  @Override
  public void start() {
    if (stopped.isDone()) {
      stopped = new CompletableFuture<>();
    }
  }

  @Override
  public boolean isRunning() {
    return !stopped.isDone();
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 99;
  }

  @KafkaListener(
      id = "command-dispatcher",
      idIsGroup = false,
      topics = "#{'${dr.messaging.command-topics}'.split(',')}")
  public void onCommand(ConsumerRecord<String, Object> record) {
    if (!(record.value() instanceof SpecificRecord command)) {
      throw new UnhandledEventException(
          "not a command: " + describe(record.value()) + " on " + record.topic());
    }
    CommandHandler<SpecificRecord> handler = handlers.get(command.getClass());
    if (handler == null) {
      throw new UnhandledEventException(
          "no handler for "
              + command.getClass().getSimpleName()
              + " on "
              + record.topic()
              + " (handled here: "
              + handlers.keySet().stream().map(Class::getSimpleName).sorted().toList()
              + ")");
    }
    EventMetadata cmd = EventPublisher.metadataOf(command);
    String key = cmd.getIdempotencyKey() != null ? cmd.getIdempotencyKey() : cmd.getEventId();
    String action = command.getClass().getSimpleName();

    Optional<CommandLedger.Entry> seen = ledger.find(key);
    if (seen.isPresent() && seen.get().state() == CommandLedger.State.COMPLETED) {
      IndexedRecord recorded = (IndexedRecord) EventCodec.shared().decode(seen.get().result());
      log.info(
          "{} {} already completed: returning the recorded result, not acting again", action, key);
      meters.counter("dr.commands.duplicates", "action", action).increment();
      publisher.publish(Topics.COMMAND_RESULTS, recorded);
      return;
    }
    boolean redelivered = seen.isPresent();
    if (redelivered) {
      log.warn(
          "{} {} was started before and never completed: the handler checks before acting",
          action,
          key);
    }
    ledger.markStarted(key);

    ProgressReporter progress =
        new ProgressReporter(publisher, metadata, cmd, action, progressInterval);
    Timer.Sample sample = Timer.start(meters);
    SpecificRecord result;
    try {
      result =
          resultOf(
              command,
              cmd,
              handler.handle(command, new CommandContext(cmd, redelivered, progress)));
    } catch (Exception e) {
      CommandFailure failure = failures.failureOf(e);
      if (!failure.getRetryable()
          && failure.getAwsRequestId() == null
          && failure.getCode().equals(e.getClass().getSimpleName())) {
        // no mapping gave it a meaning (no refusal code, not an AWS answer): most likely a bug,
        // keep the trace
        log.error("{} {} failed with an unexpected exception", action, key, e);
      } else {
        log.warn("{} {} failed: {} {}", action, key, failure.getCode(), failure.getMessage());
      }
      result = CommandResults.failure(command, metadata.causedBy(cmd), failure);
    }
    stampCompletion(result);
    String outcome =
        ((IndexedRecord) result).get(result.getSchema().getField("outcome").pos())
                instanceof CommandFailure
            ? "failure"
            : "success";
    sample.stop(meters.timer("dr.commands.handled", "action", action, "outcome", outcome));
    publisher.publish(Topics.COMMAND_RESULTS, result);
    ledger.markCompleted(key, EventCodec.shared().encode(result));
  }

  /**
   * The handler's outcome wrapped in the command's result, with metadata made now that the action has
   * ended; a complete result (the older handler form) is taken as it is.
   */
  private SpecificRecord resultOf(
      SpecificRecord command, EventMetadata cmd, SpecificRecord returned) {
    if (returned == null) {
      throw new IllegalStateException("handler returned null instead of its outcome");
    }
    if (CommandResults.resultTypeOf(command.getClass()).isInstance(returned)) {
      return returned;
    }
    return CommandResults.success(command, metadata.causedBy(cmd), returned);
  }

  /**
   * A result's {@code occurredAt} is when the action ended, whatever the handler stamped: handlers
   * commonly build the metadata before the action runs (arguments are evaluated first), and the
   * orchestrator takes this time as the step's end, so a handler's start time would shift every step
   * of the timeline and shorten the measured RTO.
   */
  private void stampCompletion(SpecificRecord result) {
    EventMetadata resultMetadata = EventPublisher.metadataOf(result);
    resultMetadata.setOccurredAt(metadata.clock().instant());
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    return value instanceof IndexedRecord r
        ? r.getSchema().getFullName()
        : value.getClass().getName();
  }
}
