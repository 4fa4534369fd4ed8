package io.drautopilot.messaging.command;

import io.drautopilot.contracts.Topics;
import io.drautopilot.messaging.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
  private final Function<Map<String, Object>, Consumer<String, byte[]>> consumers;
  private final Duration lookupPause;
  private final CommandLedgerView view;
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
  private volatile Consumer<String, byte[]> consumer;
  private volatile Thread tail;
  private volatile boolean running;

  public CommandLedger(Map<String, Object> kafkaConsumerConfig, KafkaTemplate<String, Object> template, String handler) {
    this(kafkaConsumerConfig, template, handler, KafkaConsumer::new, Duration.ofSeconds(1));
  }

  /**
   * The consumer that reads the topic is made by {@code consumers} from the final settings, and
   * {@code lookupPause} separates two lookups of a topic not there yet: the unit tests' way in,
   * with a {@code MockConsumer} instead of a broker.
   */
  CommandLedger(Map<String, Object> kafkaConsumerConfig, KafkaTemplate<String, Object> template, String handler,
      Function<Map<String, Object>, Consumer<String, byte[]>> consumers, Duration lookupPause) {
    this.consumerConfig = new java.util.HashMap<>(kafkaConsumerConfig);
    this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    this.consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumerConfig.keySet().removeIf(k -> k.startsWith("spring.deserializer"));
    this.template = template;
    this.handler = handler;
    this.consumers = consumers;
    this.lookupPause = lookupPause;
    this.view = new CommandLedgerView(handler);
  }

  public Optional<Entry> find(String idempotencyKey) {
    return view.find(view.key(idempotencyKey));
  }

  public void markStarted(String idempotencyKey) {
    write(idempotencyKey, new Entry(State.STARTED, new byte[0]));
  }

  public void markCompleted(String idempotencyKey, byte[] encodedResult) {
    write(idempotencyKey, new Entry(State.COMPLETED, encodedResult));
  }

  private void write(String idempotencyKey, Entry entry) {
    String key = view.key(idempotencyKey);
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
    view.recorded(key, entry);
  }

  /** Blocks until every ledger record written before this call has been read. */
  public void awaitCaughtUp(Duration timeout) {
    CompletableFuture<Void> request = new CompletableFuture<>();
    catchUpRequests.add(request);
    Consumer<String, byte[]> c = consumer;
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
    log.info("command ledger for {} loaded: {} entries", handler, view.size());
  }

  /** The reading thread: a poll loop around {@link CommandLedgerReader}, which takes the decisions. */
  private void tailLoop() {
    try (Consumer<String, byte[]> c = consumers.apply(consumerConfig)) {
      consumer = c;
      CommandLedgerReader reader = new CommandLedgerReader(c, view, catchUpRequests, lookupPause);
      if (!reader.open(() -> running)) {
        return;
      }
      while (running) {
        reader.round();
      }
    } catch (RuntimeException e) {
      log.error("command ledger tail stopped", e);
      catchUpRequests.forEach(f -> f.completeExceptionally(e));
    } finally {
      consumer = null;
    }
  }

  @Override
  public void stop() {
    running = false;
    Consumer<String, byte[]> c = consumer;
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
    return view.size();
  }
}
