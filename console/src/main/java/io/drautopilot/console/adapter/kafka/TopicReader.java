package io.drautopilot.console.adapter.kafka;

import io.drautopilot.console.adapter.audit.TimelineChains;
import io.drautopilot.console.domain.IncidentBoard;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.messaging.Readers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Feeds the board from the topics. Partitions are assigned and read from the beginning, never
 * subscribed: the console joins no consumer group and commits nothing, so a restart rebuilds the
 * same board by re-reading, and no service's offsets move. Only committed transactions are read.
 * A topic that does not exist yet is looked for again until it does.
 */
public final class TopicReader implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TopicReader.class);
  private static final Duration TOPIC_RETRY = Duration.ofSeconds(2);

  private final Map<String, Object> consumerProperties;
  private final List<String> topics;
  private final IncidentBoard board;
  private final TimelineChains chains;
  private volatile boolean running;
  private volatile KafkaConsumer<String, byte[]> consumer;
  private Thread thread;

  public TopicReader(
      Map<String, Object> consumerProperties,
      List<String> topics,
      IncidentBoard board,
      TimelineChains chains) {
    this.consumerProperties = new java.util.HashMap<>(consumerProperties);
    this.topics = List.copyOf(topics);
    this.board = board;
    this.chains = chains;
    // not overridable: the console must see what the services committed and must not move anyone's
    // offsets
    this.consumerProperties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    this.consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    this.consumerProperties.remove(ConsumerConfig.GROUP_ID_CONFIG);
    this.consumerProperties.remove("interceptor.classes");
    this.consumerProperties.put(
        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    this.consumerProperties.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    this.consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
    this.consumerProperties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "console-reader");
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::run, "console-topic-reader");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(Duration.ofSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    while (running) {
      try {
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerProperties);
        try {
          consumer = c;
          read(c);
        } finally {
          // assigned, no group: a plain close would hold the console's stop for fetch.max.wait.ms
          Readers.close(c);
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        // the board is rebuilt from the beginning on the next try, so nothing read twice counts
        // twice
        log.warn("Reading {} failed, starting again from the beginning: {}", topics, e.toString());
        board.clear();
        chains.clear();
        pause(TOPIC_RETRY);
      }
    }
  }

  private void read(KafkaConsumer<String, byte[]> c) {
    List<TopicPartition> assigned = new ArrayList<>();
    Set<String> found = new java.util.HashSet<>();
    while (running) {
      if (found.size() < topics.size()) {
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : topics) {
          if (found.contains(topic)) {
            continue;
          }
          List<PartitionInfo> partitions = c.partitionsFor(topic, TOPIC_RETRY);
          if (partitions != null && !partitions.isEmpty()) {
            found.add(topic);
            partitions.forEach(p -> added.add(new TopicPartition(topic, p.partition())));
          }
        }
        if (!added.isEmpty()) {
          assigned.addAll(added);
          c.assign(assigned);
          c.seekToBeginning(added);
          log.info("Reading {} partitions of {} from the beginning", added.size(), found);
        }
        if (assigned.isEmpty()) {
          pause(TOPIC_RETRY);
          continue;
        }
      }
      for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
        if (r.value() == null) {
          continue;
        }
        // the bytes as written, for the hash chain (keyed by incident id, as every service
        // partitions)
        chains.accept(r.topic(), r.key(), r.value());
        try {
          board.apply((IndexedRecord) EventCodec.shared().decode(r.value()));
        } catch (RuntimeException e) {
          // a record the console cannot read is skipped; the services dead-letter it, the console
          // only shows
          log.warn(
              "Skipped {} partition {} offset {}: {}",
              r.topic(),
              r.partition(),
              r.offset(),
              e.getMessage());
        }
      }
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
