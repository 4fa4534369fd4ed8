package io.drautopilot.drctl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads topics as an outside observer: partitions are assigned and sought, never subscribed, so no
 * consumer group is joined and no offset is committed anywhere; only committed transactions are
 * read ({@code read_committed}), as the services see them.
 */
public final class KafkaLog implements AutoCloseable {

  /** One record and where it was. */
  public record Entry(
      String topic, int partition, long offset, long timestamp, String key, byte[] value) {
    public String where() {
      return topic + " partition " + partition + " offset " + offset;
    }
  }

  private final String bootstrap;
  private final Duration timeout;
  private final KafkaConsumer<String, byte[]> consumer;

  public KafkaLog(String bootstrap, Map<String, String> clientProperties, Duration timeout) {
    this.bootstrap = bootstrap;
    this.timeout = timeout;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "drctl");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    p.putAll(clientProperties);
    // not overridable: a reader must see what the services committed and must not move anyone's
    // offsets
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try {
      this.consumer = new KafkaConsumer<>(p);
    } catch (KafkaException e) {
      throw DrctlException.usage(
          "cannot configure the Kafka client for " + bootstrap + ": " + Drctl.oneLine(rootOf(e)));
    }
  }

  /** The topics that exist, which also proves the cluster answers. */
  public Set<String> topics() {
    try {
      return consumer.listTopics(timeout).keySet();
    } catch (RuntimeException e) {
      throw failure("list the topics", e);
    }
  }

  /** Every record of the topics (those that exist), from the beginning to the end as it is now. */
  public List<Entry> readAll(Collection<String> topics) {
    List<Entry> entries = new ArrayList<>();
    read(
        topics,
        false,
        e -> {
          entries.add(e);
          return true;
        });
    return entries;
  }

  /**
   * Reads the topics from the beginning; with {@code follow}, keeps reading new records until
   * {@code each} returns false; otherwise stops at the end offsets of when it started.
   */
  public void read(Collection<String> topics, boolean follow, Predicate<Entry> each) {
    Set<String> existing = topics();
    List<TopicPartition> partitions = new ArrayList<>();
    try {
      for (String topic : topics) {
        if (!existing.contains(topic)) {
          continue;
        }
        for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
          partitions.add(new TopicPartition(topic, info.partition()));
        }
      }
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
      Set<TopicPartition> remaining = new HashSet<>(partitions);
      long lastProgress = System.nanoTime();
      while (follow || !remaining.isEmpty()) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, byte[]> r : records) {
          if (r.value() == null) {
            continue;
          }
          lastProgress = System.nanoTime();
          if (!each.test(
              new Entry(r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value()))) {
            return;
          }
        }
        remaining.removeIf(tp -> consumer.position(tp, timeout) >= end.get(tp));
        if (!follow
            && !remaining.isEmpty()
            && System.nanoTime() - lastProgress > timeout.toNanos()) {
          throw new TimeoutException(
              "no records arrived for "
                  + timeout.toSeconds()
                  + "s while "
                  + remaining.size()
                  + " partitions had more to read");
        }
      }
    } catch (RuntimeException e) {
      throw failure("read " + String.join(", ", topics), e);
    }
  }

  private DrctlException failure(String what, RuntimeException e) {
    if (e instanceof DrctlException d) {
      return d;
    }
    if (e instanceof AuthenticationException || e instanceof AuthorizationException) {
      return DrctlException.unreachable(
          "Kafka at " + bootstrap + " refused to let drctl " + what + ": " + Drctl.oneLine(e), e);
    }
    if (e instanceof TimeoutException) {
      return DrctlException.unreachable(
          "cannot reach Kafka at "
              + bootstrap
              + " to "
              + what
              + " within "
              + timeout.toSeconds()
              + "s ("
              + Drctl.oneLine(e)
              + ")",
          e);
    }
    return DrctlException.unreachable(
        "Kafka at " + bootstrap + ": cannot " + what + ": " + Drctl.oneLine(e), e);
  }

  private static Throwable rootOf(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public void close() {
    // no group joined, nothing committed: nothing to wait for. Waiting would hold every command's
    // exit for the broker's answer to the close of the fetch session, which the broker holds for
    // fetch.max.wait.ms (500 ms by default), like kafka-messaging's Readers.close
    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ZERO));
  }
}
