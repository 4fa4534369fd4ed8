package io.drautopilot.messaging.command;

import io.drautopilot.contracts.Topics;
import io.drautopilot.messaging.EventHeaders;
import io.drautopilot.messaging.Readers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
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
 *
 * <p>The reading thread rides out transient Kafka errors ({@link RetriableException}, such as a
 * {@code TimeoutException} from a poll or an end-offset lookup): the first of a streak is logged at
 * WARN, and the thread pauses and reads on. Any other error ends it for good, as {@link #stop} does;
 * from then on every catch-up, waiting or new, fails at once with the reason, so neither
 * {@link #start} nor a partition handed over waits out its timeout.
 *
 * <p>A record under this handler's own key whose state header names no {@link State} (written by a
 * newer version, or by hand) ends the thread too, and so stops start-up: skipping it could repeat a
 * destructive command. The error names the record's partition, offset and key. The operator checks
 * what that command really did (or runs the version that wrote the state), then writes under that
 * key either a tombstone (the command is forgotten: a redelivery acts again) or an empty record with
 * the header {@value EventHeaders#LEDGER_STATE}{@code =STARTED} (a redelivery is handed over as
 * half-done, for the handler to check before acting), and restarts the service.
 */
public class CommandLedger implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(CommandLedger.class);

  /** State of one command in the ledger. */
  public enum State {
    STARTED,
    COMPLETED
  }

  /** One ledger entry; {@code result} is the encoded result record when completed. */
  public record Entry(State state, byte[] result) {}

  private final Map<String, Object> consumerConfig;
  private final KafkaTemplate<String, Object> template;
  private final String handler;
  private final Function<Map<String, Object>, Consumer<String, byte[]>> consumers;
  private final Duration lookupPause;
  private final CommandLedgerView view;
  private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUpRequests =
      new ConcurrentLinkedQueue<>();

  /** Every catch-up someone waits for, whether the reading thread took it in yet or not. */
  private final Set<CompletableFuture<Void>> pending = ConcurrentHashMap.newKeySet();

  /** Why the reading thread ended for good (null while it reads, or before the first start). */
  private final AtomicReference<IllegalStateException> ended = new AtomicReference<>();

  private volatile Consumer<String, byte[]> consumer;
  private volatile Thread tail;
  private volatile boolean running;
  private volatile CountDownLatch stopping = new CountDownLatch(0);

  /** Transient errors in a row on the reading thread (touched by that thread only). */
  private int streak;

  public CommandLedger(
      Map<String, Object> kafkaConsumerConfig,
      KafkaTemplate<String, Object> template,
      String handler) {
    this(kafkaConsumerConfig, template, handler, KafkaConsumer::new, Duration.ofSeconds(1));
  }

  /**
   * The consumer that reads the topic is made by {@code consumers} from the final settings, and
   * {@code lookupPause} separates two lookups of a topic not there yet and follows a transient error:
   * the unit tests' way in, with a {@code MockConsumer} instead of a broker.
   */
  CommandLedger(
      Map<String, Object> kafkaConsumerConfig,
      KafkaTemplate<String, Object> template,
      String handler,
      Function<Map<String, Object>, Consumer<String, byte[]>> consumers,
      Duration lookupPause) {
    this.consumerConfig = new java.util.HashMap<>(kafkaConsumerConfig);
    this.consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    this.consumerConfig.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
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
    ProducerRecord<String, Object> record =
        new ProducerRecord<>(Topics.COMMAND_LEDGER, key, entry.result());
    record
        .headers()
        .add(EventHeaders.LEDGER_STATE, entry.state().name().getBytes(StandardCharsets.UTF_8));
    record.headers().add(EventHeaders.HANDLER, handler.getBytes(StandardCharsets.UTF_8));
    try {
      template.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted writing the command ledger", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not write the command ledger for " + key + ": " + e.getMessage(), e);
    }
    view.recorded(key, entry);
  }

  /**
   * Blocks until every ledger record written before this call has been read.
   *
   * @throws IllegalStateException when not caught up within {@code timeout}, or at once when the
   *     reading thread ended (stopped, or an error it cannot ride out: named in the message)
   */
  public void awaitCaughtUp(Duration timeout) {
    awaitCaughtUp(timeout, new CompletableFuture<>());
  }

  /**
   * As {@link #awaitCaughtUp(Duration)}, but gives up as soon as {@code abandoned} completes: the
   * waiter is being stopped, and waiting out the timeout would only hold up its stop.
   *
   * @throws IllegalStateException also when {@code abandoned} completed first; the caller then knows
   *     nothing of what ran and must handle no command
   */
  public void awaitCaughtUp(Duration timeout, CompletableFuture<?> abandoned) {
    CompletableFuture<Void> request = new CompletableFuture<>();
    pending.add(request);
    IllegalStateException why = ended.get();
    if (why != null) {
      // nothing reads the topic any more; had it ended after this check, its end fails what is
      // pending
      request.completeExceptionally(why);
    } else {
      catchUpRequests.add(request);
    }
    Consumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      CompletableFuture.anyOf(request, abandoned).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!request.isDone()) {
        throw new IllegalStateException(
            "stopped before the command ledger "
                + Topics.COMMAND_LEDGER
                + " caught up; no command of these partitions is handled");
      }
      request.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the command ledger", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the command ledger "
              + Topics.COMMAND_LEDGER
              + " cannot catch up: "
              + e.getCause().getMessage()
              + "; refusing to handle commands without knowing which already ran",
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the command ledger "
              + Topics.COMMAND_LEDGER
              + " did not catch up within "
              + timeout
              + "; refusing to handle commands without knowing which already ran",
          e);
    } finally {
      pending.remove(request);
    }
  }

  /**
   * Starts the reading thread and returns once it has read the topic to its end.
   *
   * @throws IllegalStateException when it cannot (the reading thread ended, or {@link #stop} was
   *     called meanwhile) or not within a minute; the ledger is then stopped
   */
  @Override
  public void start() {
    ended.set(null);
    stopping = new CountDownLatch(1);
    running = true;
    tail = new Thread(this::tailLoop, "command-ledger-" + handler);
    tail.setDaemon(true);
    tail.start();
    try {
      awaitCaughtUp(Duration.ofSeconds(60));
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    log.info("command ledger for {} loaded: {} entries", handler, view.size());
  }

  /**
   * The reading thread: a poll loop around {@link CommandLedgerReader}, which takes the decisions.
   * A transient error leaves the reader's work for its next round; any other error ends the thread.
   */
  private void tailLoop() {
    streak = 0;
    try {
      Consumer<String, byte[]> c = consumers.apply(consumerConfig);
      try {
        consumer = c;
        readWhileRunning(c);
      } finally {
        // a reader: nothing to wait for at close (see Readers)
        Readers.close(c);
      }
    } catch (RuntimeException e) {
      log.error("command ledger tail stopped", e);
      end(new IllegalStateException("its reading thread for " + handler + " stopped on " + e, e));
    } finally {
      consumer = null;
    }
  }

  private void readWhileRunning(Consumer<String, byte[]> c) {
    CommandLedgerReader reader = new CommandLedgerReader(c, view, catchUpRequests, lookupPause);
    boolean open = false;
    while (running) {
      try {
        boolean answered;
        if (open) {
          answered = reader.round();
        } else {
          open = reader.open(() -> running);
          answered = open;
        }
        // a round cut short by a wake-up says nothing of whether the broker answers again
        if (answered) {
          recovered();
        }
      } catch (RetriableException e) {
        pauseAfter(e);
      }
    }
  }

  private void recovered() {
    if (streak > 0) {
      log.info("command ledger for {} reading again after {} transient errors", handler, streak);
      streak = 0;
    }
  }

  private void pauseAfter(RetriableException e) {
    if (streak++ == 0) {
      log.warn(
          "command ledger for {}: {}; retrying every {} until it reads again",
          handler,
          e,
          lookupPause);
    } else {
      log.debug("command ledger for {}: still {}", handler, e);
    }
    try {
      stopping.await(lookupPause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted pausing after " + e, interrupted);
    }
  }

  /** Fails every catch-up, waiting or to come, with the first reason the reading thread ended for. */
  private void end(IllegalStateException why) {
    ended.compareAndSet(null, why);
    pending.forEach(f -> f.completeExceptionally(ended.get()));
  }

  @Override
  public void stop() {
    running = false;
    stopping.countDown();
    end(new IllegalStateException("the ledger for " + handler + " was stopped"));
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
