package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.messaging.EventHeaders;
import io.drautopilot.orchestrator.adapter.http.IncidentQueries;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Over the embedded broker, with the application's own Streams configuration: undecodable records
 * on the orchestrator's inputs go to the inputs' dead-letter topics with the reason and the original
 * position, and a good detection behind them still opens its incident.
 */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "dr.orchestrator.streams.application-id=orchestrator-dead-letters-it",
      "dr.orchestrator.streams.state-dir=${java.io.tmpdir}/orchestrator-dead-letters-it-${random.uuid}",
      "dr.orchestrator.ticker-enabled=false"
    })
@DirtiesContext
class OrchestratorDeadLettersIT {

  final String brokers = System.getProperty("spring.embedded.kafka.brokers");
  final String run = UUID.randomUUID().toString();

  @Autowired IncidentQueries incidents;
  @Autowired MeterRegistry meters;

  record Sent(String topic, String key, byte[] value, int partition, long offset) {}

  @Test
  void shouldDeadLetterUndecodableInputsWithTheirReasonAndKeepOpeningIncidents() throws Exception {
    // given undecodable records on the detections and the results, then a good detection
    byte[] garbage = new byte[64];
    new Random().nextBytes(garbage);
    garbage[0] = 0x00; // never the single-object header by chance
    byte[] unknownFingerprint =
        ByteBuffer.allocate(2 + 8 + 4)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put((byte) 0xC3)
            .put((byte) 0x01)
            .putLong(0x0123456789ABCDEFL)
            .putInt(42)
            .array();
    String incidentId = "inc-dlt-" + run;
    Instant now = Instant.now();
    byte[] good =
        EventCodec.shared()
            .encode(
                OrchestratorDriver.detection(
                    incidentId,
                    "fp-" + incidentId,
                    Scenario.TABLE_CORRUPTION,
                    Severity.P2,
                    "entities",
                    now,
                    now));

    List<Sent> bad;
    try (KafkaProducer<String, byte[]> producer = producer()) {
      bad =
          List.of(
              send(producer, Topics.INCIDENTS_DETECTED, "garbage-" + run, garbage),
              send(producer, Topics.INCIDENTS_DETECTED, "unknown-" + run, unknownFingerprint),
              send(producer, Topics.COMMAND_RESULTS, "garbage-" + run, garbage),
              send(producer, Topics.COMMAND_RESULTS, "unknown-" + run, unknownFingerprint));
      send(producer, Topics.INCIDENTS_DETECTED, "fp-" + incidentId, good);
    }

    // then the incident opens
    long deadline = System.currentTimeMillis() + 60_000;
    while (incidents.find(incidentId).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(incidents.find(incidentId))
        .as("the good detection behind the bad ones opens its incident")
        .isPresent();

    // and every bad record is on its topic's dead-letter topic, bytes as sent, with reason and
    // position
    Map<String, ConsumerRecord<String, byte[]>> deadLetters = readDeadLetters(4);
    for (Sent s : bad) {
      ConsumerRecord<String, byte[]> letter = deadLetters.get(s.topic() + "/" + s.key());
      assertThat(letter).as("dead letter of %s on %s", s.key(), s.topic()).isNotNull();
      assertThat(letter.topic()).isEqualTo(Topics.deadLetterOf(s.topic()));
      assertThat(letter.value()).isEqualTo(s.value());
      assertThat(header(letter, "kafka_dlt-original-topic"))
          .asString(StandardCharsets.UTF_8)
          .isEqualTo(s.topic());
      assertThat(ByteBuffer.wrap(header(letter, "kafka_dlt-original-partition")).getInt())
          .isEqualTo(s.partition());
      assertThat(ByteBuffer.wrap(header(letter, "kafka_dlt-original-offset")).getLong())
          .isEqualTo(s.offset());
      String reason =
          new String(header(letter, EventHeaders.DEAD_LETTER_REASON), StandardCharsets.UTF_8);
      if (s.key().startsWith("garbage")) {
        assertThat(reason).startsWith("EventDecodingException: not Avro single-object encoding");
      } else {
        assertThat(reason)
            .startsWith("UnknownSchemaException: unknown schema fingerprint 123456789abcdef");
      }
    }
    assertThat(
            meters
                .counter(
                    "dr.records.dead.lettered",
                    "topic",
                    Topics.COMMAND_RESULTS,
                    "reason",
                    "UnknownSchemaException")
                .count())
        .isGreaterThanOrEqualTo(1.0);
    assertThat(
            meters
                .counter(
                    "dr.records.dead.lettered",
                    "topic",
                    Topics.INCIDENTS_DETECTED,
                    "reason",
                    "EventDecodingException")
                .count())
        .isGreaterThanOrEqualTo(1.0);
  }

  private Sent send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
      throws Exception {
    var meta = producer.send(new ProducerRecord<>(topic, key, value)).get();
    return new Sent(topic, key, value, meta.partition(), meta.offset());
  }

  /** This run's dead letters by original topic and key (other tests share the broker). */
  private Map<String, ConsumerRecord<String, byte[]>> readDeadLetters(int expected) {
    Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "dlt-it-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(
          List.of(
              Topics.deadLetterOf(Topics.INCIDENTS_DETECTED),
              Topics.deadLetterOf(Topics.COMMAND_RESULTS)));
      long deadline = System.currentTimeMillis() + 30_000;
      while (found.size() < expected && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.key() != null && r.key().endsWith(run)) {
            String original =
                new String(header(r, "kafka_dlt-original-topic"), StandardCharsets.UTF_8);
            found.put(original + "/" + r.key(), r);
          }
        }
      }
    }
    return found;
  }

  private static byte[] header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    assertThat(h).as("header %s", name).isNotNull();
    return h.value();
  }

  private KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
