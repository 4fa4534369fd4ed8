package io.drautopilot.sandbox;

import io.drautopilot.contracts.Topics;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exports every topic of the catalog to {@code <dir>/log/<topic>.jsonl} when a kept drill ends, and
 * reads such an export back for forensics. The export is the log, record for record.
 */
final class EventLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventLog() {}

  static int export(String bootstrapServers, Path dir) throws IOException {
    Path logDir = dir.resolve("log");
    Files.createDirectories(logDir);
    int total = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "sandbox-export-" + UUID.randomUUID(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      for (Topics.TopicSpec spec : Topics.ALL) {
        var infos = consumer.partitionsFor(spec.name(), Duration.ofSeconds(5));
        if (infos == null || infos.isEmpty()) {
          continue;
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        List<LoggedRecord> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!reached(consumer, end) && System.nanoTime() < deadline) {
          for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            records.add(LoggedRecord.of(r));
          }
        }
        if (records.isEmpty()) {
          continue;
        }
        try (BufferedWriter w = Files.newBufferedWriter(logDir.resolve(spec.name() + ".jsonl"), StandardCharsets.UTF_8)) {
          for (LoggedRecord r : records) {
            w.write(toJson(r));
            w.newLine();
          }
        }
        total += records.size();
      }
    }
    return total;
  }

  private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (var e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  static String toJson(LoggedRecord r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("topic", r.topic());
    n.put("partition", r.partition());
    n.put("offset", r.offset());
    n.put("timestamp", r.timestamp());
    n.put("key", r.key());
    ObjectNode headers = n.putObject("headers");
    r.headers().forEach(headers::put);
    n.put("value", r.valueBase64());
    return JSON.writeValueAsString(n);
  }

  /** Every exported record of every topic, ordered by timestamp (then topic, partition, offset). */
  static List<LoggedRecord> read(Path dir) throws IOException {
    Path logDir = dir.resolve("log");
    if (!Files.isDirectory(logDir)) {
      throw new IOException("no exported log in " + dir + " (expected " + logDir + "; run the drill with --keep)");
    }
    List<LoggedRecord> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(logDir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
          String line;
          while ((line = r.readLine()) != null) {
            if (!line.isBlank()) {
              all.add(fromJson(JSON.readTree(line)));
            }
          }
        }
      }
    }
    all.sort(Comparator.comparingLong(LoggedRecord::timestamp).thenComparing(LoggedRecord::topic)
        .thenComparingInt(LoggedRecord::partition).thenComparingLong(LoggedRecord::offset));
    return all;
  }

  private static LoggedRecord fromJson(JsonNode n) {
    Map<String, String> headers = new LinkedHashMap<>();
    n.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
    String value = n.path("value").isNull() ? null : n.path("value").asString();
    return new LoggedRecord(n.path("topic").asString(), n.path("partition").asInt(), n.path("offset").asLong(),
        n.path("timestamp").asLong(), n.path("key").isNull() ? null : n.path("key").asString(), headers,
        value == null ? null : Base64.getDecoder().decode(value));
  }
}
