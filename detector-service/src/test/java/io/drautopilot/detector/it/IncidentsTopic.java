package io.drautopilot.detector.it;

import io.drautopilot.contracts.Topics;
import io.drautopilot.messaging.serde.AvroEventDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads dr.incidents.detected from the beginning, as the orchestrator would. */
final class IncidentsTopic implements AutoCloseable {

  private final KafkaConsumer<String, Object> consumer;
  private final List<ConsumerRecord<String, Object>> seen = new ArrayList<>();

  IncidentsTopic(String brokers) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                brokers,
                "group.id",
                "it-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest",
                "enable.auto.commit",
                "false"),
            new StringDeserializer(),
            new AvroEventDeserializer());
    consumer.subscribe(List.of(Topics.INCIDENTS_DETECTED));
  }

  /** Polls until a record with this key matching the predicate arrives. */
  ConsumerRecord<String, Object> await(String key, Predicate<Object> match, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (ConsumerRecord<String, Object> r : seen) {
        if (r.key().equals(key) && match.test(r.value())) {
          return r;
        }
      }
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    throw new AssertionError(
        "no matching record with key "
            + key
            + " within "
            + timeout
            + "; saw keys "
            + seen.stream().map(ConsumerRecord::key).toList());
  }

  /** Everything received for a key after polling for {@code settle} more. */
  List<Object> valuesFor(String key, Duration settle) {
    Instant deadline = Instant.now().plus(settle);
    while (Instant.now().isBefore(deadline)) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return seen.stream().filter(r -> r.key().equals(key)).map(ConsumerRecord::value).toList();
  }

  /** Every key received after polling for {@code settle} more. */
  List<String> keys(Duration settle) {
    valuesFor("", settle);
    return seen.stream().map(ConsumerRecord::key).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
