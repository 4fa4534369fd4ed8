package io.drautopilot.orchestrator.adapter.kafka;

import io.drautopilot.contracts.Topics;
import io.drautopilot.messaging.EventHeaders;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * Dead letters of the orchestrator's topology, in the same shape as every listener's
 * ({@code io.drautopilot.messaging.DeadLetters}): the original key and value bytes go to
 * {@code <source topic>.dlt} with the reason in {@value EventHeaders#DEAD_LETTER_REASON} and the
 * original topic, partition and offset in {@code kafka_dlt-original-*} headers, and are counted as
 * {@code dr.records.dead.lettered{topic,reason}}.
 *
 * <p>The dead letter is written by a plain idempotent producer of its own, not by the Streams
 * producer: Kafka Streams runs exactly-once, and a record sent inside its transaction would vanish if
 * that transaction were aborted (a rebalance, a fenced producer, a crash before the commit) while
 * the bad record itself is skipped for good once a later transaction commits past it. Written
 * outside, the dead letter is on the log before the handler lets the task continue. The price is
 * at-least-once: a record dead-lettered inside an aborted transaction is read again and
 * dead-lettered again; the original topic/partition/offset headers identify such repeats.
 *
 * <p>The handlers find the instance in the Streams configuration under {@link #CONFIG}.
 */
public class StreamsDeadLetters implements AutoCloseable {

  /** Key of the Streams configuration entry holding the instance the handlers publish through. */
  public static final String CONFIG = "dr.orchestrator.dead-letters";

  private static final Logger log = LoggerFactory.getLogger(StreamsDeadLetters.class);
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final Supplier<Producer<byte[], byte[]>> producerFactory;
  private final MeterRegistry meters;
  private final String consumerGroup;
  private volatile Producer<byte[], byte[]> producer;

  /**
   * @param producerFactory creates the producer on the first dead letter
   * @param meters where dead letters are counted; null counts nothing
   * @param consumerGroup the Streams application id, recorded as the original consumer group
   */
  public StreamsDeadLetters(
      Supplier<Producer<byte[], byte[]>> producerFactory,
      MeterRegistry meters,
      String consumerGroup) {
    this.producerFactory = producerFactory;
    this.meters = meters;
    this.consumerGroup = consumerGroup;
  }

  /** Dead letters through an idempotent {@code acks=all} producer on these servers. */
  public static StreamsDeadLetters to(
      String bootstrapServers, MeterRegistry meters, String applicationId) {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.CLIENT_ID_CONFIG,
            applicationId + "-dead-letters",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            0);
    return new StreamsDeadLetters(
        () -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
        meters,
        applicationId);
  }

  /** The instance registered in a handler's configuration. */
  static StreamsDeadLetters from(Map<String, ?> configs) {
    if (configs.get(CONFIG) instanceof StreamsDeadLetters deadLetters) {
      return deadLetters;
    }
    throw new ConfigException(
        CONFIG,
        configs.get(CONFIG),
        "the orchestrator's dead-letter handlers need a "
            + StreamsDeadLetters.class.getSimpleName()
            + " in the Streams configuration");
  }

  /**
   * The dead-letter topic for a record read from this topic. The topology's own repartition topics
   * carry records of a catalog topic re-keyed: detections ({@code <app>-signals-repartition}) and
   * closures from the timeline ({@code <app>-closures-repartition}); their dead letters go with the
   * topic the record came from.
   */
  static String deadLetterTopicOf(String topic) {
    if (topic.endsWith("-signals-repartition")) {
      return Topics.deadLetterOf(Topics.INCIDENTS_DETECTED);
    }
    if (topic.endsWith("-closures-repartition")) {
      return Topics.deadLetterOf(Topics.INCIDENT_TIMELINE);
    }
    return Topics.deadLetterOf(topic);
  }

  /**
   * Writes the dead letter and waits for the broker to have it.
   *
   * @return false when it could not be written (the caller then fails the task rather than lose the record)
   */
  boolean publish(
      String topic,
      int partition,
      long offset,
      long timestamp,
      Headers original,
      byte[] key,
      byte[] value,
      Exception error) {
    Throwable root = rootCause(error);
    String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
    String deadLetterTopic = deadLetterTopicOf(topic);
    RecordHeaders headers = new RecordHeaders();
    if (original != null) {
      for (Header h : original) {
        if (!h.key().startsWith("kafka_dlt-") && !h.key().equals(EventHeaders.DEAD_LETTER_REASON)) {
          headers.add(h);
        }
      }
    }
    headers.add(EventHeaders.DEAD_LETTER_REASON, utf8(reason));
    headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, utf8(topic));
    headers.add(
        KafkaHeaders.DLT_ORIGINAL_PARTITION,
        ByteBuffer.allocate(Integer.BYTES).putInt(partition).array());
    headers.add(
        KafkaHeaders.DLT_ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(offset).array());
    headers.add(
        KafkaHeaders.DLT_ORIGINAL_TIMESTAMP,
        ByteBuffer.allocate(Long.BYTES).putLong(timestamp).array());
    headers.add(KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(consumerGroup));
    headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, utf8(error.getClass().getName()));
    headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, utf8(String.valueOf(error.getMessage())));
    try {
      producer()
          .send(new ProducerRecord<>(deadLetterTopic, null, null, key, value, headers))
          .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.error(
          "interrupted writing the dead letter of {}-{}@{} ({})", topic, partition, offset, reason);
      return false;
    } catch (Exception e) {
      log.error(
          "could not write the dead letter of {}-{}@{} ({}) to {}",
          topic,
          partition,
          offset,
          reason,
          deadLetterTopic,
          e);
      return false;
    }
    log.warn("{}-{}@{} dead-lettered to {}: {}", topic, partition, offset, deadLetterTopic, reason);
    if (meters != null) {
      meters
          .counter(
              "dr.records.dead.lettered", "topic", topic, "reason", root.getClass().getSimpleName())
          .increment();
    }
    return true;
  }

  private Producer<byte[], byte[]> producer() {
    Producer<byte[], byte[]> p = producer;
    if (p == null) {
      synchronized (this) {
        if (producer == null) {
          producer = producerFactory.get();
        }
        p = producer;
      }
    }
    return p;
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
      producer = null;
    }
  }

  static Throwable rootCause(Throwable ex) {
    Throwable t = ex;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
