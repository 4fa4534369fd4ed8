package io.drautopilot.orchestrator.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.common.Scenario;
import io.drautopilot.contracts.common.Severity;
import io.drautopilot.contracts.incident.IncidentDetected;
import io.drautopilot.messaging.EventHeaders;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class StreamsDeadLettersTest {

  final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final StreamsDeadLetters deadLetters =
      new StreamsDeadLetters(() -> producer, meters, "dr-orchestrator");

  record Context(
      String topic,
      int partition,
      long offset,
      Headers headers,
      byte[] sourceRawKey,
      byte[] sourceRawValue)
      implements ErrorHandlerContext {
    public String processorNodeId() {
      return "engine";
    }

    public TaskId taskId() {
      return new TaskId(1, partition);
    }

    public long timestamp() {
      return 1_000L;
    }
  }

  static final IncidentDetected DETECTION =
      OrchestratorDriver.detection(
          "inc-1",
          "fp-1",
          Scenario.TABLE_CORRUPTION,
          Severity.P1,
          "entities",
          Instant.EPOCH,
          Instant.EPOCH);

  DeadLetterProcessingHandler processingHandler() {
    DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
    handler.configure(Map.of(StreamsDeadLetters.CONFIG, deadLetters));
    return handler;
  }

  @Test
  void shouldDeadLetterTheSourceBytesOfARecordAProcessorFailsOnAndContinue() {
    byte[] raw = EventCodec.shared().encode(DETECTION);
    RecordHeaders original = new RecordHeaders();
    original.add(EventHeaders.EVENT_ID, "e-1".getBytes(StandardCharsets.UTF_8));
    Context context =
        new Context(
            Topics.COMMAND_RESULTS,
            2,
            41L,
            original,
            "inc-1".getBytes(StandardCharsets.UTF_8),
            raw);

    ProcessingHandlerResponse response =
        processingHandler()
            .handle(
                context,
                new Record<>("inc-1", DETECTION, 1_000L),
                new IllegalStateException("wrapped", new IllegalArgumentException("no such step")));

    assertThat(response).isEqualTo(ProcessingHandlerResponse.CONTINUE);
    ProducerRecord<byte[], byte[]> letter = producer.history().get(0);
    assertThat(letter.topic()).isEqualTo("dr.commands.results.dlt");
    assertThat(letter.key()).isEqualTo("inc-1".getBytes(StandardCharsets.UTF_8));
    assertThat(letter.value()).isEqualTo(raw);
    assertThat(header(letter, EventHeaders.DEAD_LETTER_REASON))
        .isEqualTo("IllegalArgumentException: no such step".getBytes(StandardCharsets.UTF_8));
    assertThat(header(letter, "kafka_dlt-original-topic"))
        .isEqualTo(Topics.COMMAND_RESULTS.getBytes(StandardCharsets.UTF_8));
    assertThat(header(letter, "kafka_dlt-original-partition"))
        .isEqualTo(ByteBuffer.allocate(4).putInt(2).array());
    assertThat(header(letter, "kafka_dlt-original-offset"))
        .isEqualTo(ByteBuffer.allocate(8).putLong(41L).array());
    assertThat(header(letter, EventHeaders.EVENT_ID))
        .isEqualTo("e-1".getBytes(StandardCharsets.UTF_8));
    assertThat(
            meters
                .counter(
                    "dr.records.dead.lettered",
                    "topic",
                    Topics.COMMAND_RESULTS,
                    "reason",
                    "IllegalArgumentException")
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldReEncodeTheValueAndUseTheDetectionsDeadLetterTopicForARepartitionedSignal() {
    Context context =
        new Context("dr-orchestrator-signals-repartition", 0, 7L, new RecordHeaders(), null, null);

    ProcessingHandlerResponse response =
        processingHandler()
            .handle(
                context,
                new Record<>("inc-1", DETECTION, 1_000L),
                new NullPointerException("no runbook"));

    assertThat(response).isEqualTo(ProcessingHandlerResponse.CONTINUE);
    ProducerRecord<byte[], byte[]> letter = producer.history().get(0);
    assertThat(letter.topic()).isEqualTo("dr.incidents.detected.dlt");
    assertThat(letter.key()).isEqualTo("inc-1".getBytes(StandardCharsets.UTF_8));
    assertThat(EventCodec.shared().decode(letter.value())).isEqualTo(DETECTION);
    assertThat(header(letter, "kafka_dlt-original-topic"))
        .isEqualTo("dr-orchestrator-signals-repartition".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void shouldFailTheTaskRatherThanLoseTheRecordWhenTheDeadLetterCannotBeWritten() {
    producer.sendException = new KafkaException("broker gone");
    DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
    handler.configure(Map.of(StreamsDeadLetters.CONFIG, deadLetters));
    ConsumerRecord<byte[], byte[]> bad =
        new ConsumerRecord<>(Topics.INCIDENTS_DETECTED, 0, 3L, null, new byte[] {1, 2});

    DeserializationHandlerResponse response =
        handler.handle(
            new Context(Topics.INCIDENTS_DETECTED, 0, 3L, new RecordHeaders(), null, null),
            bad,
            new IllegalStateException("undecodable"));

    assertThat(response).isEqualTo(DeserializationHandlerResponse.FAIL);
    assertThat(meters.find("dr.records.dead.lettered").counter()).isNull();
  }

  @Test
  void shouldRefuseToStartWithoutADeadLetterPublisher() {
    assertThatThrownBy(() -> new DeadLetterDeserializationHandler().configure(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(StreamsDeadLetters.CONFIG);
  }

  static byte[] header(ProducerRecord<?, ?> record, String name) {
    var h = record.headers().lastHeader(name);
    assertThat(h).as("header %s", name).isNotNull();
    return h.value();
  }
}
