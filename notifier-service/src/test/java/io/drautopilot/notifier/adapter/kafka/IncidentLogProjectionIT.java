package io.drautopilot.notifier.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.notify.GenerateIncidentReportCommand;
import io.drautopilot.contracts.notify.NotifyContactsCommand;
import io.drautopilot.contracts.restore.RestoreTableToPointInTimeCommand;
import io.drautopilot.contracts.timeline.IncidentAcknowledged;
import io.drautopilot.contracts.timeline.IncidentOpened;
import io.drautopilot.contracts.timeline.StepStarted;
import io.drautopilot.messaging.EventPublisher;
import io.drautopilot.notifier.NotifierIntegrationTest;
import io.drautopilot.notifier.NotifierTestStack;
import io.drautopilot.notifier.domain.report.CommandIssued;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The incident-log projection only observes the topics it reads: a poison record there is dead-lettered
 * once, by the topic's own consumer; and a restart resumes from its store and offsets instead of
 * re-reading (and re-judging) the whole history.
 */
class IncidentLogProjectionIT extends NotifierIntegrationTest {

  static final List<String> LOG_TOPICS =
      List.of(
          Topics.INCIDENT_TIMELINE,
          Topics.RESTORE_COMMANDS,
          Topics.VALIDATION_COMMANDS,
          Topics.NOTIFIER_COMMANDS,
          Topics.COMMAND_RESULTS,
          Topics.NOTIFICATION_DELIVERIES);

  @Autowired EventPublisher publisher;
  @Autowired IncidentLogProjection projection;
  @Autowired MeterRegistry meters;

  @Value("${spring.embedded.kafka.brokers}")
  String brokers;

  @Test
  void shouldLeaveAPoisonRecordOnACommandTopicToItsOwningConsumerWhenProjecting() throws Exception {
    // given random bytes on the restore commands (owned by restore-service, not running here) and
    // on
    // the notifier's own commands, each followed by a valid command of the same incident (same
    // partition)
    String incident = "INC-" + UUID.randomUUID();
    byte[] poison = poison();
    send(Topics.RESTORE_COMMANDS, incident, poison);
    send(Topics.NOTIFIER_COMMANDS, incident, poison);
    RestoreTableToPointInTimeCommand restore =
        (RestoreTableToPointInTimeCommand)
            RecordedIncidents.tableCorruption(incident).stream()
                .filter(r -> r instanceof RestoreTableToPointInTimeCommand)
                .findFirst()
                .orElseThrow();
    publisher.publish(Topics.RESTORE_COMMANDS, restore);
    GenerateIncidentReportCommand report =
        GenerateIncidentReportCommand.newBuilder()
            .setMetadata(GenerateIncidentReportIT.metadata(incident, "cmd-report", "11:05:02"))
            .build();
    publisher.publish(Topics.NOTIFIER_COMMANDS, report);

    // when the projection has read past both poison records, and the notifier's command consumer
    // has
    // dead-lettered the one on its own topic
    awaitEvents(projection, incident, events -> events.size() == 2);
    List<ConsumerRecord<byte[], byte[]>> ownDeadLetter =
        deadLetters(Topics.NOTIFIER_COMMANDS, poison, 1);

    // then the one on the notifier's topic is dead-lettered exactly once, by its owner (group
    // notifier-service),
    assertThat(ownDeadLetter).hasSize(1);
    assertThat(header(ownDeadLetter.get(0), "kafka_dlt-original-consumer-group"))
        .isEqualTo("notifier-service");
    // the one on restore-service's topic not at all by the notifier (restore-service does it when
    // it reads it)
    assertThat(deadLetters(Topics.RESTORE_COMMANDS, poison, 0)).isEmpty();
    // and the projection counted what it skipped
    assertThat(
            meters
                .counter(
                    "dr.records.skipped",
                    "topic",
                    Topics.RESTORE_COMMANDS,
                    "consumer",
                    IncidentLogProjection.CONSUMER,
                    "reason",
                    "EventDecodingException")
                .count())
        .isPositive();
    assertThat(projection.events(incident))
        .extracting(e -> ((CommandIssued) e).type())
        .containsExactlyInAnyOrder(
            "RestoreTableToPointInTimeCommand", "GenerateIncidentReportCommand");
  }

  @Test
  void shouldGiveTheBreachSubjectsTheIncidentsEvidenceNamesOnceTheNotifyCommandsEntryIsRead()
      throws Exception {
    // given an incident whose opening evidence names a principal and a source IP
    String incident = "INC-" + UUID.randomUUID();
    List<Object> log =
        recordedLog(incident).stream()
            .map(
                r ->
                    r instanceof IncidentOpened o
                        ? IncidentOpened.newBuilder(o)
                            .setSymptoms(
                                List.of(
                                    io.drautopilot.contracts.common.Evidence.newBuilder()
                                        .setSignal("cloudtrail-breach:suspicious-access")
                                        .setDetail("Scan burst")
                                        .setObservedAt(Instant.now())
                                        .setSubjects(
                                            Map.of(
                                                "principalName",
                                                "mallory",
                                                "sourceIp",
                                                "203.0.113.9"))
                                        .build()))
                            .build()
                        : r)
            .toList();
    String commandEventId =
        log.stream()
            .filter(r -> r instanceof StepStarted)
            .map(r -> ((StepStarted) r).getCommandEventId())
            .filter(java.util.Objects::nonNull)
            .findFirst()
            .orElseThrow();
    log.forEach(r -> publisher.publish(GenerateIncidentReportIT.topicOf(r), (SpecificRecord) r));
    IncidentLogProjection projection =
        projection(
            "incident-subjects-" + UUID.randomUUID(),
            NotifierTestStack.freshDirectory(),
            new SimpleMeterRegistry());
    projection.start();
    try {
      // when the notifier asks for them as a breach page does (waiting for the command's own entry)
      var subjects =
          IncidentSubjects.fromLog(projection, Duration.ofSeconds(60))
              .of(incident, commandEventId, true);

      // then
      assertThat(subjects)
          .hasValueSatisfying(
              v -> assertThat(v).containsExactlyInAnyOrder("mallory", "203.0.113.9"));
      // and an incident never read is unknown, not "no subjects"
      assertThat(
              IncidentSubjects.fromLog(projection, Duration.ofMillis(200))
                  .of("INC-unknown", "none", true))
          .isEmpty();
    } finally {
      projection.stop();
    }
  }

  @Test
  void shouldResumeFromItsStoreAndOffsetsWhenRestartedInsteadOfReReadingTheLog() throws Exception {
    // given a projection that has read a poison record and one incident's log
    String incident = "INC-" + UUID.randomUUID();
    byte[] poison = poison();
    send(Topics.VALIDATION_COMMANDS, incident, poison);
    List<Object> log = recordedLog(incident);
    log.forEach(r -> publisher.publish(GenerateIncidentReportIT.topicOf(r), (SpecificRecord) r));
    String applicationId = "incident-log-restart-" + UUID.randomUUID();
    String stateDir = NotifierTestStack.freshDirectory();
    SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
    IncidentLogProjection first = projection(applicationId, stateDir, firstMeters);
    first.start();
    List<Object> before;
    long readByFirst;
    try {
      before = awaitEvents(first, incident, events -> events.size() == log.size());
      awaitCaughtUp(first);
      readByFirst = first.recordsRead();
    } finally {
      first.stop();
    }
    assertThat(skipped(firstMeters)).isPositive();

    // when it restarts with its state directory, and one more event of the incident arrives
    SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
    IncidentLogProjection second = projection(applicationId, stateDir, secondMeters);
    second.start();
    try {
      publisher.publish(Topics.INCIDENT_TIMELINE, acknowledgement(incident));
      List<Object> after = awaitEvents(second, incident, events -> events.size() == log.size() + 1);

      // then it holds the history without reading it again: the poison (earlier in the incident's
      // partition) is not seen again, and it reads less than the first one read from offset 0
      assertThat(after).containsAll(before);
      assertThat(skipped(secondMeters)).isZero();
      assertThat(second.recordsRead()).isLessThan(readByFirst);
    } finally {
      second.stop();
    }
    // and nothing of it was dead-lettered, before or after the restart
    assertThat(deadLetters(Topics.VALIDATION_COMMANDS, poison, 0)).isEmpty();
  }

  @Test
  void shouldRebuildFromItsChangelogWhenTheLocalStateIsLost() throws Exception {
    // given a projection that has read a poison record and an incident's log, and stopped
    String incident = "INC-" + UUID.randomUUID();
    send(Topics.RESTORE_COMMANDS, incident, poison());
    List<Object> log = recordedLog(incident);
    log.forEach(r -> publisher.publish(GenerateIncidentReportIT.topicOf(r), (SpecificRecord) r));
    String applicationId = "incident-log-rebuild-" + UUID.randomUUID();
    SimpleMeterRegistry firstMeters = new SimpleMeterRegistry();
    IncidentLogProjection first =
        projection(applicationId, NotifierTestStack.freshDirectory(), firstMeters);
    first.start();
    long readByFirst;
    try {
      awaitEvents(first, incident, events -> events.size() == log.size());
      awaitCaughtUp(first);
      readByFirst = first.recordsRead();
    } finally {
      first.stop();
    }
    assertThat(skipped(firstMeters)).isPositive();

    // when it starts on a new machine (empty state directory)
    SimpleMeterRegistry rebuiltMeters = new SimpleMeterRegistry();
    IncidentLogProjection rebuilt =
        projection(applicationId, NotifierTestStack.freshDirectory(), rebuiltMeters);
    rebuilt.start();
    try {
      // then the store comes back from the compacted changelog, not from the log topics: the poison
      // before the incident's records in their partition is not read again
      assertThat(awaitEvents(rebuilt, incident, events -> events.size() == log.size()))
          .hasSize(log.size());
      assertThat(skipped(rebuiltMeters)).isZero();
      assertThat(rebuilt.recordsRead()).isLessThan(readByFirst);
    } finally {
      rebuilt.stop();
    }
  }

  /** A recorded incident without the command the notifier would act on for real. */
  static List<Object> recordedLog(String incident) {
    return RecordedIncidents.tableCorruption(incident).stream()
        .filter(r -> !(r instanceof NotifyContactsCommand))
        .toList();
  }

  IncidentLogProjection projection(String applicationId, String stateDir, MeterRegistry registry) {
    Properties settings =
        IncidentLogProjection.settings(
            applicationId, "test", brokers, stateDir, Duration.ofMillis(100), -1);
    return new IncidentLogProjection(LOG_TOPICS, settings, registry);
  }

  /**
   * Waits until a projection started from offset 0 has processed every record now in the log topics,
   * so what it reads after a restart can only be what arrived since.
   */
  void awaitCaughtUp(IncidentLogProjection projection) throws InterruptedException {
    long inLog = recordsInLogTopics();
    Instant deadline = Instant.now().plusSeconds(60);
    while (projection.recordsRead() < inLog && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(projection.recordsRead()).isGreaterThanOrEqualTo(inLog);
  }

  long recordsInLogTopics() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : LOG_TOPICS) {
        consumer
            .partitionsFor(topic, Duration.ofSeconds(10))
            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plusSeconds(30);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && Instant.now().isBefore(deadline)) {
        count += consumer.poll(Duration.ofMillis(200)).count();
      }
    }
    return count;
  }

  static double skipped(SimpleMeterRegistry registry) {
    return registry.find("dr.records.skipped").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  static List<Object> awaitEvents(
      IncidentLogProjection projection, String incident, Predicate<List<Object>> until)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    List<Object> events = List.of();
    while (Instant.now().isBefore(deadline)) {
      try {
        events = projection.events(incident);
        if (until.test(events)) {
          return events;
        }
      } catch (IncidentLogProjection.IncidentLogUnavailableException starting) {
        // not queryable yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError(
        "the projection of "
            + incident
            + " did not reach the expected state; it holds "
            + events.size()
            + " events");
  }

  static IncidentAcknowledged acknowledgement(String incident) {
    return IncidentAcknowledged.newBuilder()
        .setMetadata(GenerateIncidentReportIT.metadata(incident, "ack", "14:05:00"))
        .setAcknowledgedBy("jane.smith")
        .setNote("on it")
        .build();
  }

  /** Bytes no decoder accepts, unique to the test so they can be found on a dead-letter topic. */
  static byte[] poison() {
    return ("not an event " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
  }

  void send(String topic, String key, byte[] value) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  /**
   * The records on the topic's dead-letter topic carrying these bytes, read to the end (and, when
   * {@code expected} is positive, until that many have arrived).
   */
  List<ConsumerRecord<byte[], byte[]>> deadLetters(String topic, byte[] value, int expected) {
    String dlt = Topics.deadLetterOf(topic);
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(dlt, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(dlt, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Instant deadline = Instant.now().plusSeconds(30);
      while (Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (Arrays.equals(r.value(), value)) {
            found.add(r);
          }
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        boolean atEnd = partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
        if (atEnd && found.size() >= expected) {
          return found;
        }
      }
    }
    return found;
  }

  static String header(ConsumerRecord<?, ?> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
