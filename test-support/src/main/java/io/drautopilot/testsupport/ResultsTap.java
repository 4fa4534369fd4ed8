package io.drautopilot.testsupport;

import io.drautopilot.contracts.Topics;
import io.drautopilot.contracts.codec.EventCodec;
import io.drautopilot.contracts.command.CommandProgressed;
import io.drautopilot.contracts.common.EventMetadata;
import io.drautopilot.messaging.EventPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code dr.commands.results} and {@code dr.commands.progress} as the orchestrator would, matching them to a
 * command by causation id: how a handler service's tests see what it answered.
 */
public final class ResultsTap implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<IndexedRecord> seen = new CopyOnWriteArrayList<>();

  public ResultsTap(String brokers) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                "bootstrap.servers",
                brokers,
                "group.id",
                "results-tap-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(Topics.COMMAND_RESULTS, Topics.COMMAND_PROGRESS));
  }

  public <T> T awaitOutcome(String commandEventId, Class<T> outcomeType) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      for (IndexedRecord r : seen) {
        EventMetadata m = EventPublisher.metadataOf(r);
        if (!(r instanceof CommandProgressed) && commandEventId.equals(m.getCausationId())) {
          Object outcome = r.get(r.getSchema().getField("outcome").pos());
          if (!outcomeType.isInstance(outcome)) {
            throw new AssertionError(
                "expected " + outcomeType.getSimpleName() + " but got " + outcome);
          }
          return outcomeType.cast(outcome);
        }
      }
      poll();
    }
    throw new AssertionError("no result for command " + commandEventId + " within 90 s");
  }

  /** Waits for {@code count} results caused by one command (a redelivered command is answered again). */
  public <T> List<T> awaitOutcomes(String commandEventId, int count, Class<T> outcomeType) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      List<Object> outcomes =
          seen.stream()
              .filter(r -> !(r instanceof CommandProgressed))
              .filter(r -> commandEventId.equals(EventPublisher.metadataOf(r).getCausationId()))
              .map(r -> r.get(r.getSchema().getField("outcome").pos()))
              .toList();
      if (outcomes.size() >= count) {
        return outcomes.stream().map(outcomeType::cast).toList();
      }
      poll();
    }
    throw new AssertionError(
        "fewer than " + count + " results for command " + commandEventId + " within 90 s");
  }

  public List<CommandProgressed> progressOf(String commandEventId) {
    poll();
    return seen.stream()
        .filter(r -> r instanceof CommandProgressed)
        .map(r -> (CommandProgressed) r)
        .filter(p -> commandEventId.equals(p.getMetadata().getCausationId()))
        .toList();
  }

  private void poll() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
      seen.add((IndexedRecord) EventCodec.shared().decode(r.value()));
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
