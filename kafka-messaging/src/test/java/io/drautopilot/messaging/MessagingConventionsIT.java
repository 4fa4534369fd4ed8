package io.drautopilot.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.command.CommandProgressed;
import io.drautopilot.contracts.common.CommandFailure;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.contracts.common.Evidence;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeCommand;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeResult;
import io.drautopilot.contracts.restore.TableRestored;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = MessagingTestApplication.class)
class MessagingConventionsIT {

  @Autowired EventPublisher publisher;
  @Autowired MessagingTestApplication.RecordingListener recording;
  @Autowired MessagingTestApplication.CountingRestoreHandler restoreHandler;
  @Autowired BlockingQueue<ConsumerRecord<String, Object>> results;
  @Autowired MeterRegistry meters;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  static IncidentDetected incident(String incidentId) {
    Instant now = Instant.parse("2026-01-15T10:30:00Z");
    return IncidentDetected.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setIncidentId(incidentId)
                .setCorrelationId("corr-" + incidentId)
                .setOccurredAt(now)
                .setProducer("detector-test")
                .build())
        .setFingerprint("fp-" + incidentId)
        .setScenario(Scenario.TABLE_CORRUPTION)
        .setSeverity(Severity.P1)
        .setRegion("us-east-1")
        .setAffectedResources(List.of("entities"))
        .setSymptoms(
            List.of(
                Evidence.newBuilder()
                    .setSignal("integrity")
                    .setDetail("bad")
                    .setObservedAt(now)
                    .build()))
        .setImpactStartedAt(now)
        .setDetectedAt(now)
        .setDetectorId("d1")
        .build();
  }

  @Test
  void shouldDeliverAnEventPublishedByOneServiceToAnotherServicesConsumer() throws Exception {
    IncidentDetected sent = incident("inc-roundtrip");

    publisher.publish(Topics.INCIDENTS_DETECTED, sent);

    ConsumerRecord<String, Object> got = awaitKey(recording.received, "inc-roundtrip");
    assertThat(got.value()).isEqualTo(sent);
    assertThat(header(got, EventHeaders.CORRELATION_ID)).isEqualTo("corr-inc-roundtrip");
    assertThat(header(got, EventHeaders.EVENT_TYPE)).isEqualTo(IncidentDetected.class.getName());
    assertThat(meters.counter("dr.records.consumed", "topic", Topics.INCIDENTS_DETECTED).count())
        .isPositive();
  }

  @Test
  void shouldDeadLetterPoisonRecordsWithTheReasonAndKeepConsuming() throws Exception {
    byte[] randomBytes = "definitely not avro".getBytes(StandardCharsets.UTF_8);
    byte[] unknownFingerprint = EventCodec.shared().encode(incident("x"));
    unknownFingerprint[4] ^= 0x33;

    try (KafkaProducer<String, byte[]> raw =
        new KafkaProducer<>(
            Map.of("bootstrap.servers", brokers),
            new StringSerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(Topics.INCIDENTS_DETECTED, "poison-random", randomBytes)).get();
      raw.send(
              new ProducerRecord<>(
                  Topics.INCIDENTS_DETECTED, "poison-fingerprint", unknownFingerprint))
          .get();
    }
    publisher.publish(Topics.INCIDENTS_DETECTED, "fail-me", incident("fail-me"));
    publisher.publish(Topics.INCIDENTS_DETECTED, incident("inc-after-poison"));

    assertThat(awaitKey(recording.received, "inc-after-poison").value())
        .isInstanceOf(IncidentDetected.class);
    List<ConsumerRecord<String, byte[]>> dead =
        readAll(Topics.deadLetterOf(Topics.INCIDENTS_DETECTED), 3);
    assertThat(dead)
        .extracting(ConsumerRecord::key)
        .contains("poison-random", "poison-fingerprint", "fail-me");
    ConsumerRecord<String, byte[]> random =
        dead.stream().filter(r -> r.key().equals("poison-random")).findFirst().orElseThrow();
    assertThat(random.value()).isEqualTo(randomBytes);
    assertThat(header(random, EventHeaders.DEAD_LETTER_REASON)).contains("missing C3 01 header");
    assertThat(header(random, "kafka_dlt-original-topic")).isEqualTo(Topics.INCIDENTS_DETECTED);
    assertThat(random.headers().lastHeader("kafka_dlt-original-offset")).isNotNull();
    assertThat(random.headers().lastHeader("kafka_dlt-original-partition")).isNotNull();
    assertThat(
            header(
                dead.stream()
                    .filter(r -> r.key().equals("poison-fingerprint"))
                    .findFirst()
                    .orElseThrow(),
                EventHeaders.DEAD_LETTER_REASON))
        .contains("unknown schema fingerprint");
    assertThat(
            header(
                dead.stream().filter(r -> r.key().equals("fail-me")).findFirst().orElseThrow(),
                EventHeaders.DEAD_LETTER_REASON))
        .contains("the handler rejects this incident");
  }

  @Test
  void shouldActOnceAndReturnTheRecordedResultForARedeliveredCommand() throws Exception {
    RestoreTableToPointInTimeCommand command =
        restoreCommand("inc-idem", "entities-recovery", "idem-1");
    int before = restoreHandler.calls.get();

    publisher.publish(Topics.RESTORE_COMMANDS, command);
    publisher.publish(Topics.RESTORE_COMMANDS, command);

    ConsumerRecord<String, Object> first =
        awaitType(results, "inc-idem", RestoreTableToPointInTimeResult.class);
    ConsumerRecord<String, Object> second =
        awaitType(results, "inc-idem", RestoreTableToPointInTimeResult.class);
    assertThat(second.value()).isEqualTo(first.value());
    assertThat(((RestoreTableToPointInTimeResult) first.value()).getOutcome())
        .isInstanceOf(TableRestored.class);
    assertThat(restoreHandler.calls.get() - before).isEqualTo(1);
    assertThat(
            meters
                .counter("dr.commands.duplicates", "action", "RestoreTableToPointInTimeCommand")
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldTurnAHandlerExceptionIntoATypedFailureResult() throws Exception {
    publisher.publish(
        Topics.RESTORE_COMMANDS, restoreCommand("inc-explode", "explode-table", "idem-explode"));

    ConsumerRecord<String, Object> got =
        awaitType(results, "inc-explode", RestoreTableToPointInTimeResult.class);
    RestoreTableToPointInTimeResult result = (RestoreTableToPointInTimeResult) got.value();
    assertThat(result.getOutcome())
        .isInstanceOfSatisfying(
            CommandFailure.class,
            f -> {
              assertThat(f.getCode()).isEqualTo("IllegalStateException");
              assertThat(f.getMessage()).isEqualTo("boom while restoring");
              assertThat(f.getRetryable()).isFalse();
            });
    assertThat(result.getMetadata().getIdempotencyKey()).isEqualTo("idem-explode");
    assertThat(result.getMetadata().getCausationId()).isNotNull();
  }

  @Test
  void shouldTurnAHandlerExceptionIntoTheFailureOfTheServicesMappingWhenItHasOne()
      throws Exception {
    publisher.publish(
        Topics.RESTORE_COMMANDS, restoreCommand("inc-busy", "busy-table", "idem-busy"));

    ConsumerRecord<String, Object> got =
        awaitType(results, "inc-busy", RestoreTableToPointInTimeResult.class);
    assertThat(((RestoreTableToPointInTimeResult) got.value()).getOutcome())
        .isInstanceOfSatisfying(
            CommandFailure.class,
            f -> {
              assertThat(f.getCode()).isEqualTo("TableInUse");
              assertThat(f.getRetryable()).isTrue();
            });
  }

  @Test
  void shouldStampTheResultWithTheTimeTheActionEndedNotWhenTheHandlerBuiltIt() throws Exception {
    // The test handler copies the command's metadata into its result before it works for 400 ms,
    // as a handler that builds its envelope first would.
    RestoreTableToPointInTimeCommand command =
        restoreCommand("inc-slow", "slow-table", "idem-slow");
    Instant sent = Instant.now();

    publisher.publish(Topics.RESTORE_COMMANDS, command);

    ConsumerRecord<String, Object> got =
        awaitType(results, "inc-slow", RestoreTableToPointInTimeResult.class);
    Instant ended = ((RestoreTableToPointInTimeResult) got.value()).getMetadata().getOccurredAt();
    assertThat(Duration.between(command.getMetadata().getOccurredAt(), ended))
        .isGreaterThanOrEqualTo(
            Duration.ofMillis(MessagingTestApplication.CountingRestoreHandler.SLOW_ACTION_MILLIS));
    assertThat(ended)
        .isAfterOrEqualTo(
            sent.plusMillis(MessagingTestApplication.CountingRestoreHandler.SLOW_ACTION_MILLIS));
  }

  static RestoreTableToPointInTimeCommand restoreCommand(
      String incident, String target, String idempotencyKey) {
    return RestoreTableToPointInTimeCommand.newBuilder()
        .setMetadata(
            EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setIncidentId(incident)
                .setCorrelationId(incident)
                .setOccurredAt(Instant.now())
                .setProducer("orchestrator-test")
                .setRunbookId("table-corruption")
                .setRunbookVersion(1)
                .setStepId("restore")
                .setIdempotencyKey(idempotencyKey)
                .build())
        .setSourceTableName("entities")
        .setTargetTableName(target)
        .setRegion("us-east-1")
        .setRestorePointTime(Instant.parse("2026-01-15T10:29:00Z"))
        .build();
  }

  private static ConsumerRecord<String, Object> awaitKey(
      BlockingQueue<ConsumerRecord<String, Object>> queue, String key) throws InterruptedException {
    return awaitType(queue, key, Object.class);
  }

  private static ConsumerRecord<String, Object> awaitType(
      BlockingQueue<ConsumerRecord<String, Object>> queue, String key, Class<?> type)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<ConsumerRecord<String, Object>> skipped = new ArrayList<>();
    try {
      while (System.nanoTime() < deadline) {
        ConsumerRecord<String, Object> r = queue.poll(200, TimeUnit.MILLISECONDS);
        if (r != null && key.equals(r.key()) && type.isInstance(r.value())) {
          return r;
        }
        if (r != null) {
          skipped.add(r);
        }
      }
    } finally {
      queue.addAll(
          skipped.stream()
              .filter(r -> !(r.value() instanceof CommandProgressed) || !key.equals(r.key()))
              .toList());
    }
    throw new AssertionError("no " + type.getSimpleName() + " with key " + key + " within 30 s");
  }

  private List<ConsumerRecord<String, byte[]>> readAll(String topic, int atLeast) {
    try (KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                brokers,
                "group.id",
                "dlt-reader-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      c.subscribe(List.of(topic));
      List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (all.size() < atLeast && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(all::add);
      }
      return all;
    }
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
