package io.drautopilot.sandbox;

import io.drautopilot.contracts.Topics;
import io.drautopilot.drctl.DrillLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

/**
 * A kept drill's log: every topic of the catalog read to its end (committed records only) and written with drctl's
 * {@link DrillLog}, the one owner of the {@code <dir>/log/<topic>.jsonl} format, so that {@code drctl --from DIR} and
 * {@code ./drill replay DIR} read what the drill wrote.
 */
final class KeptLog {

  private KeptLog() {}

  /** Exports every topic of {@link Topics#ALL} into {@code dir/log}; returns how many records were written. */
  static int export(String bootstrapServers, Path dir) throws IOException {
    return DrillLog.write(dir, read(bootstrapServers));
  }

  /** Every committed record of every topic of the catalog, in each partition's order. */
  static List<DrillLog.Record> read(String bootstrapServers) {
    List<DrillLog.Record> all = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        SandboxKafka.reader(bootstrapServers, "sandbox-export-")) {
      SandboxKafka.readToEnd(
          consumer,
          Topics.ALL.stream().map(Topics.TopicSpec::name).toList(),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          r -> all.add(record(r)));
    }
    return all;
  }

  static DrillLog.Record record(ConsumerRecord<String, byte[]> r) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : r.headers()) {
      headers.put(
          h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
    }
    return new DrillLog.Record(
        r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), headers, r.value());
  }
}
