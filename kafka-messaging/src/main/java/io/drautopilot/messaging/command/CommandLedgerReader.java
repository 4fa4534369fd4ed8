package io.drautopilot.messaging.command;

import io.drautopilot.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads {@code command-ledger} from its beginning into a {@link CommandLedgerView}, one poll at a
 * time, and answers the catch-up requests. {@link CommandLedger} runs it on its own thread; it holds
 * no thread itself, so its rounds are unit-tested one by one on a {@code MockConsumer}.
 *
 * <p>A catch-up request is answered once every partition has been read up to the end offset it had
 * when the request was first seen: whatever was written before {@link CommandLedger#awaitCaughtUp}
 * is then in the view, and later writes do not keep the caller waiting.
 */
final class CommandLedgerReader {

  static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

  /** Lookups after the first before the topic is taken as missing (about half a minute). */
  static final int LOOKUP_RETRIES = 31;

  private final Consumer<String, byte[]> consumer;
  private final CommandLedgerView view;
  private final Queue<CompletableFuture<Void>> catchUpRequests;
  private final Duration lookupPause;
  private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
  private List<TopicPartition> partitions = List.of();
  private Map<TopicPartition, Long> target = Map.of();
  private boolean needTarget;

  CommandLedgerReader(
      Consumer<String, byte[]> consumer,
      CommandLedgerView view,
      Queue<CompletableFuture<Void>> catchUpRequests,
      Duration lookupPause) {
    this.consumer = consumer;
    this.view = view;
    this.catchUpRequests = catchUpRequests;
    this.lookupPause = lookupPause;
  }

  /**
   * Finds the topic's partitions and reads them from the beginning (the topic is compacted: its
   * beginning holds the latest entry of every command).
   *
   * @return false when stopped before the topic was found
   */
  boolean open(BooleanSupplier running) {
    List<TopicPartition> found = null;
    while (running.getAsBoolean() && found == null) {
      try {
        found = partitions();
      } catch (WakeupException e) {
        // a catch-up request arrived before the topic was known: keep looking it up
      }
    }
    if (found == null) {
      return false;
    }
    partitions = found;
    consumer.assign(found);
    consumer.seekToBeginning(found);
    return true;
  }

  /**
   * One poll: the records it returns go to the view, then the catch-up requests are looked at. A
   * transient error from the consumer leaves the round's work (an end-offset lookup, a catch-up
   * taken in) for the next one.
   *
   * @return false when woken up before the round's end
   */
  boolean round() {
    // wakeup() from awaitCaughtUp may interrupt any consumer call below; the loop just goes round
    // again
    try {
      for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL_TIMEOUT)) {
        view.apply(r);
      }
      CompletableFuture<Void> request;
      while ((request = catchUpRequests.poll()) != null) {
        waiting.add(request);
        needTarget = true;
      }
      if (needTarget) {
        target = consumer.endOffsets(partitions);
        needTarget = false;
      }
      if (!waiting.isEmpty() && caughtUp()) {
        waiting.forEach(f -> f.complete(null));
        waiting.clear();
      }
      return true;
    } catch (WakeupException e) {
      // handled on the next round
      return false;
    }
  }

  private List<TopicPartition> partitions() {
    for (int attempt = 0; ; attempt++) {
      List<PartitionInfo> infos = consumer.partitionsFor(Topics.COMMAND_LEDGER, LOOKUP_TIMEOUT);
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      if (attempt >= LOOKUP_RETRIES) {
        throw new IllegalStateException("topic " + Topics.COMMAND_LEDGER + " does not exist");
      }
      try {
        Thread.sleep(lookupPause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private boolean caughtUp() {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
