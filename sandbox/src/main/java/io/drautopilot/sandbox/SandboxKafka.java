package io.drautopilot.sandbox;

import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.messaging.Readers;
import io.drautopilot.messaging.TopicDeclarations;
import io.drautopilot.messaging.serde.AvroEventSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The drill's own Kafka clients of its broker, besides the services': a publisher of events, and a reader of topics
 * from their beginning to their end.
 */
final class SandboxKafka {

  private SandboxKafka() {}

  /**
   * Creates the topic catalog's topics that do not exist yet, the way each service does at its start (Spring Kafka's
   * {@link KafkaAdmin} with {@link TopicDeclarations}): the drill writes to them (earlier restores replayed) before
   * the services are up.
   */
  static void createTopics(String bootstrapServers) {
    new KafkaAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))
        .createOrModifyTopics(TopicDeclarations.newTopics(Optional.empty()));
  }

  /** Publishes events as the services do (acks=all, idempotent, Avro values); closing it closes its producers. */
  static final class Publisher implements AutoCloseable {

    private final DefaultKafkaProducerFactory<String, Object> producers;
    private final EventPublisher events;

    Publisher(String bootstrapServers) {
      this.producers =
          new DefaultKafkaProducerFactory<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                  true),
              new StringSerializer(),
              new AvroEventSerializer());
      this.events = new EventPublisher(new KafkaTemplate<>(producers), 30_000);
    }

    void publish(String topic, IndexedRecord event) {
      events.publish(topic, event);
    }

    void publish(String topic, String key, IndexedRecord event) {
      events.publish(topic, key, event);
    }

    @Override
    public void close() {
      producers.destroy();
    }
  }

  /**
   * A consumer of committed records only (keys as text, values as written) in a group of its own, named {@code
   * groupPrefix} and a random id; it commits no offsets and is given its partitions ({@link #readToEnd}). Closing it
   * does not wait for the broker ({@link Readers}): half a second less for every log the drill's verdict reads.
   */
  static KafkaConsumer<String, byte[]> reader(String bootstrapServers, String groupPrefix) {
    return new KafkaConsumer<>(
        Map.<String, Object>of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            groupPrefix + UUID.randomUUID(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new StringDeserializer(),
        new ByteArrayDeserializer()) {
      @Override
      public void close() {
        Readers.close(this);
      }
    };
  }

  /**
   * Reads every partition of the topic from its beginning to its end as of now, handing each record to {@code each}
   * in each partition's order.
   *
   * @return whether the end was reached within {@code timeout}; a topic without partitions is read at once
   */
  static boolean readToEnd(
      KafkaConsumer<String, byte[]> consumer,
      String topic,
      Duration metadataTimeout,
      Duration timeout,
      Consumer<ConsumerRecord<String, byte[]>> each) {
    return readToEnd(consumer, List.of(topic), metadataTimeout, timeout, each);
  }

  /**
   * Reads every partition of the topics together, from the beginning to their ends as of now (one assignment, one
   * position lookup and one end-offsets request for all, instead of a round of each per topic), handing each record to
   * {@code each} in each partition's order; the topics' records interleave.
   *
   * @return whether the ends were reached within {@code timeout}
   */
  static boolean readToEnd(
      KafkaConsumer<String, byte[]> consumer,
      List<String> topics,
      Duration metadataTimeout,
      Duration timeout,
      Consumer<ConsumerRecord<String, byte[]>> each) {
    List<TopicPartition> partitions = new java.util.ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, metadataTimeout);
      if (infos != null) {
        infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
    }
    if (partitions.isEmpty()) {
      return true;
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!reached(consumer, end)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      consumer.poll(Duration.ofMillis(200)).forEach(each);
    }
    return true;
  }

  private static boolean reached(
      KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
