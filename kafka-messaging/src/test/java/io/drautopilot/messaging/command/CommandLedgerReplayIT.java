package io.drautopilot.messaging.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.drautopilot.contracts.Topics;
import io.drautopilot.messaging.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What an instance that takes over a handler's partitions knows from the ledger topic alone: the
 * commands the previous owner started and completed, read back on the embedded broker.
 */
class CommandLedgerReplayIT {

  static String brokers;

  final String handler = "restore-" + UUID.randomUUID();
  final List<CommandLedger> started = new ArrayList<>();

  @BeforeAll
  static void ledgerTopic() throws Exception {
    brokers = System.getProperty("spring.embedded.kafka.brokers");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
      admin.createTopics(List.of(new NewTopic(Topics.COMMAND_LEDGER, 2, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  @AfterEach
  void stopLedgers() {
    started.forEach(CommandLedger::stop);
  }

  @Test
  void shouldKnowWhatThePreviousOwnerStartedAndCompletedWhenItTakesOver() {
    // given an instance that started one command and completed another, then died
    CommandLedger previous = start(handler);
    previous.markStarted("idem-started");
    previous.markStarted("idem-done");
    previous.markCompleted("idem-done", new byte[] {4, 2});
    previous.stop();

    // when another instance starts
    CommandLedger next = start(handler);

    // then it knows both, the completed one with its result, and nothing else
    assertThat(next.find("idem-started"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(CommandLedger.State.STARTED));
    assertThat(next.find("idem-done"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.state()).isEqualTo(CommandLedger.State.COMPLETED);
              assertThat(e.result()).containsExactly(4, 2);
            });
    assertThat(next.size()).isEqualTo(2);
    assertThat(next.isRunning()).isTrue();
  }

  @Test
  void shouldReadOnlyItsOwnHandlersEntries() throws Exception {
    write("other-" + handler + ":idem-1", "COMPLETED", new byte[] {1});
    write(handler + "x:idem-2", "COMPLETED", new byte[] {1});

    CommandLedger ledger = start(handler);

    assertThat(ledger.find("idem-1")).isEmpty();
    assertThat(ledger.size()).isZero();
  }

  @Test
  void shouldNeverLetALateStartUndoACompletion() throws Exception {
    // given a retried STARTED write that landed after the command's COMPLETED
    write(handler + ":idem-1", "COMPLETED", new byte[] {9});
    write(handler + ":idem-1", "STARTED", new byte[0]);

    CommandLedger ledger = start(handler);

    assertThat(ledger.find("idem-1"))
        .hasValueSatisfying(
            e -> {
              assertThat(e.state()).isEqualTo(CommandLedger.State.COMPLETED);
              assertThat(e.result()).containsExactly(9);
            });
  }

  @Test
  void shouldTakeACompletionAfterAStart() throws Exception {
    write(handler + ":idem-1", "STARTED", new byte[0]);
    write(handler + ":idem-1", "COMPLETED", new byte[] {9});

    CommandLedger ledger = start(handler);

    assertThat(ledger.find("idem-1"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(CommandLedger.State.COMPLETED));
  }

  @Test
  void shouldForgetAnEntryWhoseRecordWasDeletedOrCarriesNoState() throws Exception {
    write(handler + ":idem-deleted", "COMPLETED", new byte[] {1});
    write(handler + ":idem-deleted", null, null);
    write(handler + ":idem-stateless", "COMPLETED", new byte[] {1});
    write(handler + ":idem-stateless", null, new byte[] {1});

    CommandLedger ledger = start(handler);

    assertThat(ledger.find("idem-deleted")).isEmpty();
    assertThat(ledger.find("idem-stateless")).isEmpty();
  }

  @Test
  void shouldSeeWhatAnotherInstanceWroteOnceCaughtUp() {
    // given a running instance
    CommandLedger ledger = start(handler);
    CommandLedger other = start(handler);

    // when another instance completes a command, and a rebalance hands its partition over
    other.markCompleted("idem-elsewhere", new byte[] {3});
    ledger.awaitCaughtUp(Duration.ofSeconds(60));

    // then the running instance knows it was completed
    assertThat(ledger.find("idem-elsewhere"))
        .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(CommandLedger.State.COMPLETED));
  }

  @Test
  void shouldStopReadingWhenStopped() {
    CommandLedger ledger = start(handler);

    ledger.stop();

    assertThat(ledger.isRunning()).isFalse();
  }

  private CommandLedger start(String handlerName) {
    KafkaTemplate<String, Object> template =
        new KafkaTemplate<>(
            new DefaultKafkaProducerFactory<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    CommandLedger ledger =
        new CommandLedger(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                brokers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "ignored",
                "spring.deserializer.value.delegate.class",
                "ignored"),
            template,
            handlerName);
    ledger.start();
    started.add(ledger);
    return ledger;
  }

  /** A ledger record as another instance (or an older version) left it. */
  private void write(String key, String state, byte[] value) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
            new StringSerializer(),
            new ByteArraySerializer())) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(Topics.COMMAND_LEDGER, key, value);
      if (state != null) {
        record.headers().add(EventHeaders.LEDGER_STATE, state.getBytes(StandardCharsets.UTF_8));
      }
      producer.send(record).get();
    }
  }
}
