package io.drautopilot.messaging.command;

import io.drautopilot.contracts.Topics;
import io.drautopilot.messaging.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A handler service's durable memory of the commands it started and completed, kept on the compacted
 * topic {@value Topics#COMMAND_LEDGER} (key {@code <handler>:<idempotencyKey>}).
 *
 * <p>It starts before the listeners and reads the topic to its end, and it keeps tailing it, so any
 * instance of the service that is handed a partition (after a crash or a rebalance) first catches up
 * ({@link #awaitCaughtUp}) and then knows: completed (return the recorded result, do not act), started
 * but not completed (the previous owner died mid-action: check before acting), or new.
 */
public class CommandLedger implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CommandLedger.class);

  /** State of one command in the ledger. */
  public enum State { STARTED, COMPLETED }

  /** One ledger entry; {@code result} is the encoded result record when completed. */
  public record Entry(State state, byte[] result) {}

  private final Map<String, Object> consumerConfig;
  private final KafkaTemplate<String, Object> template;
  private final String handler;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
  private volatile KafkaConsumer<String, byte[]> consumer;
  private volatile Thread tail;
  private volatile boolean running;

  public CommandLedger(Map<String, Object> kafkaConsumerConfig, KafkaTemplate<String, Object> template, String handler) {
    this.consumerConfig = new java.util.HashMap<>(kafkaConsumerConfig);
    this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumerConfig.keySet().removeIf(k -> k.startsWith("spring.deserializer"));
    this.template = template;
    this.handler = handler;
  }

  public Optional<Entry> find(String idempotencyKey) {
    return Optional.ofNullable(entries.get(key(idempotencyKey)));
  }

  public void markStarted(String idempotencyKey) {
    write(idempotencyKey, new Entry(State.STARTED, new byte[0]));
  }

  public void markCompleted(String idempotencyKey, byte[] encodedResult) {
    write(idempotencyKey, new Entry(State.COMPLETED, encodedResult));
  }

  private void write(String idempotencyKey, Entry entry) {
    String key = key(idempotencyKey);
    ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.COMMAND_LEDGER, key, entry.result());
    record.headers().add(EventHeaders.LEDGER_STATE, entry.state().name().getBytes(StandardCharsets.UTF_8));
    record.headers().add(EventHeaders.HANDLER, handler.getBytes(StandardCharsets.UTF_8));
    try {
      template.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing the command ledger", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not write the command ledger for " + key + ": " + e.getMessage(), e);
    }
    entries.put(key, entry);
  }

  private String key(String idempotencyKey) {
    return handler + ":" + idempotencyKey;
  }

  /** Blocks until every ledger record written before this call has been read. */
  public void awaitCaughtUp(Duration timeout) {
    CompletableFuture<Void> request = new CompletableFuture<>();
    catchUpRequests.add(request);
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      request.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the command ledger", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the command ledger " + Topics.COMMAND_LEDGER + " did not catch up within "
          + timeout + "; refusing to handle commands without knowing which already ran", e);
    }
  }

  @Override
  public void start() {
    running = true;
    tail = new Thread(this::tailLoop, "command-ledger-" + handler);
    tail.setDaemon(true);
    tail.start();
    awaitCaughtUp(Duration.ofSeconds(60));
    log.info("command ledger for {} loaded: {} entries", handler, entries.size());
  }

  private void tailLoop() {
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig)) {
      consumer = c;
      List<TopicPartition> partitions = null;
      while (running && partitions == null) {
        try {
          partitions = partitions(c);
        } catch (WakeupException e) {
          // a catch-up request arrived before the topic was known: keep looking it up
        }
      }
      if (partitions == null) {
        return;
      }
      c.assign(partitions);
      c.seekToBeginning(partitions);
      Map<TopicPartition, Long> target = Map.of();
      boolean needTarget = false;
      List<CompletableFuture<Void>> waiting = new ArrayList<>();
      while (running) {
        // wakeup() from awaitCaughtUp may interrupt any consumer call below; the loop just goes round again
        try {
          for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
            apply(r);
          }
          CompletableFuture<Void> request;
          while ((request = catchUpRequests.poll()) != null) {
            waiting.add(request);
            needTarget = true;
          }
          if (needTarget) {
            target = c.endOffsets(partitions);
            needTarget = false;
          }
          if (!waiting.isEmpty() && caughtUp(c, target)) {
            waiting.forEach(f -> f.complete(null));
            waiting.clear();
          }
        } catch (WakeupException e) {
          // handled on the next round
        }
      }
    } catch (RuntimeException e) {
      log.error("command ledger tail stopped", e);
      catchUpRequests.forEach(f -> f.completeExceptionally(e));
    } finally {
      consumer = null;
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
    for (int attempt = 0; ; attempt++) {
      List<PartitionInfo> infos = c.partitionsFor(Topics.COMMAND_LEDGER, Duration.ofSeconds(10));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      if (attempt > 30) {
        throw new IllegalStateException("topic " + Topics.COMMAND_LEDGER + " does not exist");
      }
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static boolean caughtUp(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> target) {
    for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void apply(ConsumerRecord<String, byte[]> r) {
    if (r.key() == null || !r.key().startsWith(handler + ":")) {
      return;
    }
    Header state = r.headers().lastHeader(EventHeaders.LEDGER_STATE);
    if (r.value() == null || state == null) {
      entries.remove(r.key());
      return;
    }
    State s = State.valueOf(new String(state.value(), StandardCharsets.UTF_8));
    // never let a late STARTED overwrite a COMPLETED written by this instance
    entries.compute(r.key(), (k, old) -> old != null && old.state() == State.COMPLETED && s == State.STARTED
        ? old : new Entry(s, r.value()));
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = tail;
    if (t != null) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // before the listener containers (phase Integer.MAX_VALUE - 100)
    return 0;
  }

  public int size() {
    return entries.size();
  }
}
