package io.drautopilot.messaging.command;

import static io.drautopilot.messaging.command.LedgerRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.drautopilot.contracts.Topics;
import io.drautopilot.messaging.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * The ledger's own writes, and its life cycle around the reading thread on a {@link MockConsumer},
 * without a broker (reading the topic back on a real one is {@code CommandLedgerReplayIT}'s).
 */
class CommandLedgerTest {

  static final TopicPartition P0 = new TopicPartition(Topics.COMMAND_LEDGER, 0);

  @SuppressWarnings("unchecked")
  final KafkaTemplate<String, Object> template = mock(KafkaTemplate.class);

  final List<ProducerRecord<String, Object>> sent = new ArrayList<>();
  final CommandLedger ledger = new CommandLedger(Map.of(), template, "restore");

  final Flaky consumer = new Flaky();
  final List<Map<String, Object>> consumerConfigs = new ArrayList<>();
  final List<Thread> readers = new ArrayList<>();
  final CommandLedger reading =
      new CommandLedger(
          Map.of(
              ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
              "ledger-broker:9092",
              ConsumerConfig.GROUP_ID_CONFIG,
              "restore-service",
              "spring.deserializer.value.delegate.class",
              "some.Deserializer"),
          template,
          "restore",
          config -> {
            consumerConfigs.add(config);
            readers.add(Thread.currentThread());
            return consumer;
          },
          Duration.ZERO);

  final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  final Logger ledgerLog = (Logger) LoggerFactory.getLogger(CommandLedger.class);

  CommandLedgerTest() {
    logs.start();
    ledgerLog.addAppender(logs);
    consumer.updatePartitions(
        Topics.COMMAND_LEDGER,
        List.of(new PartitionInfo(Topics.COMMAND_LEDGER, 0, null, null, null)));
    consumer.updateBeginningOffsets(Map.of(P0, 0L));
    consumer.updateEndOffsets(Map.of(P0, 0L));
  }

  @AfterEach
  void stopReading() {
    reading.stop();
    ledgerLog.detachAppender(logs);
  }

  @Test
  void shouldKnowACommandAsStartedOnceItsStartIsWritten() {
    acceptWrites();

    ledger.markStarted("idem-1");

    assertThat(ledger.find("idem-1"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(CommandLedger.State.STARTED));
    assertThat(ledger.find("idem-2")).isEmpty();
    assertThat(ledger.size()).isEqualTo(1);
  }

  @Test
  void shouldKeepTheEncodedResultOfACompletedCommand() {
    acceptWrites();
    byte[] result = {1, 2, 3};

    ledger.markStarted("idem-1");
    ledger.markCompleted("idem-1", result);

    assertThat(ledger.find("idem-1"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.state()).isEqualTo(CommandLedger.State.COMPLETED);
              assertThat(e.result()).containsExactly(1, 2, 3);
            });
    assertThat(ledger.size()).isEqualTo(1);
  }

  @Test
  void shouldWriteEachEntryUnderTheHandlersOwnKeyWithItsStateAndHandlerInTheHeaders() {
    acceptWrites();

    ledger.markCompleted("idem-1", new byte[] {7});

    assertThat(sent)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.topic()).isEqualTo(Topics.COMMAND_LEDGER);
              assertThat(r.key()).isEqualTo("restore:idem-1");
              assertThat((byte[]) r.value()).containsExactly(7);
              assertThat(header(r, EventHeaders.LEDGER_STATE)).isEqualTo("COMPLETED");
              assertThat(header(r, EventHeaders.HANDLER)).isEqualTo("restore");
            });
  }

  @Test
  void shouldNotTakeACommandAsStartedWhenItsStartCouldNotBeWritten() {
    when(template.send(any(ProducerRecord.class)))
        .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("broker gone")));

    assertThatThrownBy(() -> ledger.markStarted("idem-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not write the command ledger for restore:idem-1");
    assertThat(ledger.find("idem-1")).isEmpty();
  }

  @Test
  void shouldRefuseToGoOnWhenItCannotCatchUpInTime() {
    // never started: nothing reads the topic, so it can never have caught up
    assertThatThrownBy(() -> ledger.awaitCaughtUp(Duration.ofMillis(50)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("did not catch up within PT0.05S");
    assertThat(ledger.isRunning()).isFalse();
  }

  @Test
  void shouldGiveUpACatchUpAtOnceWhenItsWaiterIsStopped() throws Exception {
    // never started: without the abandonment, this wait would last its whole minute
    CompletableFuture<Void> abandoned = new CompletableFuture<>();
    CompletableFuture<Throwable> waited =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                ledger.awaitCaughtUp(Duration.ofMinutes(1), abandoned);
                return null;
              } catch (RuntimeException e) {
                return e;
              }
            });

    abandoned.complete(null);

    assertThat(waited.get(30, TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stopped before the command ledger")
        .hasMessageContaining("no command of these partitions is handled");
  }

  @Test
  void shouldStartBeforeTheListenersThatAskIt() {
    // listener containers start in phase Integer.MAX_VALUE - 100
    assertThat(ledger.getPhase()).isLessThan(Integer.MAX_VALUE - 100);
  }

  @Test
  void shouldStartOnlyOnceItHasReadTheLedgerToItsEnd() {
    consumer.updateEndOffsets(Map.of(P0, 2L));
    consumer.schedulePollTask(
        () -> {
          consumer.addRecord(record(0, 0, "restore:idem-started", "STARTED", new byte[0]));
          consumer.addRecord(record(0, 1, "restore:idem-done", "COMPLETED", new byte[] {4, 2}));
        });

    reading.start();

    assertThat(reading.isRunning()).isTrue();
    assertThat(reading.find("idem-started"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(CommandLedger.State.STARTED));
    assertThat(reading.find("idem-done"))
        .hasValueSatisfying(e -> assertThat(e.result()).containsExactly(4, 2));
    assertThat(reading.size()).isEqualTo(2);
  }

  @Test
  void shouldReadTheLedgerOnADaemonThreadNamedAfterItsHandler() {
    reading.start();

    assertThat(readers)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.getName()).isEqualTo("command-ledger-restore");
              assertThat(t.isDaemon()).as("does not keep a stopping service alive").isTrue();
            });
  }

  @Test
  void shouldReadWithItsOwnSettingsNotTheListenersGroupOrDeserializers() {
    reading.start();

    assertThat(consumerConfigs)
        .singleElement()
        .satisfies(
            config -> {
              assertThat(config)
                  .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "ledger-broker:9092")
                  .containsEntry(
                      ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
                  .containsEntry(
                      ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)
                  .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                  .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                  .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                  .doesNotContainKey("spring.deserializer.value.delegate.class")
                  .hasSize(5);
            });
  }

  @Test
  void shouldSeeWhatAnotherInstanceWroteOnceCaughtUp() {
    reading.start();

    consumer.updateEndOffsets(Map.of(P0, 1L));
    consumer.schedulePollTask(
        () ->
            consumer.addRecord(
                record(0, 0, "restore:idem-elsewhere", "COMPLETED", new byte[] {3})));
    reading.awaitCaughtUp(Duration.ofSeconds(30));

    assertThat(reading.find("idem-elsewhere"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(CommandLedger.State.COMPLETED));
  }

  @Test
  void shouldStopReadingAndCloseItsConsumerWhenStopped() {
    reading.start();

    reading.stop();

    assertThat(reading.isRunning()).isFalse();
    assertThat(consumer.closed()).isTrue();
    assertThat(readers).singleElement().satisfies(t -> assertThat(t.isAlive()).isFalse());
  }

  @Test
  void shouldStopWhileWaitingForTheLedgerTopicToExist() throws Exception {
    // a KafkaConsumer's lookup of a missing topic waits out its timeout unless woken up
    CountDownLatch lookingUp = new CountDownLatch(1);
    Semaphore wakeups = new Semaphore(0);
    MockConsumer<String, byte[]> waiting =
        new MockConsumer<>("earliest") {
          @Override
          public List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
            lookingUp.countDown();
            try {
              if (wakeups.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new WakeupException();
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return List.of();
          }

          @Override
          public synchronized void wakeup() {
            wakeups.release();
          }
        };
    AtomicReference<Thread> starting = new AtomicReference<>();
    CommandLedger waitingLedger =
        new CommandLedger(
            Map.of(),
            template,
            "restore",
            config -> {
              // only the stop wakes the lookup up: the start's catch-up is asked for before the
              // consumer exists
              awaitWaiting(starting.get());
              return waiting;
            },
            Duration.ZERO);
    Thread starter =
        new Thread(
            () -> {
              try {
                waitingLedger.start();
              } catch (IllegalStateException e) {
                // the start's catch-up is never answered once stopped
              }
            });
    starter.setDaemon(true);
    starting.set(starter);
    starter.start();
    assertThat(lookingUp.await(30, TimeUnit.SECONDS)).isTrue();

    waitingLedger.stop();

    assertThat(waiting.closed()).as("the reading thread ended within the stop").isTrue();
  }

  @Test
  void shouldStopWhenNeverStarted() {
    reading.stop();

    assertThat(reading.isRunning()).isFalse();
    assertThat(consumerConfigs).isEmpty();
  }

  @Test
  void shouldKeepTheInterruptOfAThreadStoppingIt() {
    // the reading thread still closing its consumer when the stop waits for it (a dead one is not
    // waited for)
    consumer.mayClose = new CountDownLatch(1);
    reading.start();
    Thread.currentThread().interrupt();

    try {
      reading.stop();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
      consumer.mayClose.countDown();
    }
  }

  @Test
  void shouldRefuseToStartWhenTheLedgerCannotBeRead() {
    Thread starter = Thread.currentThread();
    IllegalStateException broken = new IllegalStateException("no such broker");
    CommandLedger unreadable =
        new CommandLedger(
            Map.of(),
            template,
            "restore",
            config -> {
              awaitWaiting(starter);
              throw broken;
            },
            Duration.ZERO);

    assertThatThrownBy(unreadable::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot catch up")
        .hasMessageContaining("no such broker")
        .rootCause()
        .isSameAs(broken);
    assertThat(unreadable.isRunning()).isFalse();
  }

  @Test
  void shouldRefuseToStartOnARecordOfItsOwnThatItCannotDecode() {
    Thread starter = Thread.currentThread();
    consumer.updateEndOffsets(Map.of(P0, 2L));
    // the first poll takes the start's catch-up in (one of two records read), the second stops the
    // thread
    consumer.schedulePollTask(
        () -> consumer.addRecord(record(0, 0, "restore:idem-0", "STARTED", new byte[0])));
    consumer.schedulePollTask(
        () -> consumer.addRecord(record(0, 1, "restore:idem-1", "CANCELLED", new byte[] {1})));
    CommandLedger ledgerOf =
        new CommandLedger(
            Map.of(),
            template,
            "restore",
            config -> {
              // the start's catch-up is asked for before the first record arrives
              awaitWaiting(starter);
              return consumer;
            },
            Duration.ZERO);

    assertThatThrownBy(ledgerOf::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot catch up")
        .hasMessageContaining(Topics.COMMAND_LEDGER + " partition 0 offset 1, key restore:idem-1")
        .hasMessageContaining("tombstone")
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
    assertThat(ledgerOf.isRunning()).isFalse();
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void shouldRideOutTransientErrorsWarningOncePerStreak() {
    for (int i = 0; i < 3; i++) {
      consumer.schedulePollTask(
          () -> {
            throw new TimeoutException("poll timed out");
          });
    }

    reading.start();
    assertThat(warnings()).singleElement().asString().contains("poll timed out");

    consumer.updateEndOffsets(Map.of(P0, 1L));
    consumer.schedulePollTask(
        () -> consumer.addRecord(record(0, 0, "restore:idem-1", "COMPLETED", new byte[] {1})));
    consumer.endOffsetsFailures.set(2);
    reading.awaitCaughtUp(Duration.ofSeconds(30));

    assertThat(reading.find("idem-1")).isPresent();
    assertThat(warnings())
        .as("a second streak, warned once")
        .hasSize(2)
        .last()
        .asString()
        .contains("end offsets timed out");
    // the round that answers a catch-up notes the recovery after answering: two more rounds see it
    // noted,
    // and that no round without errors before it notes one
    reading.awaitCaughtUp(Duration.ofSeconds(30));
    reading.awaitCaughtUp(Duration.ofSeconds(30));
    assertThat(logged())
        .extracting(ILoggingEvent::getFormattedMessage)
        .filteredOn(m -> m.contains("reading again"))
        .containsExactly(
            "command ledger for restore reading again after 3 transient errors",
            "command ledger for restore reading again after 2 transient errors");
  }

  @Test
  void shouldFailEveryCatchUpAtOnceOnceStoppedByAnErrorItCannotRideOut() {
    reading.start();
    consumer.endOffsetsError = new KafkaException("not authorized to describe the ledger");
    consumer.endOffsetsFailures.set(1);

    assertThatThrownBy(() -> reading.awaitCaughtUp(Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot catch up")
        .hasMessageContaining("not authorized to describe the ledger")
        .rootCause()
        .isSameAs(consumer.endOffsetsError);
    assertThat(consumer.closed()).isTrue();
    // nothing reads any more: a later catch-up is refused as well, for the same reason
    assertThatThrownBy(() -> reading.awaitCaughtUp(Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not authorized to describe the ledger");
  }

  @Test
  void shouldEndAStartWaitingForTheLedgerWhenStopped() throws Exception {
    consumer.updateEndOffsets(Map.of(P0, 1L));
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                reading.start();
              } catch (RuntimeException e) {
                failed.set(e);
              }
            });
    starter.setDaemon(true);
    starter.start();
    // the record the start waits for never arrives
    assertThat(consumer.endOffsetsAsked.await(30, TimeUnit.SECONDS)).isTrue();

    reading.stop();
    starter.join();

    assertThat(failed.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was stopped");
    assertThat(reading.isRunning()).isFalse();
    assertThatThrownBy(() -> reading.awaitCaughtUp(Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was stopped");
  }

  @Test
  void shouldStopWhilePausingAfterATransientError() throws Exception {
    CommandLedger pausing =
        new CommandLedger(Map.of(), template, "restore", config -> consumer, Duration.ofMinutes(5));
    consumer.endOffsetsFailures.set(1);
    Thread starter = startInTheBackground(pausing);
    assertThat(consumer.endOffsetsAsked.await(30, TimeUnit.SECONDS)).isTrue();

    pausing.stop();

    assertThat(consumer.closed()).as("the reading thread ended within the stop").isTrue();
    starter.join();
  }

  @Test
  void shouldStopReadingWhenInterruptedWhilePausing() throws Exception {
    AtomicReference<Thread> reader = new AtomicReference<>();
    CommandLedger pausing =
        new CommandLedger(
            Map.of(),
            template,
            "restore",
            config -> {
              reader.set(Thread.currentThread());
              return consumer;
            },
            Duration.ofMinutes(5));
    consumer.endOffsetsFailures.set(1);
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                pausing.start();
              } catch (RuntimeException e) {
                failed.set(e);
              }
            });
    starter.setDaemon(true);
    starter.start();
    assertThat(consumer.endOffsetsAsked.await(30, TimeUnit.SECONDS)).isTrue();

    reader.get().interrupt();
    starter.join();

    assertThat(failed.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("interrupted pausing after")
        .hasRootCauseInstanceOf(InterruptedException.class);
    assertThat(consumer.closed()).isTrue();
    assertThat(consumer.closedInterrupted).as("the interrupt kept").isTrue();
  }

  @Test
  void shouldReadAgainWhenStartedAfterAStop() {
    List<Flaky> made = new ArrayList<>();
    CommandLedger restartable =
        new CommandLedger(
            Map.of(),
            template,
            "restore",
            config -> {
              Flaky fresh = new Flaky();
              fresh.updatePartitions(
                  Topics.COMMAND_LEDGER,
                  List.of(new PartitionInfo(Topics.COMMAND_LEDGER, 0, null, null, null)));
              fresh.updateBeginningOffsets(Map.of(P0, 0L));
              fresh.updateEndOffsets(Map.of(P0, 0L));
              made.add(fresh);
              return fresh;
            },
            Duration.ZERO);
    restartable.start();
    restartable.stop();

    restartable.start();
    try {
      assertThat(restartable.isRunning()).isTrue();
      restartable.awaitCaughtUp(Duration.ofSeconds(30));
      assertThat(made).hasSize(2);
    } finally {
      restartable.stop();
    }
  }

  private static Thread startInTheBackground(CommandLedger ledger) {
    Thread starter =
        new Thread(
            () -> {
              try {
                ledger.start();
              } catch (IllegalStateException e) {
                // stopped before it caught up
              }
            });
    starter.setDaemon(true);
    starter.start();
    return starter;
  }

  private List<String> warnings() {
    return logged().stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  /** What was logged so far, in order. */
  private List<ILoggingEvent> logged() {
    // the reading thread may be logging meanwhile: the appender appends under its own lock
    // (AppenderBase.doAppend), and its list is a plain ArrayList
    synchronized (logs) {
      return List.copyOf(logs.list);
    }
  }

  @Test
  void shouldKeepTheInterruptOfAThreadWaitingForItToCatchUp() {
    Thread.currentThread().interrupt();

    try {
      assertThatThrownBy(() -> ledger.awaitCaughtUp(Duration.ofSeconds(30)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("interrupted waiting for the command ledger");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void shouldKeepTheInterruptOfAThreadWritingAndNotTakeTheWrite() {
    when(template.send(any(ProducerRecord.class))).thenReturn(new CompletableFuture<>());
    Thread.currentThread().interrupt();

    try {
      assertThatThrownBy(() -> ledger.markStarted("idem-1"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("interrupted writing the command ledger");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(ledger.find("idem-1")).isEmpty();
  }

  /** Until {@code starter} waits for the reading thread, so that its catch-up request is queued. */
  private static void awaitWaiting(Thread starter) {
    try {
      for (int i = 0; i < 30_000 && starter.getState() != Thread.State.TIMED_WAITING; i++) {
        Thread.sleep(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptWrites() {
    when(template.send(any(ProducerRecord.class)))
        .thenAnswer(
            invocation -> {
              sent.add(invocation.getArgument(0));
              return CompletableFuture.completedFuture((SendResult<String, Object>) null);
            });
  }

  private static String header(ProducerRecord<String, Object> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  /** A {@link MockConsumer} whose end-offset lookups can fail, and that tells when one was asked for. */
  static final class Flaky extends MockConsumer<String, byte[]> {

    final AtomicInteger endOffsetsFailures = new AtomicInteger();
    volatile KafkaException endOffsetsError = new TimeoutException("end offsets timed out");
    final CountDownLatch endOffsetsAsked = new CountDownLatch(1);
    volatile boolean closedInterrupted;
    volatile CountDownLatch mayClose = new CountDownLatch(0);

    Flaky() {
      super("earliest");
    }

    @Override
    public synchronized Map<TopicPartition, Long> endOffsets(
        Collection<TopicPartition> partitions) {
      endOffsetsAsked.countDown();
      if (endOffsetsFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw endOffsetsError;
      }
      return super.endOffsets(partitions);
    }

    @Override
    public void close(CloseOptions options) {
      // the ledger closes its reader as a reader (Readers.close)
      closedInterrupted = Thread.currentThread().isInterrupted();
      try {
        mayClose.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      super.close(options);
    }
  }
}
