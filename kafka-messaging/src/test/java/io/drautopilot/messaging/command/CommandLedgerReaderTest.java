package io.drautopilot.messaging.command;

import static io.drautopilot.messaging.command.LedgerRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.contracts.Topics;
import io.drautopilot.messaging.command.CommandLedger.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

/**
 * The reading thread's rounds, one at a time on a {@link MockConsumer}: the topic read from its
 * beginning on every partition, and a catch-up answered only once everything written before it was
 * read.
 */
class CommandLedgerReaderTest {

  static final TopicPartition P0 = new TopicPartition(Topics.COMMAND_LEDGER, 0);
  static final TopicPartition P1 = new TopicPartition(Topics.COMMAND_LEDGER, 1);

  final Lookups consumer = new Lookups();
  final CommandLedgerView view = new CommandLedgerView("restore");
  final Queue<CompletableFuture<Void>> requests = new ConcurrentLinkedQueue<>();
  final CommandLedgerReader reader =
      new CommandLedgerReader(consumer, view, requests, Duration.ZERO);

  CommandLedgerReaderTest() {
    consumer.updatePartitions(Topics.COMMAND_LEDGER, List.of(partition(0), partition(1)));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
    consumer.updateEndOffsets(Map.of(P0, 0L, P1, 0L));
  }

  @Test
  void shouldReadEveryPartitionOfTheTopicFromItsBeginning() {
    consumer.updateBeginningOffsets(Map.of(P0, 5L, P1, 0L));
    consumer.updateEndOffsets(Map.of(P0, 7L, P1, 1L));

    assertThat(reader.open(() -> true)).isTrue();
    consumer.addRecord(record(0, 5, "restore:idem-1", "COMPLETED", new byte[] {1}));
    consumer.addRecord(record(1, 0, "restore:idem-2", "STARTED", new byte[0]));
    reader.round();

    assertThat(consumer.assignment()).containsExactlyInAnyOrder(P0, P1);
    assertThat(view.find("restore:idem-1"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(State.COMPLETED));
    assertThat(view.find("restore:idem-2"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(State.STARTED));
    assertThat(consumer.position(P0)).isEqualTo(6);
  }

  @Test
  void shouldApplyTheRecordsOfOnePartitionInTheirOrder() {
    reader.open(() -> true);
    consumer.addRecord(record(0, 0, "restore:idem-1", "STARTED", new byte[0]));
    consumer.addRecord(record(0, 1, "restore:idem-1", "COMPLETED", new byte[] {9}));
    consumer.addRecord(record(0, 2, "restore:idem-2", "COMPLETED", new byte[] {9}));
    consumer.addRecord(record(0, 3, "restore:idem-2", "COMPLETED", null));
    reader.round();

    assertThat(view.find("restore:idem-1"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(State.COMPLETED));
    assertThat(view.find("restore:idem-2")).isEmpty();
  }

  @Test
  void shouldNotLookTheTopicUpOnceStopped() {
    assertThat(reader.open(() -> false)).isFalse();

    assertThat(consumer.lookups).isZero();
    assertThat(consumer.assignment()).isEmpty();
  }

  @Test
  void shouldWaitForATopicNotThereYet() {
    consumer.answers.add(List.of());
    consumer.answers.add(nothing());

    assertThat(reader.open(() -> true)).isTrue();

    assertThat(consumer.lookups).isEqualTo(3);
    assertThat(consumer.assignment()).containsExactlyInAnyOrder(P0, P1);
  }

  @Test
  void shouldKeepLookingTheTopicUpWhenACatchUpRequestWakesIt() {
    consumer.wakeups = 2;

    assertThat(reader.open(() -> true)).isTrue();

    assertThat(consumer.lookups).isEqualTo(3);
  }

  @Test
  void shouldStopLookingTheTopicUpWhenStoppedWhileWaitingForIt() {
    // a stop wakes the consumer up in the middle of a lookup: it must not look again
    List<Boolean> running = new ArrayList<>(List.of(true, false));
    consumer.wakeups = 1;

    assertThat(reader.open(() -> running.remove(0))).isFalse();

    assertThat(consumer.lookups).isEqualTo(1);
    assertThat(consumer.assignment()).isEmpty();
  }

  @Test
  void shouldGiveUpOnATopicStillMissingAfterHalfAMinuteOfLookups() {
    for (int i = 0; i < 40; i++) {
      consumer.answers.add(List.of());
    }

    assertThatThrownBy(() -> reader.open(() -> true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("topic " + Topics.COMMAND_LEDGER + " does not exist");
    // the first lookup and 31 more, a second apart in production
    assertThat(consumer.lookups).isEqualTo(32);
  }

  @Test
  void shouldGiveUpWhenInterruptedWhileWaitingForTheTopic() {
    consumer.answers.add(List.of());
    CommandLedgerReader pausing =
        new CommandLedgerReader(consumer, view, requests, Duration.ofSeconds(30));
    Thread.currentThread().interrupt();

    try {
      assertThatThrownBy(() -> pausing.open(() -> true))
          .isInstanceOf(IllegalStateException.class)
          .hasCauseInstanceOf(InterruptedException.class);
      assertThat(Thread.currentThread().isInterrupted()).as("interrupt kept").isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(consumer.lookups).isEqualTo(1);
  }

  @Test
  void shouldAnswerACatchUpOnlyOnceEveryPartitionIsReadToItsEnd() {
    consumer.updateEndOffsets(Map.of(P0, 2L, P1, 1L));
    reader.open(() -> true);
    CompletableFuture<Void> request = request();
    consumer.addRecord(record(0, 0, "restore:idem-1", "STARTED", new byte[0]));
    consumer.addRecord(record(0, 1, "restore:idem-1", "COMPLETED", new byte[] {1}));

    reader.round();
    assertThat(request).as("partition 1 not read yet").isNotDone();

    consumer.addRecord(record(1, 0, "restore:idem-2", "COMPLETED", new byte[] {1}));
    reader.round();
    assertThat(request).isCompleted();
    assertThat(view.size()).isEqualTo(2);
  }

  @Test
  void shouldAnswerACatchUpOnAnEmptyTopicAtOnce() {
    reader.open(() -> true);
    CompletableFuture<Void> request = request();

    reader.round();

    assertThat(request).isCompleted();
  }

  @Test
  void shouldAnswerEveryWaitingCatchUpTogether() {
    consumer.updateEndOffsets(Map.of(P0, 1L, P1, 0L));
    reader.open(() -> true);
    CompletableFuture<Void> first = request();
    reader.round();
    CompletableFuture<Void> second = request();
    reader.round();
    assertThat(first).isNotDone();
    assertThat(second).isNotDone();

    consumer.addRecord(record(0, 0, "restore:idem-1", "STARTED", new byte[0]));
    reader.round();

    assertThat(first).isCompleted();
    assertThat(second).isCompleted();
  }

  @Test
  void shouldNotKeepACatchUpWaitingForWhatWasWrittenAfterIt() {
    consumer.updateEndOffsets(Map.of(P0, 2L, P1, 0L));
    reader.open(() -> true);
    CompletableFuture<Void> request = request();
    reader.round();

    // another instance writes a third record before the first two arrive
    consumer.updateEndOffsets(Map.of(P0, 3L, P1, 0L));
    consumer.addRecord(record(0, 0, "restore:idem-1", "STARTED", new byte[0]));
    consumer.addRecord(record(0, 1, "restore:idem-1", "COMPLETED", new byte[] {1}));
    reader.round();

    assertThat(request).isCompleted();
  }

  @Test
  void shouldWaitForWhatWasWrittenBeforeALaterCatchUp() {
    reader.open(() -> true);
    CompletableFuture<Void> first = request();
    reader.round();
    assertThat(first).isCompleted();

    consumer.updateEndOffsets(Map.of(P0, 1L, P1, 0L));
    CompletableFuture<Void> second = request();
    reader.round();
    assertThat(second).as("the record written before it not read yet").isNotDone();

    consumer.addRecord(record(0, 0, "restore:idem-1", "COMPLETED", new byte[] {1}));
    reader.round();
    assertThat(second).isCompleted();
    assertThat(view.find("restore:idem-1")).isPresent();
  }

  @Test
  void shouldTakeAWakeUpAsARoundToGoAgain() {
    consumer.updateEndOffsets(Map.of(P0, 1L, P1, 0L));
    reader.open(() -> true);
    consumer.addRecord(record(0, 0, "restore:idem-1", "COMPLETED", new byte[] {1}));
    CompletableFuture<Void> request = request();
    consumer.wakeup();

    assertThat(reader.round()).as("cut short").isFalse();
    assertThat(request).isNotDone();

    assertThat(reader.round()).isTrue();
    assertThat(request).isCompleted();
    assertThat(view.find("restore:idem-1")).isPresent();
  }

  @Test
  void shouldLeaveARoundsWorkForTheNextOnATransientError() {
    consumer.updateEndOffsets(Map.of(P0, 1L, P1, 0L));
    reader.open(() -> true);
    consumer.addRecord(record(0, 0, "restore:idem-1", "COMPLETED", new byte[] {1}));
    CompletableFuture<Void> request = request();
    consumer.setOffsetsException(new TimeoutException("end offsets timed out"));

    assertThatThrownBy(reader::round).isInstanceOf(TimeoutException.class);
    assertThat(request).isNotDone();

    assertThat(reader.round()).isTrue();
    assertThat(request)
        .as("taken in before the error, its end offsets looked up again")
        .isCompleted();
    assertThat(view.find("restore:idem-1")).isPresent();
  }

  @Test
  void shouldStopOnARecordOfItsOwnThatItCannotDecode() {
    reader.open(() -> true);
    consumer.addRecord(record(0, 0, "restore:idem-1", "CANCELLED", new byte[] {1}));
    CompletableFuture<Void> request = request();

    assertThatThrownBy(reader::round).isInstanceOf(IllegalArgumentException.class);
    assertThat(request).isNotDone();
  }

  private CompletableFuture<Void> request() {
    CompletableFuture<Void> request = new CompletableFuture<>();
    requests.add(request);
    return request;
  }

  private static PartitionInfo partition(int p) {
    return new PartitionInfo(Topics.COMMAND_LEDGER, p, null, null, null);
  }

  private static List<PartitionInfo> nothing() {
    return null;
  }

  /**
   * Counts the topic lookups, answers the first ones from {@code answers} (the topic not there yet)
   * and throws {@link WakeupException} from the first {@code wakeups}, as a woken {@code KafkaConsumer} does.
   */
  static final class Lookups extends MockConsumer<String, byte[]> {

    final Queue<List<PartitionInfo>> answers = new LinkedList<>();
    int lookups;
    int wakeups;

    Lookups() {
      // the ledger's consumer has no group, so Kafka's default reset applies: only its seek reads
      // the topic from its beginning
      super("latest");
    }

    @Override
    public synchronized List<PartitionInfo> partitionsFor(String topic, Duration timeout) {
      lookups++;
      if (wakeups > 0) {
        wakeups--;
        throw new WakeupException();
      }
      if (!answers.isEmpty()) {
        return answers.poll();
      }
      return super.partitionsFor(topic, timeout);
    }
  }
}
